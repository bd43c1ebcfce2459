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
	private float[] best = new float[0];
	private byte[] label = new byte[0];

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
		if (best.length < plane) {
			best = new float[plane];
			label = new byte[plane];
		}
		for (int dz = 0; dz < chunk.depth(); dz++) {
			int from = dz * plane;
			if (p.length == 1) for (int i = 0; i < plane; i++) label[i] = (byte) (p[0][from + i] > threshold ? 1 : 0);
			else {
				System.arraycopy(p[0], from, best, 0, plane);
				java.util.Arrays.fill(label, 0, plane, (byte) 0);
				for (int c = 1; c < p.length; c++) { // class by class, so the loops stay branch-light
					float[] pc = p[c];
					byte cb = (byte) c;
					for (int i = 0; i < plane; i++) {
						float v = pc[from + i];
						boolean higher = v > best[i];
						best[i] = higher ? v : best[i];
						label[i] = higher ? cb : label[i];
					}
				}
			}
			byte[] target = mask.getPlane(geometry.planeIndex(chunk.z0() + dz, chunk.frame())).getCurrentStorageArray();
			System.arraycopy(label, 0, target, chunk.y0() * chunk.width(), plane);
		}
	}

	/** The mask, complete after the segmenter's {@code end()}. */
	public PlanarImg<UnsignedByteType, ByteArray> mask() {
		return mask;
	}
}
