package org.segloop.core.queue;

import java.util.ArrayList;
import java.util.List;

/**
 * SegLoop's orders that the queue's indexes deliver directly, as {@link QueueStrategy} providers
 * (listed in META-INF/services with {@code hybrid}, {@link DiverseUncertaintyStrategy}).
 */
public final class BuiltInStrategies {

	private BuiltInStrategies() {}

	public static final class Uncertainty implements QueueStrategy {
		@Override
		public String name() {
			return "uncertainty";
		}

		@Override
		public String description() {
			return "most uncertain first";
		}

		@Override
		public List<Candidate> rank(QueueView view, int limit) {
			return new ArrayList<>(view.byScore(limit));
		}
	}

	public static final class Random implements QueueStrategy {
		@Override
		public String name() {
			return "random";
		}

		@Override
		public String description() {
			return "seeded random order (a baseline)";
		}

		@Override
		public List<Candidate> rank(QueueView view, int limit) {
			return new ArrayList<>(view.byRandomKey(limit));
		}
	}

	public static final class First implements QueueStrategy {
		@Override
		public String name() {
			return "first";
		}

		@Override
		public String description() {
			return "in the order the images were registered";
		}

		@Override
		public List<Candidate> rank(QueueView view, int limit) {
			return new ArrayList<>(view.byFileOrder(limit));
		}
	}
}
