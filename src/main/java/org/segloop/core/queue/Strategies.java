package org.segloop.core.queue;

import java.util.ArrayList;
import java.util.List;

/** The queue strategies, by name, as settings and the CLI refer to them. */
public final class Strategies {

	private Strategies() {}

	public static List<String> names() {
		return List.of("uncertainty", "random", "hybrid", "first");
	}

	/** @throws IllegalArgumentException for an unknown name, listing the known ones */
	public static QueueStrategy byName(String name) {
		return switch (name) {
			case "uncertainty" -> simple(name, QueueView::byScore);
			case "random" -> simple(name, QueueView::byRandomKey);
			case "first" -> simple(name, QueueView::byFileOrder);
			case "hybrid" -> new DiverseUncertaintyStrategy();
			default -> throw new IllegalArgumentException("unknown queue strategy '" + name + "'; known: " + names());
		};
	}

	private interface Order {
		List<Candidate> read(QueueView view, int limit);
	}

	private static QueueStrategy simple(String name, Order order) {
		return new QueueStrategy() {
			@Override
			public String name() {
				return name;
			}

			@Override
			public List<Candidate> rank(QueueView view, int limit) {
				return new ArrayList<>(order.read(view, limit));
			}
		};
	}
}
