package org.segloop.core.nifti;

import java.io.IOException;
import java.nio.file.Path;

import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.PlaneReader;
import org.segloop.core.metrics.LabelVolume;

/**
 * Images and label images as NIfTI-1 files with SegLoop's geometry ({@link NiftiGeometry}). Images
 * keep their physical values exactly (e.g. Hounsfield units: stored value × slope + offset): int16
 * when they are whole numbers that fit (CT), else a wider integer type or float32; images without
 * a value function keep the type they were read as; always with scl_slope 1 and scl_inter 0.
 * Labels as uint8, uint16 or uint32. Blocking; stateless.
 */
public final class NiftiFiles {

	private NiftiFiles() {}

	/** Writes an image (all channels, slices and frames; channels as NIfTI's fifth dimension). */
	public static void writeImage(ImageVolume image, Path file) throws IOException {
		write(image, 0, image.channels(), file);
	}

	/** Writes one channel of an image (as nnU-Net wants: one file per channel). */
	public static void writeChannel(ImageVolume image, int channel, Path file) throws IOException {
		write(image, channel, 1, file);
	}

	private static void write(ImageVolume image, int firstChannel, int channels, Path file) throws IOException {
		Calibration cal = image.calibration();
		int nz = image.slices(), nt = image.frames();
		NiftiWriter.Voxels voxels = new NiftiWriter.Voxels() {
			private int cached = -1;
			private PlaneReader reader;

			@Override
			public double value(int plane, int index) {
				if (plane != cached) {
					cached = plane;
					reader = image.reader(firstChannel + plane / (nz * nt), plane % nz, plane / nz % nt);
				}
				return cal.valueOffset() + cal.valueSlope() * (double) reader.get(index);
			}
		};
		int[] dims = { image.width(), image.height(), nz, nt, channels };
		NiftiWriter.write(new NiftiWriter.Content(dims, NiftiGeometry.affine(image.source(), cal), NiftiGeometry.units(cal), typeFor(image, dims, voxels),
			voxels, "SegLoop image" + (cal.valueUnit().isEmpty() ? "" : " (" + cal.valueUnit() + ")")), file);
	}

	/**
	 * Writes labels on the grid of the image registered as {@code imagePath}.
	 *
	 * @param calibration the image's (its spacing and unit)
	 */
	public static void writeLabels(LabelVolume labels, Path imagePath, Calibration calibration, Path file) throws IOException {
		int max = labels.max();
		NiftiDataType type = max <= 255 ? NiftiDataType.UINT8 : max <= 65535 ? NiftiDataType.UINT16 : NiftiDataType.UINT32;
		int[] dims = { labels.width(), labels.height(), labels.slices(), labels.frames(), 1 };
		NiftiWriter.write(new NiftiWriter.Content(dims, NiftiGeometry.affine(imagePath, calibration), NiftiGeometry.units(calibration), type,
			(plane, index) -> labels.labels()[plane][index], "SegLoop labels"), file);
	}

	/**
	 * Physical values (an image with a value function, e.g. HU): int16 when every value is a whole
	 * number that fits, else the smallest integer type that holds them, else float32. Other images:
	 * the type they were read as (uint8, uint16, int32/uint32 for 32-bit integers, float32).
	 */
	private static NiftiDataType typeFor(ImageVolume image, int[] dims, NiftiWriter.Voxels voxels) {
		Object plane = image.plane(0, 0, 0);
		if (!image.calibration().hasValueFunction() && !(plane instanceof int[])) {
			if (plane instanceof byte[]) return NiftiDataType.UINT8;
			if (plane instanceof short[]) return NiftiDataType.UINT16;
			return NiftiDataType.FLOAT32;
		}
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		int planes = dims[2] * dims[3] * dims[4], n = dims[0] * dims[1];
		for (int p = 0; p < planes; p++)
			for (int i = 0; i < n; i++) {
				double v = voxels.value(p, i);
				if (v != Math.rint(v)) return NiftiDataType.FLOAT32;
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
		if (NiftiDataType.INT16.holds(lo, hi)) return NiftiDataType.INT16;
		NiftiDataType t = NiftiDataType.smallestInteger(lo, hi);
		return t != null ? t : NiftiDataType.FLOAT32;
	}
}
