package org.segloop.core.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.Planes;

/** Deterministic nucleus-like 16-bit images of any size, generated fast, for benchmarks. */
public final class BenchImages {

	private BenchImages() {}

	public static ImageVolume nuclei(int width, int height, int slices, long seed) {
		List<Object> planes = new ArrayList<>();
		SplittableRandom rnd = new SplittableRandom(seed);
		for (int z = 0; z < slices; z++) {
			short[] p = new short[width * height];
			for (int i = 0; i < p.length; i++) p[i] = (short) (280 + rnd.nextInt(60));
			int cell = 36;
			for (int cy = cell / 2; cy < height; cy += cell)
				for (int cx = cell / 2; cx < width; cx += cell) {
					if (rnd.nextInt(10) < 4) continue;
					int r = 6 + rnd.nextInt(7);
					int x0 = cx + rnd.nextInt(9) - 4, y0 = cy + rnd.nextInt(9) - 4;
					int brightness = 1500 + rnd.nextInt(2500);
					for (int y = Math.max(0, y0 - r); y <= Math.min(height - 1, y0 + r); y++)
						for (int x = Math.max(0, x0 - r); x <= Math.min(width - 1, x0 + r); x++)
							if ((x - x0) * (x - x0) + (y - y0) * (y - y0) <= r * r) p[y * width + x] = (short) (p[y * width + x] + brightness);
				}
			planes.add(p);
		}
		return Planes.volume(planes, new long[] { width, height, 1, slices, 1 }, Calibration.none(), "bench" + width + "x" + height, null);
	}
}
