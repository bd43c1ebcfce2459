package org.segloop.core.registry;

import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;

import org.segloop.core.SegLoopException;

/**
 * An added extension broke its contract while SegLoop used it: it threw an unexpected exception or
 * returned something unusable (no result, wrong dimensions, values that are not numbers). Names the
 * extension (kind, name, class and the jar it came from) and the file it was working on; the fix is
 * the extension's, not the file's, so the work stops instead of setting one file after another
 * aside.
 */
public final class ExtensionFailedException extends SegLoopException {

	private static final long serialVersionUID = 1L;

	/**
	 * @param file the file the extension was working on, or null
	 * @param kind the extension point's word, e.g. "uncertainty scorer"
	 * @param name the extension's registered name
	 * @param implementation the class that failed (its jar is named)
	 * @param problem what went wrong, e.g. "returned no uncertainty map"
	 * @param cause the exception it threw, or null
	 */
	public ExtensionFailedException(Path file, String kind, String name, Class<?> implementation, String problem, Throwable cause) {
		super(file, "the " + kind + " '" + name + "' (" + provider(implementation) + ") " + problem,
			"fix or remove the extension that provides '" + name + "' (the jar it came in)", cause);
	}

	/** "org.example.PeakScorer in /opt/ext/peak.jar": a class and where it was loaded from. */
	public static String provider(Class<?> c) {
		if (c == null) return "unknown class";
		return c.getName() + " in " + location(c);
	}

	private static String location(Class<?> c) {
		CodeSource s = c.getProtectionDomain() == null ? null : c.getProtectionDomain().getCodeSource();
		URL u = s == null ? null : s.getLocation();
		if (u == null) return "an unknown location";
		try {
			return Path.of(u.toURI()).toString();
		}
		catch (Exception e) {
			return u.toString();
		}
	}

	/**
	 * Whether {@code e}, thrown by an added extension, is a contract breach to report as this error:
	 * SegLoop's typed errors keep their own meaning and cancellation stays cancellation.
	 */
	public static boolean isBreach(RuntimeException e) {
		return !(e instanceof SegLoopException) && !(e instanceof java.util.concurrent.CancellationException);
	}
}
