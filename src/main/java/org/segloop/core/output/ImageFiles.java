package org.segloop.core.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.segloop.core.image.Calibration;

import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.PlaneReader;
import org.segloop.core.image.TiffWriter;

/**
 * Writes image data (not labels) as TIFF with the spacing: the stored type when values mean
 * themselves, the physical values (e.g. Hounsfield units) when the image has a value function.
 */
public final class ImageFiles {

	private ImageFiles() {}

	/** Writes every channel, slice and frame of {@code image}. */
	public static void write(ImageVolume image, Path file) throws IOException {
		write(image, 0, image.channels(), 0, image.slices(), 0, image.frames(), file);
	}

	/** Writes the plane at slice {@code z}, frame {@code t} with all its channels (a 2D image). */
	public static void writePlane(ImageVolume image, int z, int t, Path file) throws IOException {
		write(image, 0, image.channels(), z, 1, t, 1, file);
	}

	/** Writes channel {@code c} alone (all slices and frames), e.g. for nnU-Net's one file per channel. */
	public static void writeChannel(ImageVolume image, int c, Path file) throws IOException {
		write(image, c, 1, 0, image.slices(), 0, image.frames(), file);
	}

	/**
	 * Writes the selected planes. Stored values with a value function (a DICOM rescale, ImageJ's
	 * signed 16-bit offset) are written as the physical values the model sees: signed 16-bit when
	 * every value is a whole number in its range, else float32; the spacing is kept.
	 */
	private static void write(ImageVolume image, int c0, int channels, int z0, int slices, int t0, int frames, Path file) throws IOException {
		List<Object> planes = new ArrayList<>();
		for (int t = t0; t < t0 + frames; t++)
			for (int z = z0; z < z0 + slices; z++)
				for (int c = c0; c < c0 + channels; c++) planes.add(image.plane(c, z, t));
		Calibration cal = image.calibration();
		boolean physical = cal.hasValueFunction();
		boolean int16 = physical && fitShort(planes, cal);
		Object first = planes.get(0);
		TiffWriter.PixelType type = physical ? (int16 ? TiffWriter.PixelType.INT16 : TiffWriter.PixelType.FLOAT32)
			: first instanceof byte[] ? TiffWriter.PixelType.UINT8 : first instanceof short[] ? TiffWriter.PixelType.UINT16 : TiffWriter.PixelType.FLOAT32;
		try (TiffWriter w = new TiffWriter(file, image.width(), image.height(), channels, slices, frames, type, cal.withoutValueFunction())) {
			for (int page = 0; page < planes.size(); page++) {
				Object plane = planes.get(page);
				w.writePage(page, physical ? physicalValues(plane, cal, int16) : pageData(plane));
			}
			w.commit();
		}
	}

	/** Whether every physical value is a whole number that signed 16-bit holds. */
	private static boolean fitShort(List<Object> planes, Calibration cal) {
		for (Object plane : planes) {
			PlaneReader r = PlaneReader.of(plane);
			int n = java.lang.reflect.Array.getLength(plane);
			for (int i = 0; i < n; i++) {
				double v = cal.valueOffset() + cal.valueSlope() * r.get(i);
				if (v != Math.rint(v) || v < Short.MIN_VALUE || v > Short.MAX_VALUE) return false;
			}
		}
		return true;
	}

	private static Object physicalValues(Object plane, Calibration cal, boolean int16) {
		PlaneReader r = PlaneReader.of(plane);
		int n = java.lang.reflect.Array.getLength(plane);
		if (int16) {
			short[] out = new short[n];
			for (int i = 0; i < n; i++) out[i] = (short) Math.rint(cal.valueOffset() + cal.valueSlope() * r.get(i));
			return out;
		}
		float[] out = new float[n];
		for (int i = 0; i < n; i++) out[i] = (float) (cal.valueOffset() + cal.valueSlope() * (double) r.get(i));
		return out;
	}

	/** 32-bit integer planes have no ImageJ TIFF type; they are written as float. */
	private static Object pageData(Object plane) {
		if (!(plane instanceof int[] ints)) return plane;
		float[] f = new float[ints.length];
		for (int i = 0; i < f.length; i++) f[i] = ints[i];
		return f;
	}
}
