package org.segloop.core.metrics;

import java.util.Arrays;

/** Connected components of non-zero pixels (4-connected in a plane, 6-connected in a stack), per frame. */
public final class Components {

	private Components() {}

	/** Labels 1..n of the components of {@code foreground != 0}; returns the labels, with n in {@code count[0]}. */
	static int[][] label(LabelVolume v, int[] count) {
		return label(v, count, false);
	}

	/**
	 * Objects of a class mask: connected pixels of the same non-zero class, so touching objects of
	 * different classes stay apart. Labels 1..n.
	 */
	public static LabelVolume ofClasses(LabelVolume classes) {
		return new LabelVolume(classes.width(), classes.height(), classes.slices(), classes.frames(), label(classes, new int[1], true),
			classes.spacing());
	}

	private static int[][] label(LabelVolume v, int[] count, boolean sameValue) {
		int w = v.width(), h = v.height(), d = v.slices(), plane = w * h;
		int[][] out = new int[v.labels().length][plane];
		int next = 0;
		int[] queue = new int[(int) Math.min(Integer.MAX_VALUE - 8, (long) plane * d)];
		for (int t = 0; t < v.frames(); t++)
			for (int z = 0; z < d; z++)
				for (int i = 0; i < plane; i++) {
					if (v.labels()[v.plane(z, t)][i] == 0 || out[v.plane(z, t)][i] != 0) continue;
					next++;
					int head = 0, tail = 0;
					queue[tail++] = z * plane + i;
					out[v.plane(z, t)][i] = next;
					while (head < tail) {
						int q = queue[head++];
						int qz = q / plane, qi = q % plane, qx = qi % w, qy = qi / w;
						for (int k = 0; k < 6; k++) {
							int nx = qx + (k == 0 ? -1 : k == 1 ? 1 : 0), ny = qy + (k == 2 ? -1 : k == 3 ? 1 : 0);
							int nz = qz + (k == 4 ? -1 : k == 5 ? 1 : 0);
							if (nx < 0 || ny < 0 || nz < 0 || nx >= w || ny >= h || nz >= d) continue;
							int np = v.plane(nz, t), ni = ny * w + nx;
							if (v.labels()[np][ni] == 0 || out[np][ni] != 0) continue;
							if (sameValue && v.labels()[np][ni] != v.labels()[v.plane(qz, t)][qi]) continue;
							out[np][ni] = next;
							queue[tail++] = nz * plane + ni;
						}
					}
				}
		count[0] = next;
		return out;
	}

	static int[][] copyOf(int[][] labels) {
		return Arrays.stream(labels).map(int[]::clone).toArray(int[][]::new);
	}
}
