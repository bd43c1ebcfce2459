package org.segloop.core.correction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.segloop.core.metrics.DistanceTransform;

/**
 * Shape-based interpolation of the labels of two key slices (a, b) for the slices between them.
 * Each label (a class, or one object of instance labels) has a signed distance on each key slice,
 * positive inside; between them the two are blended linearly in z. A pixel where some label's
 * blend is positive takes the label with the highest blend. Where none is positive but the blend of
 * all labels together (their union) is, the pixel takes the highest of the labels on both key
 * slices. The union is what keeps nested labels closed: where a lesion inside an organ shrinks
 * faster than the organ's hole around it, neither is positive in the ring between them, but the
 * union (organ and lesion together) is, and the nearer of the two fills it. Only labels on both
 * slices fill such gaps, so an object that ends between the slices does not live on in the union
 * of a neighbour that starts there.
 *
 * <p>A label on only one key slice tapers: its missing side is taken as its own distance lowered
 * by twice its largest inside distance, so it shrinks and is gone halfway to the other slice
 * instead of smearing across the gap (where it is not, the annotator said so).
 *
 * <p>Distances are computed in each label's bounding box over both key slices, widened by one
 * pixel (exact: the nearest outside pixel of anything in the box is on that ring or nearer), so
 * the cost follows the labels' size, not the slice's.
 */
final class ShapeInterpolation {

	private final int w, h;
	private final double sx, sy, limit;

	ShapeInterpolation(int width, int height, double spacingX, double spacingY) {
		this.w = width;
		this.h = height;
		this.sx = spacingX;
		this.sy = spacingY;
		this.limit = Math.hypot(width * spacingX, height * spacingY);
	}

	/** A label's signed distances on both key slices within its box; {@code null} on a side where it is absent. */
	private record Field(int label, Box box, float[] a, float[] b, float taper) {

		float at(int i, double t) {
			if (a != null && b != null) return (float) ((1 - t) * a[i] + t * b[i]);
			return a != null ? (float) (a[i] - 2 * t * taper) : (float) (b[i] - 2 * (1 - t) * taper);
		}
	}

	/**
	 * @param a, b the key slices' labels, {@code y * width + x}
	 * @param ts for each slice to fill, where it lies between a (0) and b (1), exclusive
	 * @return the filled slices' labels, in the order of {@code ts}
	 */
	int[][] between(int[] a, int[] b, double[] ts) {
		Map<Integer, Box> boxesA = boxes(a), boxesB = boxes(b);
		Map<Integer, Box> all = new TreeMap<>();
		boxesA.forEach((l, box) -> all.merge(l, box, Box::union));
		boxesB.forEach((l, box) -> all.merge(l, box, Box::union));
		List<Field> fields = new ArrayList<>();
		Box unionBox = null;
		for (var e : all.entrySet()) {
			int label = e.getKey();
			Box box = e.getValue().widened(1, w, h);
			unionBox = unionBox == null ? box : unionBox.union(box);
			float[] da = boxesA.containsKey(label) ? signed(a, box, label) : null, db = boxesB.containsKey(label) ? signed(b, box, label) : null;
			float taper = 0;
			if (da == null || db == null) for (float v : da != null ? da : db) taper = Math.max(taper, v);
			fields.add(new Field(label, box, da, db, taper));
		}
		// the union: only where both sides have something (else each label's own taper decides)
		Field union = !boxesA.isEmpty() && !boxesB.isEmpty() ? new Field(-1, unionBox, signed(a, unionBox, -1), signed(b, unionBox, -1), 0) : null;
		int[][] out = new int[ts.length][];
		float[] best = new float[w * h], bestOnBoth = new float[w * h];
		int[] label = new int[w * h], labelOnBoth = new int[w * h];
		for (int s = 0; s < ts.length; s++) {
			double t = ts[s];
			int[] slice = new int[w * h];
			out[s] = slice;
			if (unionBox == null) continue;
			for (int y = unionBox.y0; y <= unionBox.y1; y++)
				for (int x = unionBox.x0; x <= unionBox.x1; x++) {
					best[y * w + x] = bestOnBoth[y * w + x] = Float.NEGATIVE_INFINITY;
					label[y * w + x] = labelOnBoth[y * w + x] = 0;
				}
			for (Field f : fields) {
				Box box = f.box;
				boolean onBoth = f.a != null && f.b != null;
				for (int y = box.y0; y <= box.y1; y++)
					for (int x = box.x0; x <= box.x1; x++) {
						float d = f.at(box.index(x, y), t);
						int i = y * w + x;
						if (d > best[i]) {
							best[i] = d;
							label[i] = f.label;
						}
						if (onBoth && d > bestOnBoth[i]) {
							bestOnBoth[i] = d;
							labelOnBoth[i] = f.label;
						}
					}
			}
			for (int y = unionBox.y0; y <= unionBox.y1; y++)
				for (int x = unionBox.x0; x <= unionBox.x1; x++) {
					int i = y * w + x;
					if (best[i] > 0) slice[i] = label[i];
					else if (union != null && union.at(unionBox.index(x, y), t) > 0) slice[i] = labelOnBoth[i];
				}
		}
		return out;
	}

	/** Signed distance of {@code label} (or of any non-zero label when -1) within the box. */
	private float[] signed(int[] plane, Box box, int label) {
		int bw = box.width(), bh = box.height();
		boolean[] inside = new boolean[bw * bh];
		for (int y = 0; y < bh; y++)
			for (int x = 0; x < bw; x++) {
				int v = plane[(y + box.y0) * w + x + box.x0];
				inside[y * bw + x] = label < 0 ? v != 0 : v == label;
			}
		return DistanceTransform.signed2d(inside, bw, bh, sx, sy, limit);
	}

	private Map<Integer, Box> boxes(int[] plane) {
		Map<Integer, Box> out = new TreeMap<>();
		Box last = null;
		int lastLabel = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int v = plane[y * w + x];
				if (v == 0) continue;
				if (v != lastLabel) { // runs of one label are the common case: one map look-up per run
					last = out.get(v);
					if (last == null) out.put(v, last = new Box(x, y, x, y));
					lastLabel = v;
				}
				last.add(x, y);
			}
		return out;
	}

	/** Inclusive pixel bounds; grows while boxes are collected. */
	private static final class Box {
		int x0, y0, x1, y1;

		Box(int x0, int y0, int x1, int y1) {
			this.x0 = x0;
			this.y0 = y0;
			this.x1 = x1;
			this.y1 = y1;
		}

		void add(int x, int y) {
			if (x < x0) x0 = x;
			if (x > x1) x1 = x;
			if (y < y0) y0 = y;
			if (y > y1) y1 = y;
		}

		Box union(Box o) {
			return new Box(Math.min(x0, o.x0), Math.min(y0, o.y0), Math.max(x1, o.x1), Math.max(y1, o.y1));
		}

		Box widened(int by, int w, int h) {
			return new Box(Math.max(0, x0 - by), Math.max(0, y0 - by), Math.min(w - 1, x1 + by), Math.min(h - 1, y1 + by));
		}

		int width() {
			return x1 - x0 + 1;
		}

		int height() {
			return y1 - y0 + 1;
		}

		int index(int x, int y) {
			return (y - y0) * width() + x - x0;
		}
	}
}
