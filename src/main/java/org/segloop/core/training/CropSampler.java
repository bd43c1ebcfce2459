package org.segloop.core.training;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws augmented training batches: a random square crop of a sample (mirrored at the image edge
 * when the image is smaller than the crop), one of the eight flips/rotations by 90°, and an
 * intensity jitter (gain 0.8–1.25, offset ±0.1 of the normalised range) on the image only.
 * Deterministic for a given seed; not thread-safe.
 */
final class CropSampler implements BatchSampler {

	private final int side;
	private final SplittableRandom random;

	CropSampler(int side, long seed) {
		this.side = side;
		this.random = new SplittableRandom(seed);
	}

	@Override
	public Batch batch(List<TrainingSample> samples) {
		int channels = samples.get(0).channels();
		int n = side * side;
		float[] images = new float[samples.size() * channels * n];
		int[] classes = new int[samples.size() * n];
		for (int b = 0; b < samples.size(); b++) crop(samples.get(b), images, b * channels * n, classes, b * n);
		return new Batch(samples.size(), channels, new int[] { side, side }, images, classes);
	}

	private void crop(TrainingSample s, float[] images, int imageOffset, int[] classes, int classOffset) {
		int x0 = s.width() > side ? random.nextInt(s.width() - side + 1) : -(side - s.width()) / 2;
		int y0 = s.height() > side ? random.nextInt(s.height() - side + 1) : -(side - s.height()) / 2;
		boolean flipX = random.nextBoolean(), flipY = random.nextBoolean(), transpose = random.nextBoolean();
		float gain = (float) Math.exp(random.nextDouble(Math.log(0.8), Math.log(1.25)));
		float offset = (float) random.nextDouble(-0.1, 0.1);
		int plane = s.width() * s.height(), n = side * side;
		for (int oy = 0; oy < side; oy++)
			for (int ox = 0; ox < side; ox++) {
				int cy = transpose ? ox : oy, cx = transpose ? oy : ox;
				if (flipY) cy = side - 1 - cy;
				if (flipX) cx = side - 1 - cx;
				int src = mirror(y0 + cy, s.height()) * s.width() + mirror(x0 + cx, s.width());
				int dst = oy * side + ox;
				classes[classOffset + dst] = s.classes()[src];
				for (int c = 0; c < s.channels(); c++) images[imageOffset + c * n + dst] = s.image()[c * plane + src] * gain + offset;
			}
	}

	/** Reflects an index into [0, size) (…2 1 0 1 2… at the start), for crops larger than the image. */
	static int mirror(int i, int size) {
		if (size == 1) return 0;
		int period = 2 * (size - 1);
		i = Math.floorMod(i, period);
		return i < size ? i : period - i;
	}

	@Override
	public int nextInt(int bound) {
		return random.nextInt(bound);
	}
}
