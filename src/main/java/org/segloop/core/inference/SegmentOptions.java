package org.segloop.core.inference;

import org.segloop.core.inference.Preprocessor.NonFinitePolicy;

/**
 * How an image is cut into tiles and what is derived from the probabilities.
 *
 * @param tileSize preferred tile size along x and y (the model's size rules take precedence)
 * @param tileDepth preferred tile size along z for 3D models
 * @param overlap pixels by which neighbouring tile cores overlap and are blended, beyond the halo
 * @param nonFinite what to do with NaN or infinite pixels
 * @param instances whether to derive instance labels (as the model's settings say)
 */
public record SegmentOptions(int tileSize, int tileDepth, int overlap, NonFinitePolicy nonFinite, boolean instances) {

	public SegmentOptions {
		if (tileSize < 1 || tileDepth < 1 || overlap < 0) throw new IllegalArgumentException("tile sizes must be positive");
	}

	public static SegmentOptions defaults() {
		return new SegmentOptions(512, 32, 16, NonFinitePolicy.FAIL, true);
	}

	public SegmentOptions withTileSize(int size) {
		return new SegmentOptions(size, tileDepth, overlap, nonFinite, instances);
	}

	public SegmentOptions withNonFinite(NonFinitePolicy policy) {
		return new SegmentOptions(tileSize, tileDepth, overlap, policy, instances);
	}
}
