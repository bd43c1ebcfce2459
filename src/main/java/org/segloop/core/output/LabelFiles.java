package org.segloop.core.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntToDoubleFunction;

import org.segloop.core.UserSetting;
import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.ImageReader;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.LabelTiffReader;
import org.segloop.core.image.PlaneReader;
import org.segloop.core.image.TiffWriter;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.nifti.NiftiGeometry;
import org.segloop.core.nifti.NiftiImage;
import org.segloop.core.nifti.NiftiReader;
import org.segloop.core.nifti.NiftiWriter;
import org.segloop.core.project.ImageRegistry.ImageRecord;

/** Reads and writes label images (class masks, instance labels) and float maps as TIFF; reads NIfTI label images too. */
public final class LabelFiles {

	private LabelFiles() {}

	/**
	 * Reads a label image and checks it against the image it labels: same width, height, slices
	 * and frames, one channel, whole-number values ≥ 0 read by their true value (TIFF: signed or
	 * unsigned 8, 16 or 32-bit integers, 32 or 64-bit floats holding whole numbers; PNG: 8 or 16-bit
	 * gray), and at most {@code maxLabel} when that is ≥ 0.
	 *
	 * @throws ImageInputException naming the file, what is wrong (for a bad value: the first pixel
	 *     that holds it) and what to do
	 */
	public static LabelVolume read(Path file, ImageRecord image, int maxLabel, String what) {
		return readWithCalibration(file, image, maxLabel, what).labels();
	}

	/** Labels with the calibration their file carries (spacing, unit). */
	public record Calibrated(LabelVolume labels, Calibration calibration) {}

	/** As {@link #read}, keeping the file's calibration (e.g. a proposal's, which is its image's). */
	public static Calibrated readWithCalibration(Path file, ImageRecord image, int maxLabel, String what) {
		if (Files.isRegularFile(file) && NiftiReader.isNifti(file)) return readNifti(file, image, maxLabel, what);
		if (Files.isRegularFile(file) && LabelTiffReader.isTiff(file)) {
			// TIFFs are read exactly here: ImageJ shifts signed values and rounds 32-bit integers to float
			LabelTiffReader.Stack s = LabelTiffReader.readStack(file);
			LabelTiffReader.Pages pages = s.pages();
			checkSize(file, pages.width(), pages.height(), s.slices(), s.frames(), image, what);
			checkOneChannel(s.channels(), file, what);
			int[][] labels = new int[s.slices() * s.frames()][];
			for (int p = 0; p < labels.length; p++) {
				int page = p;
				labels[p] = toLabels(file, i -> pages.value(page, i), pages.width(), pages.height(), p % s.slices(), p / s.slices(), s.slices(),
					s.frames(), maxLabel, what);
			}
			return new Calibrated(new LabelVolume(pages.width(), pages.height(), s.slices(), s.frames(), labels, spacing(s.calibration())),
				s.calibration());
		}
		ImageVolume v = ImageReader.read(file);
		checkSize(file, v.width(), v.height(), v.slices(), v.frames(), image, what);
		return new Calibrated(labels(v, file, maxLabel, what), v.calibration().withoutValueFunction());
	}

	/**
	 * NIfTI labels (e.g. from 3D Slicer or ITK-SNAP): the grid must be the image's (sizes; for a
	 * DICOM series also the voxel-to-patient affine, see {@link NiftiGeometry#requireSameGrid}).
	 * Values are read after scl_slope/scl_inter, as NIfTI readers do.
	 */
	private static Calibrated readNifti(Path file, ImageRecord image, int maxLabel, String what) {
		NiftiImage n = NiftiReader.read(file);
		checkSize(file, n.nx(), n.ny(), n.nz(), n.nt(), image, what);
		checkOneChannel(n.nc(), file, what);
		NiftiGeometry.requireSameGrid(n, image.path(), what);
		int plane = n.nx() * n.ny();
		int[][] labels = new int[n.nz() * n.nt()][];
		for (int p = 0; p < labels.length; p++) {
			long first = (long) p * plane;
			labels[p] = toLabels(file, i -> n.value(first + i), n.nx(), n.ny(), p % n.nz(), p / n.nz(), n.nz(), n.nt(), maxLabel, what);
		}
		String unit = switch (n.units() & 7) {
			case NiftiWriter.UNITS_MM -> "mm";
			case NiftiWriter.UNITS_MICRON -> "micron";
			default -> "pixel";
		};
		Calibration cal = new Calibration(n.pixdim()[1], n.pixdim()[2], n.pixdim()[3], unit, 0, 1, "");
		return new Calibrated(new LabelVolume(n.nx(), n.ny(), n.nz(), n.nt(), labels, spacing(cal)), cal);
	}

