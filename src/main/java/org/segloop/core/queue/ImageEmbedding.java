package org.segloop.core.queue;

import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.PlaneReader;

/**
 * A cheap image descriptor for diversity: the middle plane of the first channel, averaged down to
 * {@value #GRID}×{@value #GRID} cells and standardised (zero mean, unit variance) for the layout, plus
 * the log of its mean and spread for the brightness and contrast (which standardising removed): a
 * dim or noisy image is then far from bright clean ones. 66 floats per image.
 */
public final class ImageEmbedding {

	static final int GRID = 8;
	/** Scales log-brightness to weigh about as much as the layout part (whose norm is √64 = 8). */
	private static final double BRIGHTNESS_WEIGHT = 4;

	private ImageEmbedding() {}

	public static float[] of(ImageVolume image) {
		int w = image.width(), h = image.height();
		PlaneReader r = image.reader(0, image.slices() / 2, image.frames() / 2);
		double[] sum = new double[GRID * GRID];
		long[] count = new long[GRID * GRID];
		for (int y = 0; y < h; y++) {
			int cy = (int) ((long) y * GRID / h);
			for (int x = 0; x < w; x++) {
				int cell = cy * GRID + (int) ((long) x * GRID / w);
				sum[cell] += r.get(y * w + x);
				count[cell]++;
			}
		}
		double mean = 0;
		for (int i = 0; i < sum.length; i++) {
			sum[i] = count[i] == 0 ? 0 : sum[i] / count[i];
			mean += sum[i] / sum.length;
		}
		double var = 0;
		for (double v : sum) var += (v - mean) * (v - mean) / sum.length;
		double sd = Math.sqrt(var) > 1e-12 ? Math.sqrt(var) : 1;
		float[] e = new float[sum.length + 2];
		for (int i = 0; i < sum.length; i++) e[i] = (float) ((sum[i] - mean) / sd);
		e[sum.length] = (float) (BRIGHTNESS_WEIGHT * Math.log1p(Math.max(0, mean)));
		e[sum.length + 1] = (float) (BRIGHTNESS_WEIGHT * Math.log1p(Math.sqrt(var)));
		return e;
	}
}
