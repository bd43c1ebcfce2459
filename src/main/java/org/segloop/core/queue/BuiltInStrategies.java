package org.segloop.core.queue;

import java.util.ArrayList;
import java.util.List;

import org.segloop.core.registry.NamedExtension;

/**
 * SegLoop's orders that the queue's indexes deliver directly, as {@link QueueStrategy} providers
 * (listed in META-INF/services with {@code hybrid}, {@link DiverseUncertaintyStrategy}).
 */
public final class BuiltInStrategies {

	private BuiltInStrategies() {}

	public static final class Uncertainty extends NamedExtension implements QueueStrategy {
		public Uncertainty() {
			super("uncertainty", "most uncertain first");
		}

		@Override
		public List<Candidate> rank(QueueView view, int limit) {
			return new ArrayList<>(view.byScore(limit));
		}
	}

	public static final class Random extends NamedExtension implements QueueStrategy {
		public Random() {
			super("random", "seeded random order (a baseline)");
		}

		@Override
		public List<Candidate> rank(QueueView view, int limit) {
			return new ArrayList<>(view.byRandomKey(limit));
		}
	}

	public static final class First extends NamedExtension implements QueueStrategy {
		public First() {
			super("first", "in the order the images were registered");
		}

		@Override
		public List<Candidate> rank(QueueView view, int limit) {
			return new ArrayList<>(view.byFileOrder(limit));
		}
	}
}
