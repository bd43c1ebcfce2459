package org.segloop.testutil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes small DICOM files for tests (dcm4che is not on Maven Central): single-frame CT and MR
 * images (explicit VR little endian, 16-bit unsigned or signed, with rescale slope and intercept),
 * files whose pixel data are encapsulated under a compressed transfer syntax, DICOM Segmentation
 * and RTSTRUCT objects, and the old headerless implicit-VR form. The files follow DICOM Part 10
 * closely enough for ImageJ's reader and dcmtk's {@code dcmdump}.
 */
public final class DicomWriter {

	public static final String IMPLICIT_LITTLE = "1.2.840.10008.1.2";
	public static final String EXPLICIT_LITTLE = "1.2.840.10008.1.2.1";
	public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
	public static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
	public static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
	public static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";
	public static final String RLE = "1.2.840.10008.1.2.5";
	public static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
	public static final String MR_IMAGE = "1.2.840.10008.5.1.4.1.1.4";
	public static final String SEGMENTATION = "1.2.840.10008.5.1.4.1.1.66.4";
	public static final String RT_STRUCTURE_SET = "1.2.840.10008.5.1.4.1.1.481.3";
	public static final String ENCAPSULATED_PDF = "1.2.840.10008.5.1.4.1.1.104.1";
	private static final String INSTANCE = "1.2.826.0.1.3680043.2.1125.1";

	private DicomWriter() {}

	/** An unsigned 16-bit CT slice with slope 1 and the given intercept (HU = stored + intercept). */
	public static Path writeCt(Path file, int width, int height, short[] pixels, double spacing, double intercept) throws IOException {
		return writeImage(file, CT_IMAGE, "CT", width, height, pixels, false, spacing, 1, intercept);
	}

	/**
	 * A 16-bit image slice.
	 *
	 * @param signed Pixel Representation 1 (two's complement stored values), else 0
	 * @param slope, intercept Rescale Slope and Intercept: physical value = slope * stored + intercept
	 */
	public static Path writeImage(Path file, String sopClass, String modality, int width, int height, short[] pixels, boolean signed,
		double spacing, double slope, double intercept) throws IOException
	{
		List<Element> d = imageHeader(sopClass, modality, width, height, 16, signed);
		d.add(new Element(0x0028, 0x0030, "DS", text(spacing + "\\" + spacing)));
		d.add(new Element(0x0028, 0x1052, "DS", text(String.valueOf(intercept))));
		d.add(new Element(0x0028, 0x1053, "DS", text(String.valueOf(slope))));
		byte[] data = new byte[pixels.length * 2];
		for (int i = 0; i < pixels.length; i++) {
			data[2 * i] = (byte) pixels[i];
			data[2 * i + 1] = (byte) (pixels[i] >> 8);
		}
		d.add(new Element(0x7FE0, 0x0010, "OW", data));
		return write(file, EXPLICIT_LITTLE, sopClass, d, true);
	}

	/** A CT slice whose pixel data are encapsulated (one fragment per given byte array) under {@code transferSyntax}. */
	public static Path writeCompressed(Path file, String transferSyntax, int width, int height, byte[]... fragments) throws IOException {
		List<Element> d = imageHeader(CT_IMAGE, "CT", width, height, 16, false);
		d.add(Element.encapsulated(fragments));
		return write(file, transferSyntax, CT_IMAGE, d, true);
	}

	/** A binary DICOM Segmentation (1 bit per pixel, one frame) of a {@code width} × {@code height} image. */
	public static Path writeSegmentation(Path file, int width, int height, boolean[] mask) throws IOException {
		List<Element> d = imageHeader(SEGMENTATION, "SEG", width, height, 1, false);
		d.add(new Element(0x0062, 0x0001, "CS", text("BINARY")));
		byte[] bits = new byte[(mask.length + 7) / 8 + ((mask.length + 7) / 8) % 2];
		for (int i = 0; i < mask.length; i++) if (mask[i]) bits[i / 8] |= (byte) (1 << (i % 8));
		d.add(new Element(0x7FE0, 0x0010, "OB", bits));
		return write(file, EXPLICIT_LITTLE, SEGMENTATION, d, true);
	}

	/** A DICOM object of a SOP class without pixel data (e.g. an RT Structure Set or an encapsulated PDF). */
	public static Path writeWithoutPixels(Path file, String sopClass, String modality, boolean part10, String transferSyntax) throws IOException {
		List<Element> d = new ArrayList<>();
		d.add(new Element(0x0008, 0x0016, "UI", uid(sopClass)));
		d.add(new Element(0x0008, 0x0018, "UI", uid(INSTANCE)));
		d.add(new Element(0x0008, 0x0060, "CS", text(modality)));
		d.add(new Element(0x0010, 0x0010, "PN", text("Test^Patient")));
		d.add(new Element(0x3006, 0x0002, "SH", text("structures")));
		return write(file, transferSyntax, sopClass, d, part10);
	}

