package org.segloop.core.project;

import java.nio.file.Path;
import java.util.List;

import org.segloop.core.SegLoopException;

/**
 * Several files of one batch cannot be registered; every one is listed with its own problem and
 * fix, so one run reports them all. Nothing of the batch was registered.
 */
public final class ImagesRefusedException extends ProjectException {

	private static final long serialVersionUID = 1L;

	private final transient List<SegLoopException> problems;

	ImagesRefusedException(Path project, List<SegLoopException> problems, int files) {
		super(project, "cannot register " + problems.size() + " of " + files + " file(s), so nothing was added:\n"
			+ String.join("\n", problems.stream().map(p -> "  " + p.getMessage()).toList()) + "\n",
			"correct or leave out these files, or register the others with --skip-bad");
		this.problems = List.copyOf(problems);
	}

	/** One problem per refused file, in the order the files were given. */
	public List<SegLoopException> problems() {
		return problems;
	}
}
