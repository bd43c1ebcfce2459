package org.segloop.core.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a DICOM file is, from a bounded, read-only scan of its first bytes: the transfer syntax
 * (0002,0010) from the Part 10 meta header and the SOP class (0008,0016) from the start of the data
 * set (or (0002,0002) when the data set cannot be walked). ImageJ's DICOM reader handles
 * uncompressed images only and says nothing useful about other files, so {@link ImageReader} asks
 * this first and names the transfer syntax or the kind of object, with the fix. Files without the
 * "DICM" preamble are recognised when they start as an implicit-VR data set (group 0002 or 0008).
 */
final class DicomHeader {

	/** @param transferSyntax UID, or "" when the file has no meta header (implicit VR little endian) */
	record Info(String transferSyntax, String sopClass) {}

	private static final int SCAN_BYTES = 64 * 1024;

	static final Set<String> UNCOMPRESSED = Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2");

	private static final Map<String, String> TRANSFER_SYNTAXES = Map.ofEntries(
		Map.entry("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian"),
		Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
		Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
		Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"),
		Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless, First-Order Prediction (Process 14, Selection Value 1)"),
		Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
		Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)"),
		Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)"),
		Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
		Map.entry("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component (Lossless Only)"),
		Map.entry("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component"),
		Map.entry("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)"),
		Map.entry("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options (Lossless Only)"),
		Map.entry("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000"),
		Map.entry("1.2.840.10008.1.2.5", "RLE Lossless"));

	/** SOP classes that hold no image (or labels rather than an image), by what they are and what to do with them. */
	private static final Map<String, String[]> NOT_IMAGES = Map.of(
		"1.2.840.10008.5.1.4.1.1.66.4", new String[] { "a DICOM Segmentation object (labels), not an image",
			"use the image it segments instead; to use its labels, convert them to a label TIFF (e.g. with dcmqi's segimage2itkimage or highdicom) and accept that as a correction" },
		"1.2.840.10008.5.1.4.1.1.481.3", new String[] { "a DICOM RT Structure Set (RTSTRUCT: contours), not an image",
			"use the CT or MR images it outlines instead; to use its contours, rasterise them to a label TIFF (e.g. with plastimatch convert or rt-utils)" });

	private DicomHeader() {}

	/** The DICOM header of {@code file}, or empty when it does not look like DICOM. */
	static Optional<Info> read(Path file) {
		byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			head = in.readNBytes(SCAN_BYTES);
		}
		catch (IOException e) {
			return Optional.empty(); // the full read reports it
		}
		ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
		try {
			if (head.length >= 132 && "DICM".equals(new String(head, 128, 4, StandardCharsets.US_ASCII))) return Optional.of(part10(b));
			if (looksLikeImplicitDataSet(b)) return Optional.of(new Info("", walk(b, 0, false, "")));
		}
		catch (RuntimeException e) {
			// a damaged header: let ImageJ's reader try and report
		}
		return Optional.empty();
	}

	private static Info part10(ByteBuffer b) {
		String syntax = "";
		String mediaClass = "";
		int p = 132;
		int metaEnd = Integer.MAX_VALUE;
		while (p + 8 <= b.limit() && p < metaEnd && (b.getShort(p) & 0xffff) == 0x0002) {
			int element = b.getShort(p + 2) & 0xffff;
			String vr = new String(new byte[] { b.get(p + 4), b.get(p + 5) }, StandardCharsets.US_ASCII);
			int header = longForm(vr) ? 12 : 8;
			long length = longForm(vr) ? b.getInt(p + 8) & 0xffffffffL : b.getShort(p + 6) & 0xffff;
			if (length > b.limit()) break;
			int value = p + header;
			if (element == 0x0000 && length == 4) metaEnd = value + 4 + b.getInt(value);
			if (element == 0x0002) mediaClass = text(b, value, (int) length);
			if (element == 0x0010) syntax = text(b, value, (int) length);
			p = value + (int) length;
		}
		// big endian and deflated data sets are not walked; their meta header names the SOP class too
		boolean walkable = !syntax.equals("1.2.840.10008.1.2.2") && !syntax.equals("1.2.840.10008.1.2.1.99");
		String sop = walkable ? walk(b, p, !syntax.equals("1.2.840.10008.1.2"), mediaClass) : mediaClass;
		return new Info(syntax, sop);
	}

	/** An implicit-VR little-endian data set starts with a small group (0002 or 0008) and a plausible length. */
	private static boolean looksLikeImplicitDataSet(ByteBuffer b) {
		if (b.limit() < 8) return false;
		int group = b.getShort(0) & 0xffff;
		long length = b.getInt(4) & 0xffffffffL;
		return (group == 0x0002 || group == 0x0008) && length < 1024 && !isExplicitVr(b, 4);
	}

	/** Walks data elements from {@code p} until (0008,0016) or past group 0008; returns its value or {@code fallback}. */
	private static String walk(ByteBuffer b, int p, boolean explicit, String fallback) {
		for (int n = 0; n < 512 && p + 8 <= b.limit(); n++) {
			int group = b.getShort(p) & 0xffff;
			int element = b.getShort(p + 2) & 0xffff;
			if (group > 0x0008 || group == 0x0008 && element > 0x0016) break;
			int header = 8;
			long length;
			if (explicit) {
				String vr = new String(new byte[] { b.get(p + 4), b.get(p + 5) }, StandardCharsets.US_ASCII);
				header = longForm(vr) ? 12 : 8;
				length = longForm(vr) ? b.getInt(p + 8) & 0xffffffffL : b.getShort(p + 6) & 0xffff;
			}
			else length = b.getInt(p + 4) & 0xffffffffL;
			if (length == 0xffffffffL || p + header + length > b.limit()) break; // a sequence of undefined length, or past the scan
			if (group == 0x0008 && element == 0x0016) return text(b, p + header, (int) length);
			p += header + (int) length;
		}
		return fallback;
	}

	private static boolean isExplicitVr(ByteBuffer b, int at) {
		return Character.isUpperCase(b.get(at)) && Character.isUpperCase(b.get(at + 1));
	}

	private static boolean longForm(String vr) {
		return switch (vr) {
			case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
			default -> false;
		};
	}

	private static String text(ByteBuffer b, int at, int length) {
		byte[] v = new byte[Math.max(0, Math.min(length, b.limit() - at))];
		b.get(at, v);
		return new String(v, StandardCharsets.US_ASCII).replace("\0", "").trim();
	}

	/** Refuses a DICOM file ImageJ cannot read as an image, naming what it is and the fix; returns quietly otherwise. */
	static void checkReadable(Path file, Info info) {
		String[] notImage = NOT_IMAGES.get(info.sopClass());
		if (notImage != null) throw new ImageInputException(file, "is " + notImage[0], notImage[1]);
		String syntax = info.transferSyntax();
		if (syntax.isEmpty() || UNCOMPRESSED.contains(syntax)) return;
		String name = TRANSFER_SYNTAXES.get(syntax);
		String problem = name != null ? "holds compressed pixel data (transfer syntax " + name + ", " + syntax + "), which ImageJ's DICOM reader cannot decode"
			: "uses the transfer syntax " + syntax + ", which ImageJ's DICOM reader cannot decode";
		throw new ImageInputException(file, problem, "decompress it first, e.g. " + decoder(syntax) + "`gdcmconv --raw in.dcm out.dcm` (GDCM), then use the decompressed file");
	}

	/** The dcmtk tool for this transfer syntax, when dcmtk has one. */
	private static String decoder(String syntax) {
		if (syntax.equals("1.2.840.10008.1.2.5")) return "`dcmdrle in.dcm out.dcm` (dcmtk) or ";
		if (syntax.startsWith("1.2.840.10008.1.2.4.8")) return "`dcmdjpls in.dcm out.dcm` (dcmtk) or ";
		if (syntax.startsWith("1.2.840.10008.1.2.4.5") || syntax.startsWith("1.2.840.10008.1.2.4.70")) return "`dcmdjpeg in.dcm out.dcm` (dcmtk) or ";
		return "";
	}

	/**
	 * Sets the value calibration of a DICOM image ImageJ opened to its Rescale Slope and Intercept:
	 * physical value = intercept + slope × true stored value (ImageJ holds signed 16-bit data as
	 * stored + 32768). ImageJ itself drops the slope when the intercept is 0.
	 */
	static void applyRescale(ij.ImagePlus imp) {
		ij.io.FileInfo fi = imp.getOriginalFileInfo();
		Object info = imp.getProperty("Info");
		if (fi == null || !(info instanceof String header) || imp.getBitDepth() == 32 || imp.getBitDepth() == 24) return;
		double slope = number(header, "Rescale Slope:", 1), intercept = number(header, "Rescale Intercept:", 0);
		if (slope == 0 || !Double.isFinite(slope) || !Double.isFinite(intercept)) slope = 1;
		double stored = fi.fileType == ij.io.FileInfo.GRAY16_SIGNED ? -32768 : 0; // true stored value = ImageJ's value + this
		double offset = intercept + slope * stored;
		if (offset == 0 && slope == 1) imp.getCalibration().disableDensityCalibration();
		else imp.getCalibration().setFunction(ij.measure.Calibration.STRAIGHT_LINE, new double[] { offset, slope }, "Gray Value");
	}

	/** The number after {@code key} on its line of ImageJ's DICOM header listing, or {@code otherwise}. */
	private static double number(String header, String key, double otherwise) {
		int at = header.indexOf(key);
		if (at < 0) return otherwise;
		int end = header.indexOf('\n', at);
		String value = header.substring(at + key.length(), end < 0 ? header.length() : end).trim();
		int cut = value.indexOf('\\'); // a multi-valued entry: the first value
		try {
			return Double.parseDouble(cut < 0 ? value : value.substring(0, cut));
		}
		catch (NumberFormatException e) {
			return otherwise;
		}
	}

	/** SOP classes of objects that are not images, by name (named when ImageJ finds no image in them). */
	private static final Map<String, String> OTHER_OBJECTS = Map.of(
		"1.2.840.10008.5.1.4.1.1.104.1", "Encapsulated PDF",
		"1.2.840.10008.5.1.4.1.1.88.11", "Basic Text Structured Report",
		"1.2.840.10008.5.1.4.1.1.88.22", "Enhanced Structured Report",
		"1.2.840.10008.5.1.4.1.1.88.33", "Comprehensive Structured Report",
		"1.2.840.10008.5.1.4.1.1.88.59", "Key Object Selection",
		"1.2.840.10008.5.1.4.1.1.11.1", "Grayscale Softcopy Presentation State",
		"1.2.840.10008.5.1.4.1.1.481.5", "RT Plan",
		"1.2.840.10008.5.1.4.1.1.66", "Raw Data",
		"1.2.840.10008.5.1.4.1.1.66.1", "Spatial Registration");

	/** After ImageJ found no image in a DICOM file: what the file is, by its SOP class. */
	static ImageInputException noImage(Path file, Info info) {
		String fix = "use DICOM image files (e.g. CT, MR or microscopy images) instead, or export the image again from its source";
		String name = OTHER_OBJECTS.get(info.sopClass());
		if (name != null) return new ImageInputException(file, "is a DICOM " + name + " object (SOP class " + info.sopClass() + "), not an image", fix);
		return new ImageInputException(file, "is a DICOM file" + (info.sopClass().isEmpty() ? "" : " of SOP class " + info.sopClass())
			+ " from which ImageJ's reader gets no image (it has no pixel data, an unsupported layout, or is damaged)", fix);
	}
}
