package org.segloop.core.export;

import java.util.Arrays;

/**
 * COCO's uncompressed run-length encoding of every object in a label plane, in one pass. COCO
 * counts runs down the columns (Fortran order), starting with a run of background that may be 0
 * long, alternating background / object to the end of the plane.
 */
final class CocoRle {

	/** Runs, bounding box and area of one object. */
	static final class ObjectRuns {
		int[] counts = new int[8];
		int size;
		long end; // column-major position just after the last object pixel seen
		long area;
		int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;

		private void add(int run) {
			if (size == counts.length) counts = Arrays.copyOf(counts, size * 2);
			counts[size++] = run;
		}

		int[] counts() {
			return Arrays.copyOf(counts, size);
		}
	}

	private CocoRle() {}

	/**
	 * @param labels one plane, row-major, labels 0..maxLabel
	 * @return runs per label (index 0 unused; null for labels absent from the plane)
	 */
	static ObjectRuns[] encode(int[] labels, int width, int height, int maxLabel) {
		ObjectRuns[] runs = new ObjectRuns[maxLabel + 1];
		long position = 0;
		for (int x = 0; x < width; x++)
			for (int y = 0; y < height; y++, position++) {
				int l = labels[y * width + x];
				if (l == 0) continue;
				ObjectRuns r = runs[l];
				if (r == null) r = runs[l] = new ObjectRuns();
				if (r.size > 0 && r.end == position) r.counts[r.size - 1]++;
				else {
					r.add((int) (position - r.end));
					r.add(1);
				}
				r.end = position + 1;
				r.area++;
				r.minX = Math.min(r.minX, x);
				r.maxX = x;
				r.minY = Math.min(r.minY, y);
				r.maxY = Math.max(r.maxY, y);
			}
		long total = (long) width * height;
		for (ObjectRuns r : runs)
			if (r != null && r.end < total) r.add((int) (total - r.end));
		return runs;
	}
}
