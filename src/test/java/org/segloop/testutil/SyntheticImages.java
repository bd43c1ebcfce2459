package org.segloop.testutil;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.Planes;

/** Nucleus-like test images with known ground truth, drawn in Java (no files needed). */
public final class SyntheticImages {

	/** A 16-bit image and the instance id (1..n, 0 background) of every pixel. */
	public record Disks(ImageVolume image, int[][] truth, int count) {}

	private SyntheticImages() {}

	/** Separate bright disks of radius 6-10 on a noisy background; planes of a stack differ. */
	public static Disks disks(int width, int height, int slices, int wanted, long seed) {
		Random rnd = new Random(seed);
		List<Object> planes = new ArrayList<>();
		int[][] truth = new int[slices][width * height];
		int count = 0;
		for (int z = 0; z < slices; z++) {
			short[] pixels = new short[width * height];
			List<int[]> placed = new ArrayList<>();
			for (int attempt = 0; attempt < wanted * 50 && placed.size() < wanted; attempt++) {
				int r = 6 + rnd.nextInt(5);
				int cx = r + 2 + rnd.nextInt(Math.max(1, width - 2 * r - 4));
				int cy = r + 2 + rnd.nextInt(Math.max(1, height - 2 * r - 4));
				boolean free = placed.stream().allMatch(p -> Math.hypot(p[0] - cx, p[1] - cy) > p[2] + r + 4);
				if (free) placed.add(new int[] { cx, cy, r });
			}
			for (int i = 0; i < width * height; i++) {
				int x = i % width, y = i / width;
				double v = 300 + 40 * rnd.nextGaussian();
				for (int k = 0; k < placed.size(); k++) {
					int[] p = placed.get(k);
					if ((x - p[0]) * (x - p[0]) + (y - p[1]) * (y - p[1]) <= p[2] * p[2]) {
						v += 3000;
						truth[z][i] = count + k + 1;
					}
				}
				pixels[i] = (short) Math.max(0, Math.min(65535, Math.round(v)));
			}
			count += placed.size();
			planes.add(pixels);
		}
		ImageVolume image = Planes.volume(planes, new long[] { width, height, 1, slices, 1 }, Calibration.none(), "disks", null);
		return new Disks(image, truth, count);
	}

	/** A float image filled with one value (for NaN and tiny-image tests). */
	public static ImageVolume constant(int width, int height, float value) {
		float[] p = new float[width * height];
		java.util.Arrays.fill(p, value);
		return Planes.volume(List.of(p), new long[] { width, height, 1, 1, 1 }, Calibration.none(), "constant", null);
	}
}
