package org.segloop.core.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.segloop.core.metrics.LabelVolume;

/**
 * A generated CT-like volume in Hounsfield units with its ground truth, drawn the way the bundled
 * CT model's recipe ({@code models/ct-organ-unet3d/train.py}) draws its training phantoms: air, a
 * body outline with a fat layer and soft tissue, lung bases, spine and ribs, one deformed organ
 * and 0–4 hypodense lesions inside it (round in millimetres, so flatter in slices), with
 * partial-volume blur and Gaussian noise. Anatomy is relative to the grid; the voxels stand for
 * {@link #SPACING} (x, y, z in mm). Keep it in step with the recipe.
 *
 * <p>Slices are generated one at a time ({@link #slices}), so a 512 × 512 × 300 volume needs a
 * few planes of memory, not the volume. Deterministic for a seed; not thread-safe.
 */
public final class CtPhantom {

	/** Voxel size (x, y, z) in mm that the generated anatomy stands for. */
	public static final double[] SPACING = { 0.7, 0.7, 2.5 };

	/** Classes of the ground truth (the bundled model's output channels). */
	public static final int BACKGROUND = 0, ORGAN = 1, LESION = 2;

	/** One slice: HU, classes and lesion instances (1..n, numbered over the volume), row-major. */
	public record Slice(int z, short[] hu, int[] classes, int[] lesions) {}

	/** Receives slices in order. */
	public interface SliceConsumer {
		void accept(Slice slice) throws java.io.IOException;
	}

	/** A whole volume: {@code [z][y * width + x]}. */
	public record Volume(int width, int height, int depth, short[][] hu, int[][] classes, int[][] lesions) {

		/** The classes as a label volume with the phantom's spacing. */
		public LabelVolume classVolume() {
			return new LabelVolume(width, height, depth, 1, classes, SPACING.clone());
		}

		public LabelVolume lesionVolume() {
			return new LabelVolume(width, height, depth, 1, lesions, SPACING.clone());
		}
	}

	private record Lesion(double x, double y, double z, double r, double rz, double hu) {}

	private final int width, height, depth;
	private final double cx, cy, ax, ay, swellPhase, fatHu, softHu, lungTop, lungHu0, lungHu1;
	private final double[][] ribs = new double[10][];
	private final double ox, oy, oz, oa, ob, oc, phase1, phase2, organHu;
	private final int k1, k2;
	private final List<Lesion> lesions = new ArrayList<>();
	private final double noise;
	private final SplittableRandom random;

	/** Draws the anatomy of one phantom (cheap); {@link #slices} renders it. */
	public CtPhantom(long seed, int width, int height, int depth) {
		if (width < 8 || height < 8 || depth < 1) throw new IllegalArgumentException("phantom too small: " + width + "×" + height + "×" + depth);
		this.width = width;
		this.height = height;
		this.depth = depth;
		SplittableRandom r = new SplittableRandom(seed);
		cx = 0.5 + u(r, -0.03, 0.03);
		cy = 0.5 + u(r, -0.03, 0.03);
		ax = u(r, 0.38, 0.46);
		ay = u(r, 0.28, 0.36);
		swellPhase = u(r, 0, 2 * Math.PI);
		softHu = u(r, 30, 50);
		fatHu = u(r, -110, -90);
		lungTop = u(r, 0.2, 0.45);
		lungHu0 = u(r, -870, -820);
		lungHu1 = u(r, -870, -820);
		for (int k = 0; k < ribs.length; k++) {
			double angle = Math.PI * (0.15 + 0.7 * k / 9.0) + (k >= 5 ? Math.PI : 0) + u(r, -0.05, 0.05);
			ribs[k] = new double[] { cx + 0.92 * ax * Math.cos(angle), cy + 0.92 * ay * Math.sin(angle) };
		}
		ox = cx - 0.12 + u(r, -0.06, 0.06);
		oy = cy + u(r, -0.08, 0.04);
		oz = u(r, 0.4, 0.6);
		oa = u(r, 0.12, 0.18);
		ob = u(r, 0.10, 0.15);
		oc = u(r, 0.22, 0.35);
		k1 = 2 + r.nextInt(2);
		k2 = 3 + r.nextInt(3);
		phase1 = u(r, 0, 6.3);
		phase2 = u(r, 0, 6.3);
		organHu = u(r, 85, 115);
		int count = r.nextInt(5);
		for (int i = 0; i < count; i++) {
			double[] c = organPoint(r);
			if (c == null) break;
			double radius = u(r, 0.03, 0.07);
			double rz = Math.max(radius * (SPACING[0] / SPACING[2]) * width / depth, 0.5 / depth);
			Lesion l = new Lesion(c[0], c[1], c[2], radius, rz, organHu - u(r, 35, 60));
			if (voxels(l) >= 4) lesions.add(l);
		}
		noise = u(r, 8, 20);
		random = r;
	}

