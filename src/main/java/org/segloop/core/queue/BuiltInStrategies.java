package org.segloop.core.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.segloop.core.registry.NamedExtension;

/**
 * SegLoop's orders that the queue's indexes deliver directly, as {@link QueueStrategy} providers
 * (listed in META-INF/services with {@code hybrid}, {@link DiverseUncertaintyStrategy}).
 */
public final class BuiltInStrategies {

	private BuiltInStrategies() {}

	/** A strategy that is one of the view's index orders, as it is. */
	private abstract static class IndexOrder extends NamedExtension implements QueueStrategy {

		private final BiFunction<QueueView, Integer, List<Candidate>> order;

		IndexOrder(String name, String description, BiFunction<QueueView, Integer, List<Candidate>> order) {
			super(name, description);
			this.order = order;
		}

		@Override
		public final List<Candidate> rank(QueueView view, int limit) {
			return new ArrayList<>(order.apply(view, limit));
		}
	}

	public static final class Uncertainty extends IndexOrder {
		public Uncertainty() {
			super("uncertainty", "most uncertain first", QueueView::byScore);
		}
	}

	public static final class Random extends IndexOrder {
		public Random() {
			super("random", "seeded random order (a baseline)", QueueView::byRandomKey);
		}
	}

	public static final class First extends IndexOrder {
		public First() {
			super("first", "in the order the images were registered", QueueView::byFileOrder);
		}
	}
}
