package org.segloop.core.uncertainty;

import java.util.ArrayList;
import java.util.List;

import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.Planes;

/**
 * The eight flips and quarter turns of the image plane (the dihedral group D4), applied to every
 * plane of an image and inverted on results. Listed in the order test-time augmentation takes
 * them: for K passes, the first K.
 */
public enum Augmentation {
	IDENTITY(false), FLIP_X(false), FLIP_Y(false), ROTATE_180(false), ROTATE_90(true), ROTATE_270(true), TRANSPOSE(true),
	ANTI_TRANSPOSE(true);

	private final boolean swapsAxes;

	Augmentation(boolean swapsAxes) {
		this.swapsAxes = swapsAxes;
	}

	/**
	 * For a source plane of {@code w × h}, the source index of every pixel of the transformed plane
	 * (which is {@code h × w} for the quarter turns and transposes).
	 */
	public int[] sourceIndices(int w, int h) {
		int tw = swapsAxes ? h : w, th = swapsAxes ? w : h;
		int[] src = new int[tw * th];
		for (int y = 0; y < th; y++)
			for (int x = 0; x < tw; x++) {
				int sx, sy;
				switch (this) {
					case IDENTITY -> { sx = x; sy = y; }
					case FLIP_X -> { sx = w - 1 - x; sy = y; }
					case FLIP_Y -> { sx = x; sy = h - 1 - y; }
					case ROTATE_180 -> { sx = w - 1 - x; sy = h - 1 - y; }
					case ROTATE_90 -> { sx = y; sy = h - 1 - x; }
					case ROTATE_270 -> { sx = w - 1 - y; sy = x; }
					case TRANSPOSE -> { sx = y; sy = x; }
					default -> { sx = w - 1 - y; sy = h - 1 - x; }
				}
				src[y * tw + x] = sy * w + sx;
			}
		return src;
	}

	/** The transformed image (new plane arrays; calibration with x and y spacing swapped where needed). */
	public ImageVolume apply(ImageVolume image) {
		int w = image.width(), h = image.height();
		int[] src = sourceIndices(w, h);
		List<Object> planes = new ArrayList<>();
		for (int t = 0; t < image.frames(); t++)
			for (int z = 0; z < image.slices(); z++)
				for (int c = 0; c < image.channels(); c++) {
					planes.add(permute(image.plane(c, z, t), src));
				}
		long[] dims = { swapsAxes ? h : w, swapsAxes ? w : h, image.channels(), image.slices(), image.frames() };
		Calibration cal = image.calibration();
		if (swapsAxes) cal = new Calibration(cal.pixelHeight(), cal.pixelWidth(), cal.pixelDepth(), cal.unit(), cal.valueOffset(),
			cal.valueSlope(), cal.valueUnit());
		return Planes.volume(planes, dims, cal, image.name(), image.source());
	}

	private static Object permute(Object plane, int[] src) {
		int n = src.length;
		if (plane instanceof short[] a) {
			short[] o = new short[n];
			for (int i = 0; i < n; i++) o[i] = a[src[i]];
			return o;
		}
		if (plane instanceof byte[] a) {
			byte[] o = new byte[n];
			for (int i = 0; i < n; i++) o[i] = a[src[i]];
			return o;
		}
		if (plane instanceof float[] a) {
			float[] o = new float[n];
			for (int i = 0; i < n; i++) o[i] = a[src[i]];
			return o;
		}
		int[] a = (int[]) plane, o = new int[n];
		for (int i = 0; i < n; i++) o[i] = a[src[i]];
		return o;
	}
}
