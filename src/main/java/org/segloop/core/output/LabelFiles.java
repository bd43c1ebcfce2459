package org.segloop.core.output;

import java.io.IOException;
import java.nio.file.Path;

import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.ImageReader;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.TiffWriter;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.project.ImageRegistry.ImageRecord;

/** Reads and writes label images (class masks, instance labels) and float maps as TIFF. */
public final class LabelFiles {

	private LabelFiles() {}

	/**
	 * Reads a label image and checks it against the image it labels: same width, height, slices
	 * and frames, one channel, integer values ≥ 0 (8- or 16-bit, or 32-bit holding whole numbers),
	 * and at most {@code maxLabel} when that is ≥ 0.
	 *
	 * @throws ImageInputException naming the file, what is wrong and what to do
	 */
	public static LabelVolume read(Path file, ImageRecord image, int maxLabel, String what) {
		return readWithCalibration(file, image, maxLabel, what).labels();
	}

	/** Labels with the calibration their file carries (spacing, unit). */
	public record Calibrated(LabelVolume labels, Calibration calibration) {}

	/** As {@link #read}, keeping the file's calibration (e.g. a proposal's, which is its image's). */
	public static Calibrated readWithCalibration(Path file, ImageRecord image, int maxLabel, String what) {
		ImageVolume v = ImageReader.read(file);
		checkSize(file, v.width(), v.height(), v.slices(), v.frames(), image, what);
		return new Calibrated(labels(v, file, maxLabel, what), v.calibration());
	}

	/**
	 * The labels an image holds (e.g. a label image painted in ImageJ): one channel, whole numbers
	 * ≥ 0, at most {@code maxLabel} when that is ≥ 0.
	 *
	 * @param source named in messages
	 */
	public static LabelVolume labels(ImageVolume v, Path source, int maxLabel, String what) {
		if (v.channels() != 1) throw new ImageInputException(source, "has " + v.channels() + " channels (an RGB or composite image)",
			"save the " + what + " as a single-channel 8- or 16-bit label image (Image > Type > 16-bit)");
		int[][] labels = new int[v.slices() * v.frames()][];
		for (int t = 0; t < v.frames(); t++)
			for (int z = 0; z < v.slices(); z++) labels[z + v.slices() * t] = toLabels(source, v.plane(0, z, t), maxLabel, what);
		return new LabelVolume(v.width(), v.height(), v.slices(), v.frames(), labels, spacing(v.calibration()));
	}

	/**
	 * Checks labels made in memory (e.g. painted from ROIs) as {@link #read} checks a file's.
	 *
	 * @param source named in messages (the image the labels belong to)
	 */
	public static void check(LabelVolume v, Path source, ImageRecord image, int maxLabel, String what) {
		checkSize(source, v.width(), v.height(), v.slices(), v.frames(), image, what);
		for (int[] plane : v.labels())
			for (int value : plane) {
				if (value < 0) throw new ImageInputException(source, "has the label " + value + " (labels are whole numbers ≥ 0)",
					"use labels 0 (background) and up");
				if (maxLabel >= 0 && value > maxLabel) throw new ImageInputException(source, "holds the label " + value
					+ " but the model has only classes 0 to " + maxLabel, "use only class values 0 to " + maxLabel + ", or accept it as instances");
			}
	}

	private static void checkSize(Path file, int w, int h, int z, int t, ImageRecord image, String what) {
		if (w != image.width() || h != image.height() || z != image.slices() || t != image.frames())
			throw new ImageInputException(file, "is " + describe(w, h, z, t) + " but the image " + image.path().getFileName() + " is "
				+ describe(image.width(), image.height(), image.slices(), image.frames()), "save the " + what + " at the image's own size (do not crop or scale it)");
	}

	public static double[] spacing(Calibration c) {
		return new double[] { positive(c.pixelWidth()), positive(c.pixelHeight()), positive(c.pixelDepth()) };
	}

	private static double positive(double v) {
		return v > 0 && Double.isFinite(v) ? v : 1;
	}

	private static int[] toLabels(Path file, Object plane, int maxLabel, String what) {
		int n = java.lang.reflect.Array.getLength(plane);
		int[] out = new int[n];
		for (int i = 0; i < n; i++) {
			double value;
			if (plane instanceof byte[] b) value = b[i] & 0xff;
			else if (plane instanceof short[] s) value = s[i] & 0xffff;
			else if (plane instanceof float[] f) value = f[i];
			else value = ((int[]) plane)[i];
			if (!(value >= 0) || value != Math.rint(value) || value > Integer.MAX_VALUE) throw new ImageInputException(file,
				"holds the value " + value + ", which is not a label (labels are whole numbers ≥ 0)",
				"save the " + what + " as an 8- or 16-bit label image, not an intensity or probability image");
			if (maxLabel >= 0 && value > maxLabel) throw new ImageInputException(file, "holds the label " + (long) value
				+ " but the model has only classes 0 to " + maxLabel, "paint only class values 0 to " + maxLabel
					+ ", or accept it as an instance mask (--kind instance)");
			out[i] = (int) value;
		}
		return out;
	}

	private static String describe(int w, int h, int z, int t) {
		return w + "×" + h + (z > 1 ? "×" + z + " slices" : "") + (t > 1 ? "×" + t + " frames" : "");
	}

	/** Writes labels as 16-bit TIFF (32-bit float above 65535 labels: ImageJ has no 32-bit integers). */
	public static void write(LabelVolume v, Path file, Calibration calibration) throws IOException {
		boolean small = v.max() <= 65535;
		try (TiffWriter w = new TiffWriter(file, v.width(), v.height(), 1, v.slices(), v.frames(),
			small ? TiffWriter.PixelType.UINT16 : TiffWriter.PixelType.FLOAT32, calibration))
		{
			for (int p = 0; p < v.labels().length; p++) {
				int[] l = v.labels()[p];
				if (small) {
					short[] s = new short[l.length];
					for (int i = 0; i < s.length; i++) s[i] = (short) l[i];
					w.writePage(p, s);
				}
				else {
					float[] f = new float[l.length];
					for (int i = 0; i < f.length; i++) f[i] = l[i];
					w.writePage(p, f);
				}
			}
			w.commit();
		}
	}

	/** Writes float planes (e.g. an uncertainty map) as 32-bit TIFF. */
	public static void writeFloat(float[][] planes, int width, int height, int slices, int frames, Path file, Calibration calibration)
		throws IOException
	{
		try (TiffWriter w = new TiffWriter(file, width, height, 1, slices, frames, TiffWriter.PixelType.FLOAT32, calibration)) {
			for (int p = 0; p < planes.length; p++) w.writePage(p, planes[p]);
			w.commit();
		}
	}
}
