package org.segloop.core.uncertainty;

/**
 * Reduces per-pixel uncertainties to an image's {@link ImageScores} in one pass and constant
 * memory: the mean over all pixels, the mean over pixels predicted as objects, and the mean of the
 * most uncertain fraction of pixels (from a 1000-bin histogram, exact to 0.001). Not thread-safe.
 */
public final class ScoreAccumulator {

	private static final int BINS = 1000;

	private final double topFraction;
	private final long[] histogram = new long[BINS];
	private final double[] binSums = new double[BINS];
	private double sum;
	private double objectSum;
	private long pixels;
	private long objectPixels;

	public ScoreAccumulator(double topFraction) {
		if (!(topFraction > 0 && topFraction <= 1)) throw new IllegalArgumentException("topFraction must be in (0, 1]");
		this.topFraction = topFraction;
	}

	/** Adds one pixel's uncertainty in [0, 1]; {@code object} when it is predicted as an object. */
	public void add(float u, boolean object) {
		sum += u;
		pixels++;
		int bin = Math.min(BINS - 1, Math.max(0, (int) (u * BINS)));
		histogram[bin]++;
		binSums[bin] += u;
		if (object) {
			objectSum += u;
			objectPixels++;
		}
	}

	/**
	 * Whether pixel {@code i} of streamed probabilities ({@code [class][pixel]}, as a
	 * {@code ProbabilityChunk} holds them) is predicted as an object: the {@code object} flag of
	 * {@link #add}, decided as SegLoop's own scorers decide it (one channel: p > 0.5; several: the
	 * most probable class is not background, class 0).
	 */
	public static boolean isObject(float[][] p, int i) {
		if (p.length == 1) return p[0][i] > 0.5f;
		int best = 0;
		for (int c = 1; c < p.length; c++)
			if (p[c][i] > p[best][i]) best = c;
		return best != 0;
	}

	public ImageScores scores() {
		long wanted = Math.max(1, Math.round(topFraction * pixels));
		double topSum = 0;
		long taken = 0;
		for (int b = BINS - 1; b >= 0 && taken < wanted; b--) {
			long n = Math.min(histogram[b], wanted - taken);
			if (n == 0) continue;
			topSum += binSums[b] * n / histogram[b]; // within a bin, values are taken at the bin's mean
			taken += n;
		}
		return new ImageScores(pixels == 0 ? Double.NaN : sum / pixels, objectPixels == 0 ? Double.NaN : objectSum / objectPixels,
			taken == 0 ? Double.NaN : topSum / taken, pixels, objectPixels);
	}
}
