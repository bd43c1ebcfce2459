package org.segloop.core.metrics;

/**
 * Exact Euclidean distance transform with anisotropic spacing (Felzenszwalb and Huttenlocher's
 * separable lower-envelope algorithm): for every pixel of a w × h × d block, the squared physical
 * distance to the nearest seed pixel. O(pixels) per axis. Stateless and thread-safe.
 */
public final class DistanceTransform {

	/** Stands for "no seed"; finite so that the envelope arithmetic stays exact for real distances. */
	static final double INF = 1e20;

	private DistanceTransform() {}

	/** @param seeds true at seed pixels, index {@code (z * h + y) * w + x}; @return squared distances ({@link #INF} where there is no seed) */
	static double[] squared(boolean[] seeds, int w, int h, int d, double[] spacing) {
		double[] f = new double[seeds.length];
		for (int i = 0; i < f.length; i++) f[i] = seeds[i] ? 0 : INF;
		int n = Math.max(w, Math.max(h, d));
		double[] line = new double[n], out = new double[n], z = new double[n + 1];
		int[] v = new int[n];
		for (int zz = 0; zz < d; zz++) for (int y = 0; y < h; y++) pass(f, (zz * h + y) * w, 1, w, spacing[0], line, out, v, z);
		for (int zz = 0; zz < d; zz++) for (int x = 0; x < w; x++) pass(f, zz * h * w + x, w, h, spacing[1], line, out, v, z);
		if (d > 1) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) pass(f, y * w + x, w * h, d, spacing[2], line, out, v, z);
		return f;
	}

	/**
	 * Signed distance of a 2D region: for each pixel of a w × h plane, the physical distance to the
	 * nearest pixel on the other side of the region's edge, positive inside and negative outside
	 * (so a region's edge lies where the value crosses 0 midway between pixels).
	 *
	 * @param inside true inside the region, index {@code y * w + x}
	 * @param limit the largest magnitude returned (a plane entirely inside or outside has no edge)
	 */
	public static float[] signed2d(boolean[] inside, int w, int h, double spacingX, double spacingY, double limit) {
		if (inside.length != w * h) throw new IllegalArgumentException("expected " + w * h + " pixels");
		double[] spacing = { spacingX, spacingY, 1 };
		boolean[] outside = new boolean[inside.length];
		for (int i = 0; i < inside.length; i++) outside[i] = !inside[i];
		double[] toInside = squared(inside, w, h, 1, spacing), toOutside = squared(outside, w, h, 1, spacing);
		float[] out = new float[inside.length];
		for (int i = 0; i < out.length; i++)
			out[i] = (float) (inside[i] ? Math.min(limit, Math.sqrt(toOutside[i])) : -Math.min(limit, Math.sqrt(toInside[i])));
		return out;
	}

	private static void pass(double[] f, int start, int stride, int n, double step, double[] line, double[] out, int[] v, double[] z) {
		for (int i = 0; i < n; i++) line[i] = f[start + i * stride];
		double s2 = step * step;
		int k = 0;
		v[0] = 0;
		z[0] = Double.NEGATIVE_INFINITY;
		z[1] = Double.POSITIVE_INFINITY;
		for (int q = 1; q < n; q++) {
			double s = intersection(line, q, v[k], s2);
			while (s <= z[k]) {
				k--;
				s = intersection(line, q, v[k], s2);
			}
			k++;
			v[k] = q;
			z[k] = s;
			z[k + 1] = Double.POSITIVE_INFINITY;
		}
		k = 0;
		for (int q = 0; q < n; q++) {
			while (z[k + 1] < q) k++;
			double dq = (q - v[k]) * step;
			out[q] = Math.min(INF, dq * dq + line[v[k]]);
		}
		for (int i = 0; i < n; i++) f[start + i * stride] = out[i];
	}

	/** Where the parabolas rooted at q and p (p < q) intersect. */
	private static double intersection(double[] f, int q, int p, double s2) {
		return ((f[q] + s2 * q * q) - (f[p] + s2 * p * p)) / (2 * s2 * (q - p));
	}
}