	/** The whole volume in memory (for volumes of a few million voxels). */
	/** The phantom as an image the way a DICOM series of it reads: stored HU + 1024, 16-bit, with the spacing in mm. */
	public static org.segloop.core.image.ImageVolume image(Volume v) {
		java.util.List<Object> planes = new ArrayList<>();
		for (short[] hu : v.hu()) {
			short[] stored = new short[hu.length];
			for (int i = 0; i < hu.length; i++) stored[i] = (short) (hu[i] + 1024);
			planes.add(stored);
		}
		return org.segloop.core.image.Planes.volume(planes, new long[] { v.width(), v.height(), 1, v.depth(), 1 },
			new org.segloop.core.image.Calibration(SPACING[0], SPACING[1], SPACING[2], "mm", -1024, 1, "HU"), "phantom", null);
	}

	public static Volume generate(long seed, int width, int height, int depth) {
		CtPhantom p = new CtPhantom(seed, width, height, depth);
		short[][] hu = new short[depth][];
		int[][] classes = new int[depth][], lesions = new int[depth][];
		try {
			p.slices(s -> {
				hu[s.z()] = s.hu();
				classes[s.z()] = s.classes();
				lesions[s.z()] = s.lesions();
			});
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		return new Volume(width, height, depth, hu, classes, lesions);
	}

	public int lesionCount() {
		return lesions.size();
	}

	/**
	 * Renders the slices in order: anatomy, then a Gaussian blur (σ 0.8 voxels in-plane, 0.5 across
	 * slices), then noise, rounded and clamped to [−1024, 3071] HU. Call once.
	 */
	public void slices(SliceConsumer consumer) throws java.io.IOException {
		double[] kz = kernel(0.5), kxy = kernel(0.8);
		int rz = kz.length / 2, plane = width * height;
		float[][] ring = new float[kz.length][]; // unblurred planes z - rz .. z + rz (reflected at the ends)
		int[][] ringClasses = new int[kz.length][], ringLesions = new int[kz.length][];
		for (int z = 0; z < depth; z++) {
			for (int j = 0; j < kz.length; j++) {
				int source = reflect(z + j - rz, depth);
				ring[j] = null;
				// planes are cheap to redraw compared with blurring; keep it simple and exact
				ring[j] = anatomy(source, j == rz ? (ringClasses[j] = new int[plane]) : null, j == rz ? (ringLesions[j] = new int[plane]) : null);
			}
			float[] mixed = new float[plane];
			for (int j = 0; j < kz.length; j++)
				for (int i = 0; i < plane; i++) mixed[i] += (float) kz[j] * ring[j][i];
			float[] blurred = blurPlane(mixed, kxy);
			short[] hu = new short[plane];
			for (int i = 0; i < plane; i++)
				hu[i] = (short) Math.max(-1024, Math.min(3071, Math.round(blurred[i] + random.nextGaussian() * noise)));
			consumer.accept(new Slice(z, hu, ringClasses[rz], ringLesions[rz]));
		}
	}

	/** HU of plane z before blur and noise; fills classes and lesion labels when given. */
	private float[] anatomy(int z, int[] classes, int[] lesionLabels) {
		float[] hu = new float[width * height];
		double zz = (z + 0.5) / depth;
		double swell = 1 + 0.05 * Math.sin(2 * Math.PI * zz + swellPhase);
		for (int y = 0; y < height; y++) {
			double v = (y + 0.5) / height;
			for (int x = 0; x < width; x++) {
				double u = (x + 0.5) / width;
				int i = y * width + x;
				double bodyR = sq((u - cx) / (ax * swell)) + sq((v - cy) / (ay * swell));
				if (bodyR > 1) {
					hu[i] = -1000;
					continue;
				}
				boolean inner = bodyR <= 0.88 * 0.88;
				double value = inner ? softHu : fatHu;
				for (int side = -1; side <= 1; side += 2) {
					double lx = cx + side * ax * 0.45, ly = cy - ay * 0.15;
					if (inner && sq((u - lx) / (ax * 0.32)) + sq((v - ly) / (ay * 0.5)) + sq(zz / lungTop) <= 1) value = side < 0 ? lungHu0 : lungHu1;
				}
				double spine = Math.hypot(u - cx, v - (cy + ay * 0.62));
				if (spine <= 0.05) value = spine <= 0.035 ? 230 : 700;
				for (double[] rib : ribs) if (Math.hypot(u - rib[0], v - rib[1]) <= 0.012) value = 600;
				int cls = BACKGROUND, lesion = 0;
				if (inner && spine > 0.06 && inOrgan(u, v, zz)) {
					value = organHu;
					cls = ORGAN;
					for (int l = 0; l < lesions.size(); l++) {
						Lesion s = lesions.get(l);
						if (sq((u - s.x) / s.r) + sq((v - s.y) / s.r) + sq((zz - s.z) / s.rz) <= 1) {
							value = s.hu;
							cls = LESION;
							lesion = l + 1;
							break;
						}
					}
				}
				hu[i] = (float) value;
				if (classes != null) {
					classes[i] = cls;
					lesionLabels[i] = lesion;
				}
			}
		}
		return hu;
	}

	private boolean inOrgan(double u, double v, double zz) {
		double du = (u - ox) / oa, dv = (v - oy) / ob, dz = (zz - oz) / oc;
		double theta = Math.atan2(dv, du);
		double wobble = 1 + 0.12 * Math.sin(k1 * theta + phase1) + 0.07 * Math.sin(k2 * theta + 3 * dz + phase2);
		return du * du + dv * dv + dz * dz <= wobble * wobble;
	}

	/** A uniformly drawn voxel centre of the organ, or null when the organ has none on the grid. */
	private double[] organPoint(SplittableRandom r) {
		for (int tries = 0; tries < 10_000; tries++) {
			double u = (r.nextInt(width) + 0.5) / width, v = (r.nextInt(height) + 0.5) / height, zz = (r.nextInt(depth) + 0.5) / depth;
			double bodyR = sq((u - cx) / ax) + sq((v - cy) / ay); // without the swell: close enough for placing a lesion
			if (bodyR <= 0.88 * 0.88 && Math.hypot(u - cx, v - (cy + ay * 0.62)) > 0.06 && inOrgan(u, v, zz)) return new double[] { u, v, zz };
		}
		return null;
	}

	/** Voxels a lesion covers inside the organ (its bounding box counted), to drop specks as the recipe does. */
	private int voxels(Lesion l) {
		int count = 0;
		int x0 = Math.max(0, (int) ((l.x - l.r) * width)), x1 = Math.min(width - 1, (int) ((l.x + l.r) * width) + 1);
		int y0 = Math.max(0, (int) ((l.y - l.r) * height)), y1 = Math.min(height - 1, (int) ((l.y + l.r) * height) + 1);
		int z0 = Math.max(0, (int) ((l.z - l.rz) * depth)), z1 = Math.min(depth - 1, (int) ((l.z + l.rz) * depth) + 1);
		for (int z = z0; z <= z1; z++)
			for (int y = y0; y <= y1; y++)
				for (int x = x0; x <= x1; x++) {
					double u = (x + 0.5) / width, v = (y + 0.5) / height, zz = (z + 0.5) / depth;
					if (sq((u - l.x) / l.r) + sq((v - l.y) / l.r) + sq((zz - l.z) / l.rz) <= 1 && inOrgan(u, v, zz)) count++;
				}
		return count;
	}

	private float[] blurPlane(float[] in, double[] k) {
		int r = k.length / 2;
		float[] rows = new float[in.length], out = new float[in.length];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				double s = 0;
				for (int j = 0; j < k.length; j++) s += k[j] * in[y * width + reflect(x + j - r, width)];
				rows[y * width + x] = (float) s;
			}
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				double s = 0;
				for (int j = 0; j < k.length; j++) s += k[j] * rows[reflect(y + j - r, height) * width + x];
				out[y * width + x] = (float) s;
			}
		return out;
	}

	/** Normalised Gaussian taps, radius ⌈3σ⌉. */
	private static double[] kernel(double sigma) {
		int radius = Math.max(1, (int) Math.ceil(3 * sigma));
		double[] k = new double[2 * radius + 1];
		double sum = 0;
		for (int i = 0; i < k.length; i++) sum += k[i] = Math.exp(-0.5 * sq((i - radius) / sigma));
		for (int i = 0; i < k.length; i++) k[i] /= sum;
		return k;
	}

	/** numpy's "reflect" padding: …2 1 | 0 1 2 … n-1 | n-2 … */
	private static int reflect(int i, int n) {
		if (n == 1) return 0;
		int period = 2 * (n - 1);
		i = Math.floorMod(i, period);
		return i < n ? i : period - i;
	}

	private static double u(SplittableRandom r, double lo, double hi) {
		return r.nextDouble(lo, hi);
	}

	private static double sq(double v) {
		return v * v;
	}
}
