package org.segloop.core.queue;

import java.util.List;

import org.segloop.core.registry.Registry;
import org.segloop.core.registry.UnknownNameException;

/**
 * The queue strategies, by name, as settings and the CLI refer to them: SegLoop's built-ins and any
 * {@link QueueStrategy} a jar on the class path registers.
 */
public final class Strategies {

	public static final Registry<QueueStrategy> REGISTRY = new Registry<>(QueueStrategy.class, "queue strategy");

	private Strategies() {}

	public static List<String> names() {
		return REGISTRY.names();
	}

	/** @throws UnknownNameException for an unknown name, listing the known ones */
	public static QueueStrategy byName(String name) {
		return REGISTRY.byName(name);
	}
}
