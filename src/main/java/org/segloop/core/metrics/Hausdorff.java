package org.segloop.core.metrics;

import java.util.Arrays;

/**
 * 95th-percentile Hausdorff distance between the outlines of two binary masks, per frame in 2D or
 * 3D with the masks' spacing: the larger of the two directed 95th percentiles of outline-to-outline
 * distance (as MONAI computes it).
 */
final class Hausdorff {

	private Hausdorff() {}

	static double hd95(LabelVolume a, LabelVolume b) {
		double worst = 0;
		boolean anyA = false, anyB = false;
		for (int t = 0; t < a.frames(); t++) {
			boolean[] ea = outline(a, t), eb = outline(b, t);
			boolean hasA = any(ea), hasB = any(eb);
			anyA |= hasA;
			anyB |= hasB;
			if (!hasA || !hasB) continue;
			worst = Math.max(worst, Math.max(directed(ea, eb, a), directed(eb, ea, a)));
		}
		if (anyA != anyB) return Double.NaN;
		return worst;
	}

	private static double directed(boolean[] from, boolean[] to, LabelVolume geometry) {
		double[] d2 = DistanceTransform.squared(to, geometry.width(), geometry.height(), geometry.slices(), geometry.spacing());
		int n = 0;
		for (boolean f : from) if (f) n++;
		double[] d = new double[n];
		int k = 0;
		for (int i = 0; i < from.length; i++) if (from[i]) d[k++] = Math.sqrt(d2[i]);
		Arrays.sort(d);
		return d[(int) Math.min(n - 1, Math.ceil(0.95 * n) - 1)];
	}

	/** Foreground pixels with a background (or outside) neighbour in the plane or across slices. */
	private static boolean[] outline(LabelVolume v, int t) {
		int w = v.width(), h = v.height(), d = v.slices();
		boolean[] out = new boolean[w * h * d];
		for (int z = 0; z < d; z++) {
			int[] p = v.labels()[v.plane(z, t)];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int i = y * w + x;
					if (p[i] == 0) continue;
					boolean edge = x == 0 || y == 0 || x == w - 1 || y == h - 1 || p[i - 1] == 0 || p[i + 1] == 0 || p[i - w] == 0 || p[i + w] == 0
						|| (d > 1 && (z == 0 || z == d - 1 || v.labels()[v.plane(z - 1, t)][i] == 0 || v.labels()[v.plane(z + 1, t)][i] == 0));
					out[z * w * h + i] = edge;
				}
		}
		return out;
	}

	private static boolean any(boolean[] a) {
		for (boolean b : a) if (b) return true;
		return false;
	}
}
