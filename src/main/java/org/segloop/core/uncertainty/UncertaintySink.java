package org.segloop.core.uncertainty;

import org.segloop.core.inference.ProbabilityChunk;
import org.segloop.core.inference.ProbabilitySink;
import org.segloop.core.inference.SegmentationGeometry;

/**
 * Reduces streamed probabilities to an image's uncertainty scores while the segmenter runs, with
 * no full-size probability image (see {@link ScoreAccumulator}). Optionally keeps the per-pixel
 * map (one float per pixel).
 */
public final class UncertaintySink implements ProbabilitySink {

	private final PixelUncertainty measure;
	private final boolean keepMap;
	private final ScoreAccumulator scores;
	private float[][] map; // per plane (z, t), when kept
	private SegmentationGeometry geometry;

	public UncertaintySink(PixelUncertainty measure, double topFraction, boolean keepMap) {
		this.measure = measure;
		this.scores = new ScoreAccumulator(topFraction);
		this.keepMap = keepMap;
	}

	@Override
	public void begin(SegmentationGeometry g) {
		geometry = g;
		if (keepMap) map = new float[g.slices() * g.frames()][g.width() * g.height()];
	}

	@Override
	public void accept(ProbabilityChunk chunk) {
		float[][] p = chunk.probabilities();
		int plane = chunk.rows() * chunk.width();
		for (int dz = 0; dz < chunk.depth(); dz++) {
			float[] target = keepMap ? map[geometry.planeIndex(chunk.z0() + dz, chunk.frame())] : null;
			int offset = chunk.y0() * chunk.width();
			for (int k = 0; k < plane; k++) {
				int i = dz * plane + k;
				float u = measure.of(p, i);
				scores.add(u, ScoreAccumulator.isObject(p, i));
				if (target != null) target[offset + k] = u;
			}
		}
	}

	public ImageScores scores() {
		return scores.scores();
	}

	/** Per-pixel uncertainty of all planes (index {@code z + slices * t}), or null when not kept. */
	public float[][] map() {
		return map;
	}

	/** Per-pixel uncertainty of plane (z, t), or null when the map is not kept. */
	public float[] map(int z, int t) {
		return map == null ? null : map[geometry.planeIndex(z, t)];
	}
}
