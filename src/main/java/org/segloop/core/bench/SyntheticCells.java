package org.segloop.core.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.Planes;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.ImageFiles;
import org.segloop.core.project.ProjectStore;

/**
 * Generated 16-bit cell images with their true instance labels, for the active-learning benchmark
 * and training tests. The cells are larger, flatter and more textured than the nuclei the bundled
 * model was trained on (a new microscope, in effect), so the starting model is decent but not
 * good. Besides the plain kind there are hard kinds that a pool typically holds few of.
 * Deterministic for a seed.
 */
public final class SyntheticCells {

	/** How an image looks. */
	public enum Kind {
		/** Well separated cells of moderate brightness. */
		PLAIN,
		/** Cells at a fifth of the contrast. */
		DIM,
		/** Cells packed into touching clusters. */
		TOUCHING,
		/** Strong noise. */
		NOISY,
		/** Long thin cells. */
		ELONGATED
	}

	/** One image and its ground truth. */
	public record Sample(ImageVolume image, int[] instances, Kind kind) {

		/** The true instance labels as a label volume. */
		public LabelVolume truth() {
			return new LabelVolume(image.width(), image.height(), 1, 1, new int[][] { instances }, new double[] { 1, 1, 1 });
		}
	}

	/** A sample written as a 16-bit TIFF. */
	public record Written(Path file, Sample sample) {}

	/** Writes samples as {@code PREFIX_001_KIND.tif}, … into a folder. */
	public static List<Written> write(List<Sample> samples, Path dir, String prefix) throws IOException {
		List<Written> out = new ArrayList<>();
		int i = 0;
		for (Sample s : samples) {
			Path file = dir.resolve(String.format("%s_%03d_%s.tif", prefix, ++i, s.kind().name().toLowerCase()));
			ImageFiles.write(s.image(), file);
			out.add(new Written(file, s));
		}
		return out;
	}

	/**
	 * Each written sample's value keyed by the id the project registered its file under. The
	 * registry resolves a path its own way (the real, absolute path), so a simulated annotator
	 * looks its truth up by image id, never by the form of the path it happened to write.
	 */
	public static <T> Map<Long, T> byImageId(ProjectStore project, List<Written> written, Function<Sample, T> value) {
		Map<Long, T> out = new HashMap<>();
		for (Written w : written) {
			long id = project.images().find(w.file()).orElseThrow(() -> new IllegalStateException(w.file() + " is not registered")).id();
			out.put(id, value.apply(w.sample()));
		}
		return out;
	}

	private SyntheticCells() {}

	/**
	 * @param layoutSeed where the cells are; images sharing it are near-duplicates (only noise and small shifts differ)
	 * @param seed the noise and jitter
	 */
	public static Sample generate(int size, Kind kind, long layoutSeed, long seed) {
		SplittableRandom layout = new SplittableRandom(layoutSeed);
		SplittableRandom rnd = new SplittableRandom(seed);
		int[] labels = new int[size * size];
		float[] signal = new float[size * size];
		int count = kind == Kind.TOUCHING ? 14 : 9;
		int shiftX = rnd.nextInt(5) - 2, shiftY = rnd.nextInt(5) - 2;
		int label = 0;
		double clusterX = layout.nextDouble(0.3, 0.7) * size, clusterY = layout.nextDouble(0.3, 0.7) * size;
		for (int n = 0; n < count * 4 && label < count; n++) {
			double r = layout.nextDouble(11, 18);
			double ry = r * layout.nextDouble(0.8, 1.2), rx = r * layout.nextDouble(0.8, 1.2);
			if (kind == Kind.ELONGATED) {
				rx = r * 2.2;
				ry = r * 0.45;
			}
			double cx, cy;
			if (kind == Kind.TOUCHING) {
				cx = clusterX + layout.nextDouble(-1, 1) * size * 0.28;
				cy = clusterY + layout.nextDouble(-1, 1) * size * 0.28;
			}
			else {
				cx = layout.nextDouble(0, size);
				cy = layout.nextDouble(0, size);
			}
			cx += shiftX;
			cy += shiftY;
			double theta = layout.nextDouble(0, Math.PI), brightness = layout.nextDouble(0.5, 1.0);
			if (!place(labels, signal, size, label + 1, cx, cy, rx, ry, theta, brightness, kind == Kind.TOUCHING ? 40 : 0)) continue;
			label++;
		}
		float contrast = kind == Kind.DIM ? 0.2f : 1f;
		float noise = kind == Kind.NOISY ? 0.35f : 0.06f;
		short[] pixels = new short[size * size];
		float[] blurred = blur(signal, size);
		for (int i = 0; i < pixels.length; i++) {
			int x = i % size, y = i / size;
			double background = 0.15 + 0.08 * Math.sin(x / 37.0 + y / 53.0);
			double v = background + contrast * blurred[i] + noise * gaussian(rnd);
			pixels[i] = (short) Math.max(0, Math.min(65535, Math.round(300 + 2000 * v)));
		}
		ImageVolume image = Planes.volume(List.of(pixels), new long[] { size, size, 1, 1, 1 }, Calibration.none(), kind.name().toLowerCase() + "-" + seed, null);
		return new Sample(image, labels, kind);
	}

