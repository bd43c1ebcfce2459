package org.segloop.core.metrics;

/**
 * Integer labels of an image, plane by plane: {@code labels[z + slices * t][y * width + x]}.
 *
 * @param spacing physical pixel size along x, y, z (for distances)
 */
public record LabelVolume(int width, int height, int slices, int frames, int[][] labels, double[] spacing) {

	public LabelVolume {
		if (labels.length != slices * frames) throw new IllegalArgumentException("expected " + slices * frames + " planes");
	}

	public int plane(int z, int t) {
		return z + slices * t;
	}

	public long pixels() {
		return (long) width * height * slices * frames;
	}

	/** Maximum label value. */
	public int max() {
		int m = 0;
		for (int[] p : labels)
			for (int v : p) m = Math.max(m, v);
		return m;
	}
}
