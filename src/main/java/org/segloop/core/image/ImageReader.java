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
 * Reads any image ImageJ 1 can open headless (TIFF and TIFF stacks, PNG, JPEG, GIF, BMP, …) into an
 * {@link ImageVolume}, wrapping ImageJ's plane arrays without copying. RGB images become three
 * 8-bit channels. Only ImageJ's file readers are used, never its windows. DICOM is not read here:
 * PixelMed is SegLoop's one DICOM codec, behind the {@code dicom-series} image source, which
 * {@link ImageSources#read} asks before this reader; a DICOM file handed here directly is refused.
 */
public final class ImageReader {

	static {
		QuietImageIo.registerJpegLosslessReader();
	}

	private ImageReader() {}

	public static ImageVolume read(Path file) {
		if (!Files.isRegularFile(file)) throw new ImageInputException(file, "does not exist or is not a file", "check the path");
		try {
			if (Files.size(file) == 0) throw new ImageInputException(file, "is empty (0 bytes)", "the file was not written completely; copy it again");
		}
		catch (IOException e) {
			throw new ImageInputException(file, "cannot be read: " + e.getMessage(), "check permissions", e);
		}
		// before any of ImageJ's TIFF decoding, the budget check's header read included
		TiffLayout.Summary tiff = LabelTiffReader.hasTiffByteOrder(file) ? TiffLayout.check(file) : null;
		checkPixelBudget(file);
		if (tiff != null) tiff.requireComplete(file);
		if (isDicom(file)) throw new ImageInputException(file, "is a DICOM file; SegLoop reads DICOM only as images of a DICOM series (image source dicom-series), not where ImageJ's readers are used",
			"give a TIFF or PNG file here; DICOM images are read where images are registered or segmented");
		if (hasDicomName(file)) throw new ImageInputException(file, "is named as a DICOM file but is not one (no DICOM header or data set found)",
			"check that the file was copied completely and is the DICOM file meant; give DICOM files as exported from the archive or PACS");
		ImagePlus imp;
		try {
			imp = open(file);
		}
		catch (OutOfMemoryError e) {
			throw new ImageInputException(file, "is too large to load into memory", "give the JVM more memory (-Xmx) or crop the image", e);
		}
		catch (RuntimeException e) {
			// ImageJ's readers fail on damaged files with NullPointerException and the like: the user gets what it means, not its name
			String[] why = tiff == null ? null : tiff.unreadableBecause();
			if (why != null) throw new ImageInputException(file, why[0], why[1], e);
			throw new ImageInputException(file, "could not be decoded by ImageJ's reader (the file is damaged or a variant it cannot read)",
				"re-export it as TIFF or PNG, or copy it again if it may be incomplete", e);
		}
		if (imp == null || imp.getStackSize() == 0 || imp.getStack().getPixels(1) == null) {
			String[] why = tiff == null ? null : tiff.unreadableBecause();
			if (why != null) throw new ImageInputException(file, why[0], why[1]);
			throw new ImageInputException(file, "is not an image ImageJ can read, or is corrupt",
				"re-export it as TIFF or PNG; supported are TIFF, PNG, JPEG, GIF, BMP and DICOM");
		}
		return fromImagePlus(imp, file);
	}

	private static ImagePlus open(Path file) {
		Opener opener = new Opener();
		opener.setSilentMode(true);
		return opener.openImage(file.toAbsolutePath().toString());
	}

	/** Whether the name says DICOM: ImageJ's opener would hand such a file to its own DICOM reader, which SegLoop does not use. */
	private static boolean hasDicomName(Path file) {
		String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		return n.endsWith(".dcm") || n.endsWith(".dicom") || n.endsWith(".ima");
	}

	/** Whether the file is DICOM (Part 10, or a headerless ACR-NEMA style data set), as PixelMed tells from its first bytes. */
	private static boolean isDicom(Path file) {
		try {
			return com.pixelmed.dicom.DicomFileUtilities.isDicomOrAcrNemaFile(file.toFile());
		}
		catch (RuntimeException e) {
			return false;
		}
	}

	/**
	 * Reads only the header (TIFF IFDs, or the PNG/JPEG/GIF/BMP header) and refuses an image whose
	 * pixels would not fit in the memory this JVM has left, before anything is allocated: a
	 * corrupt or hostile header declaring huge dimensions gets a clear error, not an
	 * OutOfMemoryError in the middle of other work. The budget can be lowered with
	 * {@code -Dsegloop.maxImageBytes}.
	 */
	static void checkPixelBudget(Path file) {
		long declared = declaredBytes(file);
		Runtime rt = Runtime.getRuntime();
		long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
		long budget = Long.getLong("segloop.maxImageBytes", (long) (available * 0.8));
		if (declared > budget) throw new ImageInputException(file, String.format(
			"declares %s of pixels, more than the %s this program can hold", size(declared), size(budget)),
			"check that the file is not corrupt; for genuinely large images give Java more memory (-Xmx) or crop the image");
	}

	/** Bytes the header says the pixels take, or -1 when the format's header is not inspected. */
	private static long declaredBytes(Path file) {
		String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		try {
			if (name.endsWith(".tif") || name.endsWith(".tiff")) {
				ij.io.FileInfo[] info = new ij.io.TiffDecoder(file.toAbsolutePath().getParent().toString() + java.io.File.separator,
					file.getFileName().toString()).getTiffInfo();
				if (info == null) return -1;
				long total = 0;
				for (ij.io.FileInfo fi : info)
					total += (long) fi.width * fi.height * Math.max(1, fi.getBytesPerPixel()) * Math.max(1, fi.nImages);
				return total;
			}
			try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(file.toFile())) {
				var readers = in == null ? null : javax.imageio.ImageIO.getImageReaders(in);
				if (readers == null || !readers.hasNext()) return -1;
				javax.imageio.ImageReader reader = readers.next();
				try {
					reader.setInput(in, true, true);
					return 4L * reader.getWidth(0) * reader.getHeight(0); // ImageJ holds colour as 4-byte RGB
				}
				finally {
					reader.dispose();
				}
			}
		}
		catch (IOException | RuntimeException e) {
			return -1; // an unreadable header is reported by the full read that follows
		}
	}

	private static String size(long bytes) {
		return bytes >= 1L << 30 ? String.format(java.util.Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
			: String.format(java.util.Locale.ROOT, "%d MB", bytes >> 20);
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
