package org.segloop.core.queue;

import java.util.ArrayList;
import java.util.List;

import org.segloop.core.registry.NamedExtension;

/**
 * {@code diverse}: images that represent the pool, ignoring the scores — meant as the cold start
 * ({@code ProjectSettings.coldStart}), before any correction exists, when the starting model's
 * uncertainty ranks atypical images (dim, noisy, unusual) first and a model fine-tuned on those
 * alone can get worse on the typical image.
 *
 * <p>From a sample of the pool in the project's seeded random order ({@value #SAMPLE_FACTOR} × the
 * batch, at least {@value #MIN_SAMPLE}, at most {@value #MAX_SAMPLE}: milliseconds at any queue
 * size), picks greedily the image that most reduces the sample's summed distance to its nearest
 * picked or recently served image (greedy k-medoids, i.e. facility location, on the images'
 * embeddings). So the first pick is the sample's most typical image and each next one the centre
 * of the largest group not yet covered — unlike farthest-point (k-center) picking, which would
 * pick the outliers first. Images without an embedding come last, in random order. Deterministic
 * for the same queue state.
 */
public final class RepresentativeStrategy extends NamedExtension implements QueueStrategy {

	static final int SAMPLE_FACTOR = 16, MIN_SAMPLE = 64, MAX_SAMPLE = 256;
	static final int RECENT = 50;

	public RepresentativeStrategy() {
		super("diverse", "images that represent the pool (typical first, then other groups), scores ignored: the cold start");
	}

	@Override
	public List<Candidate> rank(QueueView view, int limit) {
		List<Candidate> sample = view.byRandomKey(Math.min(MAX_SAMPLE, Math.max(MIN_SAMPLE, limit * SAMPLE_FACTOR)));
		List<float[]> points = new ArrayList<>();
		List<Candidate> withEmbedding = new ArrayList<>(), without = new ArrayList<>();
		for (Candidate c : sample) {
			if (c.embedding() != null && (points.isEmpty() || c.embedding().length == points.get(0).length)) {
				withEmbedding.add(c);
				points.add(c.embedding());
			}
			else without.add(c);
		}
		int n = points.size();
		double[][] d = new double[n][n];
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++) d[i][j] = d[j][i] = distance(points.get(i), points.get(j));
		// each sample image's distance to its nearest centre so far: the recently served ones first
		double[] nearest = new double[n];
		java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
		for (float[] served : view.recentlyServedEmbeddings(RECENT))
			if (n > 0 && served.length == points.get(0).length)
				for (int i = 0; i < n; i++) nearest[i] = Math.min(nearest[i], distance(points.get(i), served));
		double far = 0; // stands in for "no centre yet", so the first pick is the medoid
		for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) far = Math.max(far, d[i][j]);
		far = 2 * far + 1;
		boolean[] taken = new boolean[n];
		List<Candidate> picked = new ArrayList<>();
		while (picked.size() < limit && picked.size() < n) {
			int best = -1;
			double bestCost = Double.POSITIVE_INFINITY;
			for (int k = 0; k < n; k++) {
				if (taken[k]) continue;
				double cost = 0;
				for (int i = 0; i < n; i++) cost += Math.min(Math.min(nearest[i], far), d[i][k]);
				if (cost < bestCost) { // strict: ties keep the earlier image in the seeded random order
					bestCost = cost;
					best = k;
				}
			}
			taken[best] = true;
			picked.add(withEmbedding.get(best));
			for (int i = 0; i < n; i++) nearest[i] = Math.min(nearest[i], d[i][best]);
		}
		for (Candidate c : without) if (picked.size() < limit) picked.add(c);
		return picked;
	}

	private static double distance(float[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
		return Math.sqrt(s);
	}
}
