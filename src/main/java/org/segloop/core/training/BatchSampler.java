package org.segloop.core.training;

import java.util.List;

/**
 * Draws augmented training batches from samples ({@link CropSampler} for planes,
 * {@link VolumeCropSampler} for volumes). Deterministic for a seed; not thread-safe.
 */
interface BatchSampler {

	/**
	 * One batch: images {@code [b][c][spatial…]} and classes {@code [b][spatial…]}, flattened.
	 *
	 * @param spatial the crop's size per spatial axis, slowest first ({y, x} or {z, y, x})
	 */
	record Batch(int size, int channels, int[] spatial, float[] images, int[] classes) {

		long[] imageShape() {
			long[] s = new long[spatial.length + 2];
			s[0] = size;
			s[1] = channels;
			for (int i = 0; i < spatial.length; i++) s[i + 2] = spatial[i];
			return s;
		}

		long[] classShape() {
			long[] s = new long[spatial.length + 1];
			s[0] = size;
			for (int i = 0; i < spatial.length; i++) s[i + 1] = spatial[i];
			return s;
		}
	}

	Batch batch(List<TrainingSample> samples);

	/** The sampler's own random stream, so that the shuffle and the crops follow one seed. */
	int nextInt(int bound);
}
