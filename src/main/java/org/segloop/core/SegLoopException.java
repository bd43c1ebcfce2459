package org.segloop.core;

import java.nio.file.Path;

/**
 * Base of SegLoop's typed errors. Every instance names the file concerned (when there is one),
 * what is wrong with it, and what the user can do about it, so that the CLI and the Fiji layer
 * can show the message as it is.
 */
public class SegLoopException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Path file;
	private final String problem;
	private final String fix;

	public SegLoopException(Path file, String problem, String fix) {
		this(file, problem, fix, null);
	}

	public SegLoopException(Path file, String problem, String fix, Throwable cause) {
		super(format(file, problem, fix), cause);
		this.file = file;
		this.problem = problem;
		this.fix = fix;
	}

	/** The file the problem is about, or null when none applies. */
	public Path file() {
		return file;
	}

	public String problem() {
		return problem;
	}

	/** What the user should do; never empty. */
	public String fix() {
		return fix;
	}

	private static String format(Path file, String problem, String fix) {
		String where = file == null ? "" : file + ": ";
		return where + problem + (fix == null || fix.isEmpty() ? "" : " — " + fix);
	}
}
