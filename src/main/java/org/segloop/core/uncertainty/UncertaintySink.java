package org.segloop.core.uncertainty;

import org.segloop.core.inference.ProbabilityChunk;
import org.segloop.core.inference.ProbabilitySink;
import org.segloop.core.inference.SegmentationGeometry;

/**
 * Reduces streamed probabilities to an image's uncertainty scores while the segmenter runs, with
 * no full-size probability image: the mean over all pixels, the mean over pixels predicted as
 * objects (any class but 0), and the mean of the most uncertain {@code topFraction} of pixels
 * (from a 1000-bin histogram, exact to 0.001). Optionally keeps the per-pixel map.
 */
public final class UncertaintySink implements ProbabilitySink {

	/** Image-level scores; NaN where no pixel qualifies (e.g. no object predicted). */
	public record Scores(double mean, double meanOverObjects, double topFractionMean, long pixels, long objectPixels) {}

	private static final int BINS = 1000;

	private final PixelUncertainty measure;
	private final double topFraction;
	private final boolean keepMap;
	private final long[] histogram = new long[BINS];
	private final double[] binSums = new double[BINS];
	private double sum;
	private double objectSum;
	private long pixels;
	private long objectPixels;
	private float[][] map; // per plane (z, t), when kept
	private SegmentationGeometry geometry;

	public UncertaintySink(PixelUncertainty measure, double topFraction, boolean keepMap) {
		if (!(topFraction > 0 && topFraction <= 1)) throw new IllegalArgumentException("topFraction must be in (0, 1]");
		this.measure = measure;
		this.topFraction = topFraction;
		this.keepMap = keepMap;
	}

	@Override
	public void begin(SegmentationGeometry g) {
		geometry = g;
		if (keepMap) map = new float[g.slices() * g.frames()][g.width() * g.height()];
	}

	@Override
	public void accept(ProbabilityChunk chunk) {
		float[][] p = chunk.probabilities();
		int plane = chunk.rows() * chunk.width();
		for (int dz = 0; dz < chunk.depth(); dz++) {
			float[] target = keepMap ? map[geometry.planeIndex(chunk.z0() + dz, chunk.frame())] : null;
			int offset = chunk.y0() * chunk.width();
			for (int k = 0; k < plane; k++) {
				int i = dz * plane + k;
				float u = measure.of(p, i);
				sum += u;
				pixels++;
				int bin = Math.min(BINS - 1, (int) (u * BINS));
				histogram[bin]++;
				binSums[bin] += u;
				if (isObject(p, i)) {
					objectSum += u;
					objectPixels++;
				}
				if (target != null) target[offset + k] = u;
			}
		}
	}

	private static boolean isObject(float[][] p, int i) {
		if (p.length == 1) return p[0][i] > 0.5f;
		int best = 0;
		for (int c = 1; c < p.length; c++)
			if (p[c][i] > p[best][i]) best = c;
		return best != 0;
	}

	public Scores scores() {
		long wanted = Math.max(1, Math.round(topFraction * pixels));
		double topSum = 0;
		long taken = 0;
		for (int b = BINS - 1; b >= 0 && taken < wanted; b--) {
			long n = Math.min(histogram[b], wanted - taken);
			if (n == 0) continue;
			topSum += binSums[b] * n / histogram[b]; // within a bin, values are taken at the bin's mean
			taken += n;
		}
		return new Scores(pixels == 0 ? Double.NaN : sum / pixels, objectPixels == 0 ? Double.NaN : objectSum / objectPixels,
			taken == 0 ? Double.NaN : topSum / taken, pixels, objectPixels);
	}

	/** Per-pixel uncertainty of plane (z, t), or null when the map is not kept. */
	public float[] map(int z, int t) {
		return map == null ? null : map[geometry.planeIndex(z, t)];
	}
}
