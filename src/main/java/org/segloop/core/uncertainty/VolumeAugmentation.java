package org.segloop.core.uncertainty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.Planes;

/**
 * A symmetry of the voxel grid, for test-time augmentation of 3D models: output axis {@code i}
 * (x, y, z) reads input axis {@code axes[i]}, reversed where {@code flips[i]}. Which symmetries an
 * image may take depends on its spacing ({@link #allowedFor}): a rotation that moves z into the
 * plane only makes sense when a voxel is about as deep as it is wide, and a quarter turn in the
 * plane only when pixels are square; otherwise the model would see anatomy squashed in a way it
 * never saw in training. Channels and frames are never mixed.
 *
 * <p>Immutable and thread-safe. {@link #apply} copies the image once (same plane type, voxels
 * moved); the inverse is exact because it is the same index mapping read backwards
 * ({@link #source}).
 *
 * @param axes a permutation of {0, 1, 2}
 * @param flips per output axis
 */
public record VolumeAugmentation(int[] axes, boolean[] flips) {

	/** Relative tolerance of "the same spacing" for x and y (DICOM writes spacings in decimal text). */
	static final double SAME_SPACING = 1e-3;
	/** z may be rotated into the plane when its spacing is within this fraction of the in-plane spacing. */
	public static final double ISOTROPIC_TOLERANCE = 0.2;

	public VolumeAugmentation {
		int[] sorted = axes.clone();
		Arrays.sort(sorted);
		if (!Arrays.equals(sorted, new int[] { 0, 1, 2 }) || flips.length != 3)
			throw new IllegalArgumentException("axes must permute x, y, z and flips name three axes");
		axes = axes.clone();
		flips = flips.clone();
	}

	public static final VolumeAugmentation IDENTITY = of(0, 1, 2, false, false, false);

	private static VolumeAugmentation of(int ax, int ay, int az, boolean fx, boolean fy, boolean fz) {
		return new VolumeAugmentation(new int[] { ax, ay, az }, new boolean[] { fx, fy, fz });
	}

	/** How the spacing of an image limits its augmentations. */
	public enum Symmetry {
		/** x, y and z spacing alike: all 48 symmetries of the cube, z rotated into the plane included. */
		ISOTROPIC,
		/** square pixels, thicker (or thinner) slices: the 8 in-plane flips and quarter turns, each with and without a z flip. */
		SQUARE_PIXELS,
		/** x and y spacing differ: flips only. */
		FLIPS_ONLY;

		/**
		 * From the calibration. An uncalibrated image (unit "pixel" or none) is taken to have square
		 * pixels and unknown slice spacing, so z never moves into the plane.
		 */
		public static Symmetry of(Calibration c) {
			boolean square = Math.abs(c.pixelWidth() - c.pixelHeight()) <= SAME_SPACING * Math.max(c.pixelWidth(), c.pixelHeight());
			if (!square) return FLIPS_ONLY;
			boolean known = c.unit() != null && !c.unit().isBlank() && !c.unit().equalsIgnoreCase("pixel") && !c.unit().equalsIgnoreCase("pixels");
			if (known && Math.abs(c.pixelDepth() - c.pixelWidth()) <= ISOTROPIC_TOLERANCE * c.pixelWidth()) return ISOTROPIC;
			return SQUARE_PIXELS;
		}
	}

	/**
	 * The augmentations an image of this calibration may take, in the order test-time augmentation
	 * takes them (for K passes, the first K), identity first. The first few are chosen to be a
	 * sensible set on their own: a z flip second (a 3D model's own new symmetry), then (isotropic)
	 * one quarter turn in each of the three planes, or (square pixels) the in-plane quarter turn and
	 * flips; the rest follow.
	 */
	public static List<VolumeAugmentation> allowedFor(Calibration calibration) {
		return ordered(Symmetry.of(calibration));
	}

