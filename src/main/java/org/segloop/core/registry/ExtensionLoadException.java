package org.segloop.core.registry;

/**
 * The extensions of one kind cannot be loaded: two of them carry the same name, a name is not a
 * valid user-facing name, or a {@code META-INF/services} entry names a class that cannot be made.
 * A packaging error (of SegLoop or of a jar added next to it), so it is not an
 * {@link IllegalArgumentException}: no value the user typed is wrong.
 */
public final class ExtensionLoadException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	public ExtensionLoadException(String message, Throwable cause) {
		super(message, cause);
	}
}
