package org.segloop.core.image;

import java.nio.file.Path;

import org.segloop.core.Remedy;
import org.segloop.core.SegLoopException;

/** An image that cannot be read, or that does not fit the model it is given to. */
public class ImageInputException extends SegLoopException {

	private static final long serialVersionUID = 1L;

	public ImageInputException(Path file, String problem, String fix, Remedy... remedies) {
		super(file, problem, fix, remedies);
	}

	public ImageInputException(Path file, String problem, String fix, Throwable cause, Remedy... remedies) {
		super(file, problem, fix, cause, remedies);
	}
}