	public static List<VolumeAugmentation> ordered(Symmetry symmetry) {
		List<VolumeAugmentation> out = new ArrayList<>();
		out.add(IDENTITY);
		out.add(of(0, 1, 2, false, false, true)); // flip z
		switch (symmetry) {
			case FLIPS_ONLY -> {
				out.add(of(0, 1, 2, true, false, false));
				out.add(of(0, 1, 2, false, true, false));
				out.add(of(0, 1, 2, true, true, false));
				out.add(of(0, 1, 2, true, false, true));
				out.add(of(0, 1, 2, false, true, true));
				out.add(of(0, 1, 2, true, true, true));
			}
			case SQUARE_PIXELS -> {
				List<VolumeAugmentation> plane = List.of(of(1, 0, 2, true, false, false), of(0, 1, 2, true, false, false), of(0, 1, 2, false, true, false),
					of(0, 1, 2, true, true, false), of(1, 0, 2, false, true, false), of(1, 0, 2, false, false, false), of(1, 0, 2, true, true, false));
				out.addAll(plane); // rotate 90, flip x, flip y, rotate 180, rotate 270, transpose, anti-transpose
				for (VolumeAugmentation a : plane) out.add(of(a.axes[0], a.axes[1], 2, a.flips[0], a.flips[1], true));
			}
			case ISOTROPIC -> {
				out.add(of(1, 0, 2, true, false, false)); // quarter turn in xy
				out.add(of(2, 1, 0, true, false, false)); // quarter turn in xz: z into x
				out.add(of(0, 2, 1, false, true, false)); // quarter turn in yz: z into y
				out.add(of(0, 1, 2, true, false, false));
				out.add(of(0, 1, 2, false, true, false));
				out.add(of(0, 1, 2, true, true, false));
				for (int[] perm : new int[][] { { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 } })
					for (int bits = 0; bits < 8; bits++) {
						VolumeAugmentation a = of(perm[0], perm[1], perm[2], (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0);
						if (!out.contains(a)) out.add(a);
					}
			}
		}
		return List.copyOf(out);
	}

	/** Whether z ends up in the image plane (only ever allowed for isotropic spacing). */
	public boolean movesZ() {
		return axes[2] != 2;
	}

	/** The transformed size (x, y, z) of a {@code w × h × d} volume. */
	public int[] size(int w, int h, int d) {
		int[] in = { w, h, d };
		return new int[] { in[axes[0]], in[axes[1]], in[axes[2]] };
	}

	/**
	 * The source of every voxel of one transformed plane: {@code source(...)[2 * i]} is the source
	 * slice and {@code [2 * i + 1]} the source pixel index of transformed pixel {@code i} of
	 * transformed slice {@code zo}.
	 */
	public int[] source(int w, int h, int d, int zo) {
		int[] in = { w, h, d }, out = size(w, h, d);
		int[] s = new int[3];
		int[] src = new int[2 * out[0] * out[1]];
		s[axes[2]] = flips[2] ? out[2] - 1 - zo : zo;
		for (int yo = 0, k = 0; yo < out[1]; yo++) {
			s[axes[1]] = flips[1] ? out[1] - 1 - yo : yo;
			for (int xo = 0; xo < out[0]; xo++, k += 2) {
				s[axes[0]] = flips[0] ? out[0] - 1 - xo : xo;
				src[k] = s[2];
				src[k + 1] = s[1] * in[0] + s[0];
			}
		}
		return src;
	}

	/** The transformed image (new plane arrays; spacing permuted with the axes). */
	public ImageVolume apply(ImageVolume image) {
		int w = image.width(), h = image.height(), d = image.slices();
		int[] out = size(w, h, d);
		int n = out[0] * out[1];
		List<Object> planes = new ArrayList<>();
		for (int t = 0; t < image.frames(); t++)
			for (int zo = 0; zo < out[2]; zo++) {
				int[] src = source(w, h, d, zo);
				for (int c = 0; c < image.channels(); c++) planes.add(gather(image, c, t, src, n));
			}
		Calibration cal = image.calibration();
		double[] spacing = { cal.pixelWidth(), cal.pixelHeight(), cal.pixelDepth() };
		Calibration moved = new Calibration(spacing[axes[0]], spacing[axes[1]], spacing[axes[2]], cal.unit(), cal.valueOffset(), cal.valueSlope(),
			cal.valueUnit());
		long[] dims = { out[0], out[1], image.channels(), out[2], image.frames() };
		return Planes.volume(planes, dims, moved, image.name(), image.source());
	}

	/**
	 * A stand-in of the transformed image's size whose planes hold no pixels, only for planning
	 * tiles (counting a pass's model runs before making the copy).
	 */
	ImageVolume shapeOf(ImageVolume image) {
		int[] out = size(image.width(), image.height(), image.slices());
		List<Object> planes = new ArrayList<>();
		byte[] none = new byte[0];
		for (int i = 0; i < image.channels() * out[2] * image.frames(); i++) planes.add(none);
		return Planes.volume(planes, new long[] { out[0], out[1], image.channels(), out[2], image.frames() }, image.calibration(), image.name(),
			image.source());
	}

	private static Object gather(ImageVolume image, int c, int t, int[] src, int n) {
		Object[] byZ = new Object[image.slices()];
		for (int z = 0; z < byZ.length; z++) byZ[z] = image.plane(c, z, t);
		if (byZ[0] instanceof short[]) {
			short[] o = new short[n];
			for (int i = 0; i < n; i++) o[i] = ((short[]) byZ[src[2 * i]])[src[2 * i + 1]];
			return o;
		}
		if (byZ[0] instanceof byte[]) {
			byte[] o = new byte[n];
			for (int i = 0; i < n; i++) o[i] = ((byte[]) byZ[src[2 * i]])[src[2 * i + 1]];
			return o;
		}
		if (byZ[0] instanceof float[]) {
			float[] o = new float[n];
			for (int i = 0; i < n; i++) o[i] = ((float[]) byZ[src[2 * i]])[src[2 * i + 1]];
			return o;
		}
		int[] o = new int[n];
		for (int i = 0; i < n; i++) o[i] = ((int[]) byZ[src[2 * i]])[src[2 * i + 1]];
		return o;
	}

	/** E.g. "(x, y, -z)": the source axis each output axis reads, minus where reversed. */
	@Override
	public String toString() {
		StringBuilder b = new StringBuilder("(");
		for (int i = 0; i < 3; i++) b.append(i == 0 ? "" : ", ").append(flips[i] ? "-" : "").append("xyz".charAt(axes[i]));
		return b.append(')').toString();
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof VolumeAugmentation v && Arrays.equals(axes, v.axes) && Arrays.equals(flips, v.flips);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(axes) + Arrays.hashCode(flips);
	}
}
