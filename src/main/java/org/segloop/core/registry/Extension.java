package org.segloop.core.registry;

/**
 * What every extension point has in common: the name users type (in settings, on the command line,
 * in Fiji's choice lists and macros) and a one-line description for help texts and lists.
 * Implementations are found by {@link Registry} through {@code META-INF/services}, so they need a
 * public class with a public no-argument constructor, and one instance serves every caller: keep
 * them stateless.
 */
public interface Extension {

	/** The user-facing name: lower case letters, digits, '_' or '-', e.g. "entropy" or "nnunet". Unique within its extension point. */
	String name();

	/** One line saying what it does, for {@code --help} and choice lists, e.g. "normalised entropy of the class probabilities". */
	String description();
}
