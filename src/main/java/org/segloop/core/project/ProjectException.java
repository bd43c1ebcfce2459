package org.segloop.core.project;

import java.nio.file.Path;

import org.segloop.core.Remedy;
import org.segloop.core.SegLoopException;

/** A project folder that cannot be opened or changed as asked. */
public class ProjectException extends SegLoopException {

	private static final long serialVersionUID = 1L;

	public ProjectException(Path file, String problem, String fix, Remedy... remedies) {
		super(file, problem, fix, remedies);
	}

	public ProjectException(Path file, String problem, String fix, Throwable cause, Remedy... remedies) {
		super(file, problem, fix, cause, remedies);
	}
}
