package org.segloop.core.project;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.segloop.core.Remedy;
import org.segloop.core.SegLoopException;
import org.segloop.core.UserSetting;

/**
 * Several files of one batch cannot be registered; every one is listed with its own problem and
 * fix, so one run reports them all. Nothing of the batch was registered.
 */
public final class ImagesRefusedException extends ProjectException {

	private static final long serialVersionUID = 1L;

	private final transient List<SegLoopException> problems;
	private final int files;

	ImagesRefusedException(Path project, List<SegLoopException> problems, int files) {
		super(project, listing(problems, files, SegLoopException::getMessage),
			"correct or leave out these files, or register the others and leave the bad ones out", UserSetting.SKIP_BAD);
		this.problems = List.copyOf(problems);
		this.files = files;
	}

	/** One problem per refused file, in the order the files were given. */
	public List<SegLoopException> problems() {
		return problems;
	}

	/** Each file's problem worded the same way as this one. */
	@Override
	protected String problemWith(Function<? super Remedy, String> way) {
		return listing(problems, files, p -> p.messageWith(way));
	}

	private static String listing(List<SegLoopException> problems, int files, Function<SegLoopException, String> message) {
		return "cannot register " + problems.size() + " of " + files + " file(s), so nothing was added:\n"
			+ String.join("\n", problems.stream().map(p -> "  " + message.apply(p)).toList()) + "\n";
	}
}
