package org.segloop.core.inference;

import java.util.Arrays;

/**
 * A chain of point-wise operations on one channel's values, compiled from preprocessing steps once
 * their statistics are known. Applying it is a few flops per pixel, so it runs inside the tile fill
 * loop. Immutable; safe to share between threads.
 */
final class ValuePipeline {

	private static final int AFFINE = 0, CLIP = 1, BINARIZE = 2, ROUND_CLAMP = 3;

	private final int[] ops;
	private final double[] a;
	private final double[] b;

	private ValuePipeline(int[] ops, double[] a, double[] b) {
		this.ops = ops;
		this.a = a;
		this.b = b;
	}

	static ValuePipeline identity() {
		return new ValuePipeline(new int[0], new double[0], new double[0]);
	}

	ValuePipeline affine(double gain, double offset) {
		return with(AFFINE, gain, offset);
	}

	ValuePipeline clip(double lo, double hi) {
		return with(CLIP, lo, hi);
	}

	ValuePipeline binarize(double threshold) {
		return with(BINARIZE, threshold, 0);
	}

	ValuePipeline roundClamp(double lo, double hi) {
		return with(ROUND_CLAMP, lo, hi);
	}

	/** +1 if non-decreasing, -1 if non-increasing; every op here is monotone. */
	int direction() {
		int d = 1;
		for (int i = 0; i < ops.length; i++)
			if (ops[i] == AFFINE && a[i] < 0) d = -d;
		return d;
	}

	double apply(double v) {
		for (int i = 0; i < ops.length; i++) {
			switch (ops[i]) {
				case AFFINE -> v = v * a[i] + b[i];
				case CLIP -> v = Math.min(b[i], Math.max(a[i], v));
				case BINARIZE -> v = v > a[i] ? 1 : 0;
				default -> v = Math.min(b[i], Math.max(a[i], Math.rint(v)));
			}
		}
		return v;
	}

	/** When the whole chain is affine, its gain and offset (for a fast fill loop); else null. */
	double[] asAffine() {
		double gain = 1, offset = 0;
		for (int i = 0; i < ops.length; i++) {
			if (ops[i] != AFFINE) return null;
			gain *= a[i];
			offset = offset * a[i] + b[i];
		}
		return new double[] { gain, offset };
	}

	private ValuePipeline with(int op, double x, double y) {
		int n = ops.length;
		int[] o = Arrays.copyOf(ops, n + 1);
		double[] na = Arrays.copyOf(a, n + 1);
		double[] nb = Arrays.copyOf(b, n + 1);
		o[n] = op;
		na[n] = x;
		nb[n] = y;
		return new ValuePipeline(o, na, nb);
	}
}
