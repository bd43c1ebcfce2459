package org.segloop.testutil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a minimal single-frame CT DICOM file (Part 10, explicit VR little endian, 16-bit unsigned
 * with a rescale intercept), enough for ImageJ's reader. dcm4che is not on Maven Central.
 */
public final class DicomWriter {

	private DicomWriter() {}

	public static Path writeCt(Path file, int width, int height, short[] pixels, double spacing, double intercept) throws IOException {
		ByteArrayOutputStream meta = new ByteArrayOutputStream();
		element(meta, 0x0002, 0x0001, "OB", new byte[] { 0, 1 });
		element(meta, 0x0002, 0x0002, "UI", uid("1.2.840.10008.5.1.4.1.1.2"));
		element(meta, 0x0002, 0x0003, "UI", uid("1.2.826.0.1.3680043.2.1125.1"));
		element(meta, 0x0002, 0x0010, "UI", uid("1.2.840.10008.1.2.1"));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(new byte[128]);
		out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
		element(out, 0x0002, 0x0000, "UL", le(meta.size(), 4));
		out.writeBytes(meta.toByteArray());
		element(out, 0x0008, 0x0016, "UI", uid("1.2.840.10008.5.1.4.1.1.2"));
		element(out, 0x0008, 0x0018, "UI", uid("1.2.826.0.1.3680043.2.1125.1"));
		element(out, 0x0008, 0x0060, "CS", text("CT"));
		element(out, 0x0028, 0x0002, "US", le(1, 2));
		element(out, 0x0028, 0x0004, "CS", text("MONOCHROME2"));
		element(out, 0x0028, 0x0010, "US", le(height, 2));
		element(out, 0x0028, 0x0011, "US", le(width, 2));
		element(out, 0x0028, 0x0030, "DS", text(spacing + "\\" + spacing));
		element(out, 0x0028, 0x0100, "US", le(16, 2));
		element(out, 0x0028, 0x0101, "US", le(16, 2));
		element(out, 0x0028, 0x0102, "US", le(15, 2));
		element(out, 0x0028, 0x0103, "US", le(0, 2));
		element(out, 0x0028, 0x1052, "DS", text(String.valueOf(intercept)));
		element(out, 0x0028, 0x1053, "DS", text("1"));
		byte[] data = new byte[pixels.length * 2];
		for (int i = 0; i < pixels.length; i++) {
			data[2 * i] = (byte) pixels[i];
			data[2 * i + 1] = (byte) (pixels[i] >> 8);
		}
		element(out, 0x7FE0, 0x0010, "OW", data);
		return Files.write(file, out.toByteArray());
	}

	private static void element(ByteArrayOutputStream out, int group, int elem, String vr, byte[] value) {
		out.writeBytes(le(group, 2));
		out.writeBytes(le(elem, 2));
		out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
		if (vr.equals("OB") || vr.equals("OW")) {
			out.writeBytes(new byte[2]);
			out.writeBytes(le(value.length, 4));
		}
		else out.writeBytes(le(value.length, 2));
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
