package org.segloop.core.registry;

/**
 * A convenience base for extensions whose name and description are fixed: the subclass's public
 * no-argument constructor passes them up, and only the extension point's own methods remain.
 */
public abstract class NamedExtension implements Extension {

	private final String name;
	private final String description;

	protected NamedExtension(String name, String description) {
		this.name = name;
		this.description = description;
	}

	@Override
	public final String name() {
		return name;
	}

	@Override
	public final String description() {
		return description;
	}

	@Override
	public String toString() {
		return name;
	}
}
