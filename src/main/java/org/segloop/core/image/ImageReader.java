package org.segloop.core.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.Opener;

/**
 * Reads any image ImageJ 1 can open headless (TIFF and TIFF stacks, PNG, JPEG, GIF, BMP, DICOM, …)
 * into an {@link ImageVolume}, wrapping ImageJ's plane arrays without copying. RGB images become
 * three 8-bit channels. Only ImageJ's file readers are used, never its windows.
 */
public final class ImageReader {

	private ImageReader() {}

	public static ImageVolume read(Path file) {
		if (!Files.isRegularFile(file)) throw new ImageInputException(file, "does not exist or is not a file", "check the path");
		try {
			if (Files.size(file) == 0) throw new ImageInputException(file, "is empty (0 bytes)", "the file was not written completely; copy it again");
		}
		catch (IOException e) {
			throw new ImageInputException(file, "cannot be read: " + e.getMessage(), "check permissions", e);
		}
		ImagePlus imp;
		try {
			Opener opener = new Opener();
			opener.setSilentMode(true);
			imp = opener.openImage(file.toAbsolutePath().toString());
		}
		catch (OutOfMemoryError e) {
			throw new ImageInputException(file, "is too large to load into memory", "give the JVM more memory (-Xmx) or crop the image", e);
		}
		catch (RuntimeException e) {
			throw new ImageInputException(file, "could not be decoded: " + e, "the file is corrupt or in a format ImageJ cannot read; re-export it as TIFF", e);
		}
		if (imp == null || imp.getStackSize() == 0 || imp.getStack().getPixels(1) == null)
			throw new ImageInputException(file, "is not an image ImageJ can read, or is corrupt",
				"re-export it as TIFF or PNG; supported are TIFF, PNG, JPEG, GIF, BMP and DICOM");
		return fromImagePlus(imp, file);
	}

	/** Wraps an ImagePlus's planes (shared, not copied; RGB is split into three channels). */
	public static ImageVolume fromImagePlus(ImagePlus imp, Path source) {
		ImageStack stack = imp.getStack();
		int c = imp.getNChannels();
		int z = imp.getNSlices();
		int t = imp.getNFrames();
		if ((long) c * z * t != stack.getSize()) { // inconsistent hyperstack header: treat as a plain stack
			c = 1;
			z = stack.getSize();
			t = 1;
		}
		List<Object> planes = new ArrayList<>();
		boolean rgb = imp.getType() == ImagePlus.COLOR_RGB;
		for (int i = 1; i <= stack.getSize(); i++) {
			Object p = stack.getPixels(i);
			if (rgb) planes.addAll(splitRgb((int[]) p));
			else planes.add(p);
		}
		long[] dims = { imp.getWidth(), imp.getHeight(), rgb ? 3L * c : c, z, t };
		ij.measure.Calibration cal = imp.getCalibration();
		double offset = 0;
		double slope = 1;
		if (cal.getFunction() == ij.measure.Calibration.STRAIGHT_LINE && cal.getCoefficients() != null
			&& cal.getCoefficients().length >= 2) {
			offset = cal.getCoefficients()[0];
			slope = cal.getCoefficients()[1];
		}
		Calibration calibration = new Calibration(cal.pixelWidth, cal.pixelHeight, cal.pixelDepth, cal.getUnit(), offset,
			slope, cal.getValueUnit() == null ? "" : cal.getValueUnit());
		String name = source == null ? imp.getTitle() : source.getFileName().toString();
		int dot = name.lastIndexOf('.');
		if (dot > 0) name = name.substring(0, dot);
		return Planes.volume(planes, dims, calibration, name, source);
	}

	private static List<byte[]> splitRgb(int[] rgb) {
		byte[] r = new byte[rgb.length];
		byte[] g = new byte[rgb.length];
		byte[] b = new byte[rgb.length];
		for (int i = 0; i < rgb.length; i++) {
			r[i] = (byte) (rgb[i] >> 16);
			g[i] = (byte) (rgb[i] >> 8);
			b[i] = (byte) rgb[i];
		}
		return List.of(r, g, b);
	}
}
