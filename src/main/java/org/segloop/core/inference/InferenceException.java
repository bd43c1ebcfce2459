package org.segloop.core.inference;

import java.nio.file.Path;

import org.segloop.core.SegLoopException;

/** The model ran, or tried to run, and what came back does not fit its description. */
public class InferenceException extends SegLoopException {

	private static final long serialVersionUID = 1L;

	public InferenceException(Path file, String problem, String fix) {
		super(file, problem, fix);
	}

	public InferenceException(Path file, String problem, String fix, Throwable cause) {
		super(file, problem, fix, cause);
	}
}