	private static List<Element> imageHeader(String sopClass, String modality, int width, int height, int bits, boolean signed) {
		List<Element> d = new ArrayList<>();
		d.add(new Element(0x0008, 0x0016, "UI", uid(sopClass)));
		d.add(new Element(0x0008, 0x0018, "UI", uid(INSTANCE)));
		d.add(new Element(0x0008, 0x0060, "CS", text(modality)));
		d.add(new Element(0x0028, 0x0002, "US", le(1, 2)));
		d.add(new Element(0x0028, 0x0004, "CS", text("MONOCHROME2")));
		d.add(new Element(0x0028, 0x0010, "US", le(height, 2)));
		d.add(new Element(0x0028, 0x0011, "US", le(width, 2)));
		d.add(new Element(0x0028, 0x0100, "US", le(bits, 2)));
		d.add(new Element(0x0028, 0x0101, "US", le(bits, 2)));
		d.add(new Element(0x0028, 0x0102, "US", le(bits - 1, 2)));
		d.add(new Element(0x0028, 0x0103, "US", le(signed ? 1 : 0, 2)));
		return d;
	}

	/** One data element; {@code fragments} non-null for encapsulated pixel data (undefined length). */
	private record Element(int group, int element, String vr, byte[] value, byte[][] fragments) {

		Element(int group, int element, String vr, byte[] value) {
			this(group, element, vr, value, null);
		}

		static Element encapsulated(byte[][] fragments) {
			return new Element(0x7FE0, 0x0010, "OB", null, fragments);
		}

		long tag() {
			return ((long) group << 16) | element;
		}
	}

	/**
	 * @param part10 with the 128-byte preamble, "DICM" and the group-2 meta header; else the bare
	 *     data set in implicit VR (as old scanners wrote it)
	 */
	private static Path write(Path file, String transferSyntax, String sopClass, List<Element> dataset, boolean part10) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		boolean explicit = part10 && !transferSyntax.equals(IMPLICIT_LITTLE);
		if (part10) {
			ByteArrayOutputStream meta = new ByteArrayOutputStream();
			element(meta, new Element(0x0002, 0x0001, "OB", new byte[] { 0, 1 }), true);
			element(meta, new Element(0x0002, 0x0002, "UI", uid(sopClass)), true);
			element(meta, new Element(0x0002, 0x0003, "UI", uid(INSTANCE)), true);
			element(meta, new Element(0x0002, 0x0010, "UI", uid(transferSyntax)), true);
			out.write(new byte[128]);
			out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
			element(out, new Element(0x0002, 0x0000, "UL", le(meta.size(), 4)), true);
			out.writeBytes(meta.toByteArray());
		}
		List<Element> sorted = new ArrayList<>(dataset);
		sorted.sort(Comparator.comparingLong(Element::tag));
		for (Element e : sorted) element(out, e, explicit);
		return Files.write(file, out.toByteArray());
	}

	private static void element(ByteArrayOutputStream out, Element e, boolean explicit) {
		out.writeBytes(le(e.group(), 2));
		out.writeBytes(le(e.element(), 2));
		byte[] value = e.value();
		long length = e.fragments() != null ? 0xFFFF_FFFFL : value.length;
		if (!explicit) out.writeBytes(le(length, 4));
		else {
			out.writeBytes(e.vr().getBytes(StandardCharsets.US_ASCII));
			if (List.of("OB", "OW", "SQ", "UN", "UT").contains(e.vr())) {
				out.writeBytes(new byte[2]);
				out.writeBytes(le(length, 4));
			}
			else out.writeBytes(le(length, 2));
		}
		if (e.fragments() == null) {
			out.writeBytes(value);
			return;
		}
		item(out, 0xE000, new byte[0]); // empty basic offset table
		for (byte[] f : e.fragments()) item(out, 0xE000, f.length % 2 == 0 ? f : java.util.Arrays.copyOf(f, f.length + 1));
		item(out, 0xE0DD, new byte[0]); // sequence delimiter
	}

	private static void item(ByteArrayOutputStream out, int element, byte[] value) {
		out.writeBytes(le(0xFFFE, 2));
		out.writeBytes(le(element, 2));
		out.writeBytes(le(value.length, 4));
		out.writeBytes(value);
	}

	private static byte[] uid(String s) {
		return pad(s, (byte) 0);
	}

	private static byte[] text(String s) {
		return pad(s, (byte) ' ');
	}

	private static byte[] pad(String s, byte fill) {
		byte[] b = s.getBytes(StandardCharsets.US_ASCII);
		if (b.length % 2 == 0) return b;
		byte[] p = java.util.Arrays.copyOf(b, b.length + 1);
		p[b.length] = fill;
		return p;
	}

	private static byte[] le(long v, int n) {
		byte[] b = new byte[n];
		for (int i = 0; i < n; i++) b[i] = (byte) (v >>> (8 * i));
		return b;
	}
}
