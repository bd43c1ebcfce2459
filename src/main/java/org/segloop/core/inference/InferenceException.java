package org.segloop.core.inference;

import java.nio.file.Path;

import org.segloop.core.Remedy;
import org.segloop.core.SegLoopException;

/** The model ran, or tried to run, and what came back does not fit its description. */
public class InferenceException extends SegLoopException {

	private static final long serialVersionUID = 1L;

	public InferenceException(Path file, String problem, String fix, Remedy... remedies) {
		super(file, problem, fix, remedies);
	}

	public InferenceException(Path file, String problem, String fix, Throwable cause, Remedy... remedies) {
		super(file, problem, fix, cause, remedies);
	}
}
