package org.segloop.core.inference;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Builds the class label mask (x, y, z, t; one byte per pixel): the most probable class, or for a
 * single-channel output, 1 where the probability exceeds the threshold.
 */
public final class ClassMaskSink implements ProbabilitySink {

	private final double threshold;
	private PlanarImg<UnsignedByteType, ByteArray> mask;
	private SegmentationGeometry geometry;

	public ClassMaskSink(double threshold) {
		this.threshold = threshold;
	}

	@Override
	public void begin(SegmentationGeometry g) {
		if (g.classes() > 255) throw new IllegalArgumentException("more than 255 classes");
		geometry = g;
		mask = PlanarImgs.unsignedBytes(g.width(), g.height(), g.slices(), g.frames());
	}

	@Override
	public void accept(ProbabilityChunk chunk) {
		float[][] p = chunk.probabilities();
		int plane = chunk.rows() * chunk.width();
		for (int dz = 0; dz < chunk.depth(); dz++) {
			byte[] target = mask.getPlane(geometry.planeIndex(chunk.z0() + dz, chunk.frame())).getCurrentStorageArray();
			int offset = chunk.y0() * chunk.width();
			int from = dz * plane;
			for (int i = 0; i < plane; i++) target[offset + i] = (byte) classOf(p, from + i);
		}
	}

	private int classOf(float[][] p, int i) {
		if (p.length == 1) return p[0][i] > threshold ? 1 : 0;
		int best = 0;
		for (int c = 1; c < p.length; c++)
			if (p[c][i] > p[best][i]) best = c;
		return best;
	}

	/** The mask, complete after the segmenter's {@code end()}. */
	public PlanarImg<UnsignedByteType, ByteArray> mask() {
		return mask;
	}
}
