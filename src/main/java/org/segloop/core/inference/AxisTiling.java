package org.segloop.core.inference;

import org.segloop.core.model.AxisSize;

/**
 * Tiling of one image axis: every tile reads {@code tileSize} pixels starting at
 * {@code coreStart - halo} (mirror-padded outside the image) and contributes its core
 * {@code [coreStart, coreStart + coreLength)} to the result. Neighbouring cores overlap by at least
 * the requested overlap and are blended there.
 *
 * @param imageSize pixels along the axis
 * @param tileSize model input size along the axis
 * @param halo pixels dropped at each tile side
 * @param coreStarts first core pixel of each tile, increasing
 */
record AxisTiling(int imageSize, int tileSize, int halo, int[] coreStarts) {

	int coreLength() {
		return tileSize - 2 * halo;
	}

	int count() {
		return coreStarts.length;
	}

	/** Overlap (pixels) of tile i's core with the previous one, 0 for the first. */
	int overlapBefore(int i) {
		return i == 0 ? 0 : Math.max(0, coreStarts[i - 1] + coreLength() - coreStarts[i]);
	}

	int overlapAfter(int i) {
		return i + 1 >= count() ? 0 : overlapBefore(i + 1);
	}

	/**
	 * @param size admissible input sizes of the model along this axis
	 * @param wanted preferred tile size; smaller images get the smallest tile that covers them
	 * @param overlap requested core overlap for blending
	 */
	static AxisTiling plan(int imageSize, AxisSize size, int halo, int wanted, int overlap) {
		// Among admissible tile sizes up to 1.5x the preferred one, take the one that computes the
		// fewest pixels in total (a 512-pixel image is one 544 tile, not four 512 tiles).
		int smallest = size.atLeast(Math.min(wanted, imageSize + 2 * halo));
		if (!(size instanceof AxisSize.Fixed) && smallest - 2 * halo <= overlap) smallest = size.atLeast(2 * halo + overlap + 1);
		AxisTiling best = layout(imageSize, size, halo, smallest, overlap);
		int limit = Math.max(smallest, wanted + wanted / 2);
		for (int tile = size.atLeast(smallest + 1); tile <= limit && tile > smallest; tile = size.atLeast(tile + 1)) {
			AxisTiling candidate = layout(imageSize, size, halo, tile, overlap);
			if ((long) candidate.count() * candidate.tileSize() < (long) best.count() * best.tileSize()) best = candidate;
			if (candidate.count() == 1) break;
		}
		return best;
	}

	private static AxisTiling layout(int imageSize, AxisSize size, int halo, int tile, int overlap) {
		int core = tile - 2 * halo;
		if (core <= 0) throw new IllegalArgumentException("tile " + tile + " leaves no core with halo " + halo);
		if (imageSize <= core) return new AxisTiling(imageSize, tile, halo, new int[] { 0 });
		// Networks that downsample are only shift-equivariant by multiples of their total stride, which
		// the size step reflects; tiles starting on that grid give the same result as one big tile.
		int align = size instanceof AxisSize.Parameterized p && p.step() > 1 && p.step() < core ? p.step() : 1;
		int last = (imageSize - core + align - 1) / align * align; // the last core may overhang; it is cropped
		int stride = Math.max(1, core - Math.min(overlap, core - 1) - (align - 1));
		int n = (last + stride - 1) / stride + 1;
		int[] starts = new int[n];
		for (int i = 0; i < n; i++) // spread evenly on the alignment grid
			starts[i] = (int) Math.round((double) i * last / (n - 1) / align) * align;
		return new AxisTiling(imageSize, tile, halo, starts);
	}

	/** Maps positions -halo .. tileSize-halo of tile i to image indices, reflecting at borders. */
	int[] sourceIndices(int i) {
		int[] idx = new int[tileSize];
		int origin = coreStarts[i] - halo;
		for (int k = 0; k < tileSize; k++)
			idx[k] = reflect(origin + k, imageSize);
		return idx;
	}

	/** numpy "reflect" padding (edge not repeated), valid for any distance. */
	static int reflect(int i, int n) {
		if (n == 1) return 0;
		int period = 2 * (n - 1);
		int m = Math.floorMod(i, period);
		return m < n ? m : period - m;
	}

	/** Blending weight of core position k (0-based within the core) of tile i. */
	float weight(int i, int k) {
		int before = overlapBefore(i);
		int after = overlapAfter(i);
		float w = 1f;
		if (before > 0 && k < before) w = Math.min(w, (k + 0.5f) / before);
		int fromEnd = coreLength() - 1 - k;
		if (after > 0 && fromEnd < after) w = Math.min(w, (fromEnd + 0.5f) / after);
		return w;
	}
}
