package org.segloop.core.queue;

import java.util.ArrayList;
import java.util.List;

import org.segloop.core.registry.NamedExtension;

/**
 * {@code hybrid}: uncertainty with a diversity filter, so that a batch is not a run of
 * near-duplicates. From a pool of the most uncertain images ({@value #POOL_FACTOR} × the batch),
 * picks greedily the image that maximises score × distance to everything already picked or
 * recently served (an uncertainty-weighted k-center greedy on the images' embeddings). Without
 * embeddings it is plain uncertainty order.
 */
public final class DiverseUncertaintyStrategy extends NamedExtension implements QueueStrategy {

	static final int POOL_FACTOR = 4;
	static final int RECENT = 10;

	public DiverseUncertaintyStrategy() {
		super("hybrid", "most uncertain first, without near-duplicates in a batch");
	}

	@Override
	public List<Candidate> rank(QueueView view, int limit) {
		List<Candidate> pool = new ArrayList<>(view.byScore(Math.max(limit * POOL_FACTOR, 20)));
		List<float[]> centres = new ArrayList<>(view.recentlyServedEmbeddings(RECENT));
		List<Candidate> picked = new ArrayList<>();
		while (picked.size() < limit && !pool.isEmpty()) {
			int best = 0;
			double bestValue = -1;
			for (int i = 0; i < pool.size(); i++) {
				Candidate c = pool.get(i);
				double score = Double.isNaN(c.score()) ? 0 : c.score();
				double value = centres.isEmpty() || c.embedding() == null ? score : (score + 1e-9) * nearest(c.embedding(), centres);
				if (value > bestValue) {
					bestValue = value;
					best = i;
				}
			}
			Candidate c = pool.remove(best);
			picked.add(c);
			if (c.embedding() != null) centres.add(c.embedding());
		}
		return picked;
	}

	private static double nearest(float[] e, List<float[]> centres) {
		double min = Double.MAX_VALUE;
		for (float[] c : centres) {
			if (c.length != e.length) continue;
			double d = 0;
			for (int i = 0; i < e.length; i++) d += (e[i] - c[i]) * (e[i] - c[i]);
			min = Math.min(min, d);
		}
		return min == Double.MAX_VALUE ? 1 : Math.sqrt(min);
	}
}