	/**
	 * A pool with redundancy: {@code 1 - hardFraction} of the images are plain near-duplicates of
	 * {@code layouts} layouts, the rest are the hard kinds in turn, each with its own layout.
	 */
	public static List<Sample> pool(int count, int size, double hardFraction, int layouts, long seed) {
		List<Sample> out = new ArrayList<>();
		SplittableRandom rnd = new SplittableRandom(seed);
		Kind[] hard = { Kind.DIM, Kind.TOUCHING, Kind.NOISY, Kind.ELONGATED };
		int hardCount = (int) Math.round(count * hardFraction);
		for (int i = 0; i < count; i++) {
			boolean isHard = i < hardCount;
			Kind kind = isHard ? hard[i % hard.length] : Kind.PLAIN;
			long layout = isHard ? rnd.nextLong() : seed * 31 + rnd.nextInt(layouts);
			out.add(generate(size, kind, layout, rnd.nextLong()));
		}
		Collections.shuffle(out, new Random(seed));
		return out;
	}

	private static boolean place(int[] labels, float[] signal, int size, int label, double cx, double cy, double rx, double ry, double theta,
		double brightness, int minFree)
	{
		double cos = Math.cos(theta), sin = Math.sin(theta);
		int reach = (int) Math.ceil(Math.max(rx, ry)) + 1;
		List<Integer> free = new ArrayList<>();
		int inside = 0;
		for (int y = (int) cy - reach; y <= cy + reach; y++)
			for (int x = (int) cx - reach; x <= cx + reach; x++) {
				if (x < 0 || y < 0 || x >= size || y >= size) continue;
				double dx = x - cx, dy = y - cy;
				double u = (dx * cos + dy * sin) / rx, v = (-dx * sin + dy * cos) / ry;
				if (u * u + v * v > 1) continue;
				inside++;
				if (labels[y * size + x] == 0) free.add(y * size + x);
			}
		// touching clusters may overlap a little (later cells fill only free pixels); others must not
		if (free.size() < Math.max(30, minFree) || (minFree == 0 && free.size() < inside)) return false;
		for (int i : free) {
			labels[i] = label;
			int x = i % size, y = i / size;
			double dx = x - cx, dy = y - cy;
			double u = (dx * cos + dy * sin) / rx, v = (-dx * sin + dy * cos) / ry;
			double d = Math.sqrt(u * u + v * v);
			signal[i] = (float) (brightness * (0.55 + 0.45 * d)); // brighter rim, flatter centre than a nucleus
		}
		return true;
	}

	private static float[] blur(float[] in, int size) {
		float[] tmp = new float[in.length], out = new float[in.length];
		float[] k = { 0.25f, 0.5f, 0.25f };
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				float s = 0;
				for (int d = -1; d <= 1; d++) s += k[d + 1] * in[y * size + Math.min(size - 1, Math.max(0, x + d))];
				tmp[y * size + x] = s;
			}
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				float s = 0;
				for (int d = -1; d <= 1; d++) s += k[d + 1] * tmp[Math.min(size - 1, Math.max(0, y + d)) * size + x];
				out[y * size + x] = s;
			}
		return out;
	}

	private static double gaussian(SplittableRandom rnd) {
		double u = rnd.nextDouble(1e-12, 1), v = rnd.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}
}
