package org.segloop.core.registry;

import org.segloop.core.SegLoopException;

/**
 * The extensions of one kind cannot be loaded: two of them carry the same name, a name is not a
 * valid user-facing name, or a {@code META-INF/services} entry names a class that cannot be made.
 * A packaging error (of SegLoop or of a jar added next to it), so no value the user typed is wrong;
 * but the user can fix it (remove or fix a jar), so it is one of SegLoop's typed errors, and the
 * message names the classes and the jars they came from.
 */
public final class ExtensionLoadException extends SegLoopException {

	private static final long serialVersionUID = 1L;

	public ExtensionLoadException(String problem, String fix, Throwable cause) {
		super(null, problem, fix, cause);
	}
}
