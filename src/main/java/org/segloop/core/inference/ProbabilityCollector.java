package org.segloop.core.inference;

/**
 * Keeps all class probabilities of an image: {@code probabilities()[c][plane][y * width + x]} with
 * plane {@code z + slices * t}. Costs classes × pixels floats; for images that do not fit, use a
 * streaming sink instead.
 */
public final class ProbabilityCollector implements ProbabilitySink {

	private SegmentationGeometry geometry;
	private float[][][] probabilities;

	@Override
	public void begin(SegmentationGeometry g) {
		geometry = g;
		probabilities = new float[g.classes()][g.slices() * g.frames()][g.width() * g.height()];
	}

	@Override
	public void accept(ProbabilityChunk chunk) {
		int plane = chunk.rows() * chunk.width();
		for (int c = 0; c < probabilities.length; c++)
			for (int dz = 0; dz < chunk.depth(); dz++)
				System.arraycopy(chunk.probabilities()[c], dz * plane, probabilities[c][geometry.planeIndex(chunk.z0() + dz, chunk.frame())],
					chunk.y0() * chunk.width(), plane);
	}

	public SegmentationGeometry geometry() {
		return geometry;
	}

	public float[][][] probabilities() {
		return probabilities;
	}
}
