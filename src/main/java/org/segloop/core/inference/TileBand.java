package org.segloop.core.inference;

import java.util.Arrays;

/**
 * Accumulates weighted class probabilities of the tiles that cover one band of the streaming axis
 * (rows for 2D models, slices for 3D models) and hands finished blocks to the sinks. Memory is
 * classes × core length × the inner plane, independent of the image's extent along the band axis.
 */
final class TileBand {

	private final int classes;
	private final int inner; // values per band position: width (2D) or height*width (3D)
	private final int capacity;
	private final float[][] sum;
	private final float[] weight;
	private final float[][] out;
	private int start; // image coordinate of band row 0
	private float[] w = new float[0]; // per-pixel weights of the current row

	TileBand(int classes, int inner, int capacity) {
		this.classes = classes;
		this.inner = inner;
		this.capacity = capacity;
		this.sum = new float[classes][capacity * inner];
		this.weight = new float[capacity * inner];
		this.out = new float[classes][capacity * inner];
	}

	void reset(int bandStart) {
		start = bandStart;
		for (float[] s : sum) Arrays.fill(s, 0);
		Arrays.fill(weight, 0);
	}

	int start() {
		return start;
	}

	/** Index of band position {@code pos} (image coordinate) and inner offset. */
	int index(int pos, int innerOffset) {
		return (pos - start) * inner + innerOffset;
	}

	/** Adds {@code n} pixels of class rows at {@code index}, weighted by {@code rowWeight * wx[i]}. */
	void addRow(int index, float[][] rows, float[] wx, float rowWeight, int n) {
		if (w.length < n) w = new float[n];
		for (int i = 0; i < n; i++) w[i] = rowWeight * wx[i];
		for (int c = 0; c < classes; c++) {
			float[] s = sum[c];
			float[] r = rows[c];
			for (int i = 0; i < n; i++) s[index + i] += w[i] * r[i];
		}
		for (int i = 0; i < n; i++) weight[index + i] += w[i];
	}

	/**
	 * Normalises band positions {@code [start, end)} into the output arrays and moves the rest of
	 * the band up so that {@code end} becomes the new start.
	 *
	 * @return arrays holding {@code (end - start) * inner} finished values per class
	 */
	float[][] finish(int end) {
		int n = (end - start) * inner;
		float[] inv = out[0]; // reuse: becomes class 0's values last
		for (int i = 0; i < n; i++) inv[i] = weight[i] > 0 ? 1 / weight[i] : 0;
		for (int c = classes - 1; c >= 0; c--) {
			float[] s = sum[c], o = out[c];
			for (int i = 0; i < n; i++) o[i] = s[i] * inv[i];
		}
		int keep = capacity * inner - n;
		for (int c = 0; c < classes; c++) {
			System.arraycopy(sum[c], n, sum[c], 0, keep);
			Arrays.fill(sum[c], keep, capacity * inner, 0);
		}
		System.arraycopy(weight, n, weight, 0, keep);
		Arrays.fill(weight, keep, capacity * inner, 0);
		start = end;
		return out;
	}
}
