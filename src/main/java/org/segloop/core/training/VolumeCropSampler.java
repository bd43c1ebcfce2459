package org.segloop.core.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws augmented 3D training batches: a random crop of each volume (mirrored at the volume's
 * edge where it is smaller than the crop), a flip along each axis, an axis permutation that keeps
 * the anatomy's proportions, and the same intensity jitter as {@link CropSampler} (gain 0.8–1.25,
 * offset ±0.1) on the image only; the classes move with the image voxel for voxel.
 *
 * <p>Which permutations: y and x swap (quarter turns with the flips) only when the pixels are
 * square (x and y spacing within 1 %) or uncalibrated; z swaps into the plane only when the slice
 * spacing is within 20 % of the pixel spacing, so thick slices are never stood on end. Axes swap only
 * where the crop is as long in both. Deterministic for a seed; not thread-safe.
 */
final class VolumeCropSampler implements BatchSampler {

	/** Relative spacing differences up to which axes count as equal: in-plane, and between slices and pixels. */
	static final double SQUARE_PIXELS = 0.01, NEAR_ISOTROPIC = 0.2;

	private static final int[][] PERMUTATIONS = { { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 } };

	private final int[] crop;
	private final SplittableRandom random;

	/** @param crop {z, y, x} */
	VolumeCropSampler(int[] crop, long seed) {
		this.crop = crop.clone();
		this.random = new SplittableRandom(seed);
	}

	@Override
	public Batch batch(List<TrainingSample> samples) {
		int channels = samples.get(0).channels();
		int n = crop[0] * crop[1] * crop[2];
		float[] images = new float[samples.size() * channels * n];
		int[] classes = new int[samples.size() * n];
		for (int b = 0; b < samples.size(); b++) crop(samples.get(b), images, b * channels * n, classes, b * n);
		return new Batch(samples.size(), channels, crop.clone(), images, classes);
	}

	/**
	 * The axis permutations allowed for a sample: {@code p[a]} is the sample axis (0 z, 1 y, 2 x)
	 * that crop axis {@code a} reads. The identity is always first.
	 */
	List<int[]> permutations(TrainingSample s) {
		List<int[]> out = new ArrayList<>();
		for (int[] p : PERMUTATIONS) {
			boolean ok = true;
			for (int a = 0; a < 3 && ok; a++) ok = p[a] == a || crop[a] == crop[p[a]] && compatible(s.spacing(), a, p[a]);
			if (ok) out.add(p);
		}
		return out;
	}

	private static boolean compatible(double[] spacing, int a, int b) {
		boolean inPlane = a > 0 && b > 0;
		if (spacing == null) return inPlane; // uncalibrated: in-plane as for 2D, but slices could be anything
		double sa = spacing[2 - a], sb = spacing[2 - b]; // spacing is {x, y, z}, axes are {z, y, x}
		return Math.abs(sa - sb) <= (inPlane ? SQUARE_PIXELS : NEAR_ISOTROPIC) * Math.max(sa, sb);
	}

	private void crop(TrainingSample s, float[] images, int imageOffset, int[] classes, int classOffset) {
		int[] extent = { s.depth(), s.height(), s.width() };
		int[] stride = { s.height() * s.width(), s.width(), 1 };
		int[] origin = new int[3];
		for (int a = 0; a < 3; a++) origin[a] = extent[a] > crop[a] ? random.nextInt(extent[a] - crop[a] + 1) : -(crop[a] - extent[a]) / 2;
		List<int[]> allowed = permutations(s);
		int[] perm = allowed.get(random.nextInt(allowed.size()));
		boolean[] flip = { random.nextBoolean(), random.nextBoolean(), random.nextBoolean() };
		float gain = (float) Math.exp(random.nextDouble(Math.log(0.8), Math.log(1.25)));
		float offset = (float) random.nextDouble(-0.1, 0.1);
		// per crop axis, the offset into the sample of each crop coordinate
		int[][] at = new int[3][];
		for (int a = 0; a < 3; a++) {
			int src = perm[a];
			at[a] = new int[crop[a]];
			for (int o = 0; o < crop[a]; o++) {
				int c = flip[a] ? crop[a] - 1 - o : o;
				at[a][o] = CropSampler.mirror(origin[src] + c, extent[src]) * stride[src];
			}
		}
		long volume = s.voxels();
		int n = crop[0] * crop[1] * crop[2];
		for (int oz = 0, dst = 0; oz < crop[0]; oz++)
			for (int oy = 0; oy < crop[1]; oy++) {
				int row = at[0][oz] + at[1][oy];
				for (int ox = 0; ox < crop[2]; ox++, dst++) {
					int src = row + at[2][ox];
					classes[classOffset + dst] = s.classes()[src];
					for (int c = 0; c < s.channels(); c++) images[imageOffset + c * n + dst] = s.image()[(int) (c * volume) + src] * gain + offset;
				}
			}
	}

	@Override
	public int nextInt(int bound) {
		return random.nextInt(bound);
	}
}
