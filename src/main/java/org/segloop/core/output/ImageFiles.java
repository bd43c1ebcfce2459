package org.segloop.core.output;

import java.io.IOException;
import java.nio.file.Path;

import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.TiffWriter;

/** Writes image data (not labels) as TIFF, keeping the stored type and the calibration. */
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

	private static void write(ImageVolume image, int c0, int channels, int z0, int slices, int t0, int frames, Path file) throws IOException {
		Object first = image.plane(0, 0, 0);
		TiffWriter.PixelType type = first instanceof byte[] ? TiffWriter.PixelType.UINT8
			: first instanceof short[] ? TiffWriter.PixelType.UINT16 : TiffWriter.PixelType.FLOAT32;
		try (TiffWriter w = new TiffWriter(file, image.width(), image.height(), channels, slices, frames, type, image.calibration())) {
			int page = 0;
			for (int t = t0; t < t0 + frames; t++)
				for (int z = z0; z < z0 + slices; z++)
					for (int c = c0; c < c0 + channels; c++) w.writePage(page++, pageData(image.plane(c, z, t)));
			w.commit();
		}
	}

	/** 32-bit integer planes have no ImageJ TIFF type; they are written as float. */
	private static Object pageData(Object plane) {
		if (!(plane instanceof int[] ints)) return plane;
		float[] f = new float[ints.length];
		for (int i = 0; i < f.length; i++) f[i] = ints[i];
		return f;
	}
}
