package org.segloop.core.inference;

/**
 * Final (blended, post-processed) class probabilities for a block of full-width rows of one frame:
 * slices {@code [z0, z0 + depth)} and rows {@code [y0, y0 + rows)}. Value of class c at (x, y, z) is
 * {@code probabilities[c][((z - z0) * rows + (y - y0)) * width + x]}. The arrays are reused after
 * the sink returns: copy what you keep.
 */
public record ProbabilityChunk(int frame, int z0, int depth, int y0, int rows, int width, float[][] probabilities) {

	public int pixelsPerClass() {
		return depth * rows * width;
	}
}
