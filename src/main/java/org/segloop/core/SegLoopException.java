package org.segloop.core;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Base of SegLoop's typed errors. Every instance names the file concerned (when there is one),
 * what is wrong with it, and what the user can do about it. The fix says what to do, never how a
 * particular surface does it: the {@link #remedies()} name the actions and settings it refers to,
 * and each surface adds its own way with {@link #messageWith} (the CLI a command or option, the
 * Fiji layer a menu command). {@link #getMessage()} is the message without any surface's way.
 */
public class SegLoopException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Path file;
	private final String problem;
	private final String fix;
	private final transient List<Remedy> remedies;

	public SegLoopException(Path file, String problem, String fix, Remedy... remedies) {
		this(file, problem, fix, null, remedies);
	}

	public SegLoopException(Path file, String problem, String fix, Throwable cause, Remedy... remedies) {
		super(format(file, problem, fix), cause);
		this.file = file;
		this.problem = problem;
		this.fix = fix;
		this.remedies = remedies == null ? List.of() : List.copyOf(Arrays.asList(remedies));
	}

	/** The file the problem is about, or null when none applies. */
	public Path file() {
		return file;
	}

	public String problem() {
		return problem;
	}

	/** What the user should do, in words every surface can show; never empty. */
	public String fix() {
		return fix;
	}

	/** The actions and settings the fix refers to, for a surface to say how it does them. */
	public List<Remedy> remedies() {
		return remedies == null ? List.of() : remedies; // null after deserialisation: the remedies are not kept
	}

	/**
	 * The message with a surface's way of doing each remedy after the fix, e.g. {@code "… — predict
	 * the project's images (segloop predict /data/p1)"}.
	 *
	 * @param way the surface's words for one remedy, or null (or empty) when it has none
	 */
	public String messageWith(Function<? super Remedy, String> way) {
		List<String> ways = remedies().stream().map(way).filter(Objects::nonNull).filter(w -> !w.isBlank()).distinct().toList();
		return format(file, problemWith(way), ways.isEmpty() ? fix : fix + " (" + String.join("; ", ways) + ")");
	}

	/** The problem for {@link #messageWith}; an error that lists other errors words them the same way. */
	protected String problemWith(Function<? super Remedy, String> way) {
		return problem;
	}

	private static String format(Path file, String problem, String fix) {
		String where = file == null ? "" : file + ": ";
		return where + problem + (fix == null || fix.isEmpty() ? "" : " — " + fix);
	}
}
