package org.segloop.core.queue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.segloop.core.registry.ExtensionFailedException;

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

	/**
	 * The strategy's ranking, with an added strategy held to its contract: it returns a list of
	 * candidates the view gave it, at most {@code limit}; a breach or an unexpected exception is an
	 * {@link ExtensionFailedException} naming the strategy and the project.
	 */
	public static List<Candidate> rank(QueueStrategy strategy, QueueView view, int limit, Path project) {
		if (REGISTRY.isBuiltIn(strategy)) return strategy.rank(view, limit);
		RecordingView seen = new RecordingView(view);
		List<Candidate> ranked;
		try {
			ranked = strategy.rank(seen, limit);
		}
		catch (RuntimeException e) {
			if (!ExtensionFailedException.isBreach(e)) throw e;
			throw failed(strategy, project, "failed ranking the queue: " + e, e);
		}
		if (ranked == null) throw failed(strategy, project, "returned no ranking (null)", null);
		for (Candidate c : ranked)
			if (c == null || !seen.imageIds.contains(c.imageId()))
				throw failed(strategy, project, "ranked " + (c == null ? "a null candidate" : "image " + c.imageId()) + ", which the queue did not offer it", null);
		return ranked.size() <= limit ? ranked : ranked.subList(0, limit);
	}

	private static ExtensionFailedException failed(QueueStrategy strategy, Path project, String problem, Throwable cause) {
		return new ExtensionFailedException(project, REGISTRY.kind(), strategy.name(), strategy.getClass(), problem, cause);
	}

	/** The view, remembering which images it offered. */
	private static final class RecordingView implements QueueView {

		final QueueView view;
		final Set<Long> imageIds = new HashSet<>();

		RecordingView(QueueView view) {
			this.view = view;
		}

		private List<Candidate> offered(List<Candidate> candidates) {
			for (Candidate c : candidates) imageIds.add(c.imageId());
			return new ArrayList<>(candidates);
		}

		@Override
		public List<Candidate> byScore(int limit) {
			return offered(view.byScore(limit));
		}

		@Override
		public List<Candidate> byRandomKey(int limit) {
			return offered(view.byRandomKey(limit));
		}

		@Override
		public List<Candidate> byFileOrder(int limit) {
			return offered(view.byFileOrder(limit));
		}

		@Override
		public List<float[]> recentlyServedEmbeddings(int limit) {
			return view.recentlyServedEmbeddings(limit);
		}
	}
}
