package org.segloop.core.model;

import java.nio.file.Path;

import org.segloop.core.Remedy;
import org.segloop.core.SegLoopException;

/** A model package (folder, zip, rdf.yaml or weights) that cannot be used as it is. */
public class ModelPackageException extends SegLoopException {

	private static final long serialVersionUID = 1L;

	public ModelPackageException(Path file, String problem, String fix, Remedy... remedies) {
		super(file, problem, fix, remedies);
	}

	public ModelPackageException(Path file, String problem, String fix, Throwable cause, Remedy... remedies) {
		super(file, problem, fix, cause, remedies);
	}
}