	/**
	 * The labels an image holds (e.g. a label image painted in ImageJ): one channel, whole numbers
	 * ≥ 0 (by their calibrated value when the image has a value function, as ImageJ gives signed
	 * 16-bit data), at most {@code maxLabel} when that is ≥ 0.
	 *
	 * @param source named in messages
	 */
	public static LabelVolume labels(ImageVolume v, Path source, int maxLabel, String what) {
		checkOneChannel(v.channels(), source, what);
		Calibration cal = v.calibration();
		int[][] labels = new int[v.slices() * v.frames()][];
		for (int t = 0; t < v.frames(); t++)
			for (int z = 0; z < v.slices(); z++) {
				PlaneReader r = v.reader(0, z, t);
				IntToDoubleFunction value = cal.hasValueFunction() ? i -> cal.valueOffset() + cal.valueSlope() * (double) r.get(i) : i -> r.get(i);
				Object plane = v.plane(0, z, t);
				if (plane instanceof int[] ints && !cal.hasValueFunction()) value = i -> ints[i];
				labels[z + v.slices() * t] = toLabels(source, value, v.width(), v.height(), z, t, v.slices(), v.frames(), maxLabel, what);
			}
		return new LabelVolume(v.width(), v.height(), v.slices(), v.frames(), labels, spacing(v.calibration()));
	}

	private static void checkOneChannel(int channels, Path source, String what) {
		if (channels != 1) throw new ImageInputException(source, "has " + channels + " channels (an RGB or composite image)",
			"save the " + what + " as a single-channel 8- or 16-bit label image (Image > Type > 16-bit)");
	}

	/**
	 * Checks labels made in memory (e.g. painted from ROIs) as {@link #read} checks a file's.
	 *
	 * @param source named in messages (the image the labels belong to)
	 */
	public static void check(LabelVolume v, Path source, ImageRecord image, int maxLabel, String what) {
		checkSize(source, v.width(), v.height(), v.slices(), v.frames(), image, what);
		for (int p = 0; p < v.labels().length; p++) {
			int[] plane = v.labels()[p];
			for (int i = 0; i < plane.length; i++) {
				int value = plane[i];
				String at = " at pixel " + pixel(i, v.width(), p % v.slices(), p / v.slices(), v.slices(), v.frames());
				if (value < 0) throw new ImageInputException(source, "has the label " + value + at + " (labels are whole numbers ≥ 0)",
					"use labels 0 (background) and up");
				if (maxLabel >= 0 && value > maxLabel) throw new ImageInputException(source, "holds the label " + value + at
					+ " but the model has only classes 0 to " + maxLabel, "use only class values 0 to " + maxLabel + ", or accept it as instances");
			}
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

	/** The labels of one plane, refusing the first value that is not a whole number ≥ 0, or above {@code maxLabel} when that is ≥ 0. */
	private static int[] toLabels(Path file, IntToDoubleFunction plane, int width, int height, int z, int t, int slices, int frames, int maxLabel,
		String what)
	{
		int[] out = new int[width * height];
		for (int i = 0; i < out.length; i++) {
			double value = plane.applyAsDouble(i);
			if (!(value >= 0) || value != Math.rint(value) || value > Integer.MAX_VALUE) {
				String problem = !(value >= 0) && !Double.isNaN(value) ? "is negative"
					: value > Integer.MAX_VALUE && value == Math.rint(value) ? "is above the largest label SegLoop stores (" + Integer.MAX_VALUE + ")"
					: "is not a whole number";
				throw new ImageInputException(file, "holds the value " + number(value) + " at pixel " + pixel(i, width, z, t, slices, frames) + ", which "
					+ problem + " (labels are whole numbers ≥ 0)", "save the " + what + " as a label image (0 for background, 1, 2, … for labels), not an intensity or probability image");
			}
			if (maxLabel >= 0 && value > maxLabel) throw new ImageInputException(file, "holds the label " + (long) value + " at pixel "
				+ pixel(i, width, z, t, slices, frames) + " but the model has only classes 0 to " + maxLabel, "paint only class values 0 to " + maxLabel
					+ ", or accept it as an instance mask", UserSetting.LABEL_KIND);
			out[i] = (int) value;
		}
		return out;
	}

	private static String number(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e18 ? Long.toString((long) v) : Double.toString(v);
	}

	/** "(x, y)", "(x, y, slice z)" or "(x, y, slice z, frame t)", 1-based slices and frames as ImageJ shows them. */
	private static String pixel(int i, int width, int z, int t, int slices, int frames) {
		return "(x " + i % width + ", y " + i / width + (slices > 1 || frames > 1 ? ", slice " + (z + 1) : "") + (frames > 1 ? ", frame " + (t + 1) : "") + ")";
	}

	private static String describe(int w, int h, int z, int t) {
		return w + "×" + h + (z > 1 ? "×" + z + " slices" : "") + (t > 1 ? "×" + t + " frames" : "");
	}

	/**
	 * Writes labels as 16-bit TIFF, or as unsigned 32-bit integers when a label is above 65535, so
	 * every label is kept exactly (ImageJ shows 32-bit integers as float, exact up to 2^24; SegLoop
	 * reads them exactly).
	 */
	public static void write(LabelVolume v, Path file, Calibration calibration) throws IOException {
		boolean small = v.max() <= 65535;
		try (TiffWriter w = new TiffWriter(file, v.width(), v.height(), 1, v.slices(), v.frames(),
			small ? TiffWriter.PixelType.UINT16 : TiffWriter.PixelType.UINT32, calibration))
		{
			for (int p = 0; p < v.labels().length; p++) {
				int[] l = v.labels()[p];
				if (small) {
					short[] s = new short[l.length];
					for (int i = 0; i < s.length; i++) s[i] = (short) l[i];
					w.writePage(p, s);
				}
				else w.writePage(p, l);
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
