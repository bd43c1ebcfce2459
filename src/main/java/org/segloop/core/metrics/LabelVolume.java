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

	/**
	 * A copy with the labels renumbered 1..n in the order of their values (0 stays background), for
	 * a 16-bit label image of objects whose labels are above 65535: the objects stay apart.
	 */
	public LabelVolume renumbered() {
		java.util.TreeSet<Integer> values = new java.util.TreeSet<>();
		for (int[] p : labels)
			for (int v : p) if (v != 0) values.add(v);
		java.util.Map<Integer, Integer> number = new java.util.HashMap<>();
		for (int v : values) number.put(v, number.size() + 1);
		int[][] out = new int[labels.length][];
		for (int p = 0; p < out.length; p++) {
			out[p] = new int[labels[p].length];
			for (int i = 0; i < out[p].length; i++) out[p][i] = labels[p][i] == 0 ? 0 : number.get(labels[p][i]);
		}
		return new LabelVolume(width, height, slices, frames, out, spacing);
	}

	/** Maximum label value. */
	public int max() {
		int m = 0;
		for (int[] p : labels)
			for (int v : p) m = Math.max(m, v);
		return m;
	}

	/** A copy with one label set to background (e.g. boundary regions painted in a semantic mask, which are not objects); this volume when {@code value <= 0}. */
	public LabelVolume withoutLabel(int value) {
		if (value <= 0) return this;
		int[][] out = new int[labels.length][];
		for (int p = 0; p < out.length; p++) {
			out[p] = labels[p].clone();
			for (int i = 0; i < out[p].length; i++) if (out[p][i] == value) out[p][i] = 0;
		}
		return new LabelVolume(width, height, slices, frames, out, spacing);
	}
}
