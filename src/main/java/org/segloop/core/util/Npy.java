package org.segloop.core.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.segloop.core.SegLoopException;

/** NumPy .npy files (format 1.0–3.0, C order), read into float32 as test tensors need. */
public final class Npy {

	/** A dense C-order array. */
	public record Array(long[] shape, float[] data) {

		public long size() {
			return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
		}
	}

	private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
	private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
	private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
	private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
	/** kind + width of the types read below; anything else is refused before its width is used. */
	private static final java.util.Set<String> READABLE = java.util.Set.of("f4", "f8", "i1", "u1", "b1", "i2", "u2", "i4", "u4", "i8");

	private Npy() {}

	public static Array read(Path file) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (IOException e) {
			throw new SegLoopException(file, "cannot be read: " + e.getMessage(), "check the file exists", e);
		}
		ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || !new String(bytes, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY"))
			throw bad(file, "does not start with the .npy magic bytes");
		int major = bytes[6];
		int headerLen;
		int headerStart;
		if (major == 1) {
			headerLen = Short.toUnsignedInt(b.getShort(8));
			headerStart = 10;
		}
		else if (major == 2 || major == 3) {
			if (bytes.length < 12) throw bad(file, "is cut short in its header");
			headerLen = b.getInt(8);
			headerStart = 12;
		}
		else throw bad(file, "has .npy version " + major + ", which is unknown");
		if (headerLen < 0 || (long) headerStart + headerLen > bytes.length) throw bad(file, "is cut short in its header");
		String header = new String(bytes, headerStart, headerLen, StandardCharsets.ISO_8859_1);
		Matcher d = DESCR.matcher(header);
		Matcher f = FORTRAN.matcher(header);
		Matcher s = SHAPE.matcher(header);
		if (!d.find() || !f.find() || !s.find()) throw bad(file, "has a header SegLoop cannot read: " + header.trim());
		if (f.group(1).equals("True")) throw bad(file, "is in Fortran order");
		long[] shape = shape(file, s.group(1));
		long n = 1;
		for (long dim : shape) {
			if (dim > 0 && n > MAX_ELEMENTS / dim) throw bad(file, "declares a shape " + Arrays.toString(shape)
				+ " of more values than SegLoop can hold (" + MAX_ELEMENTS + ")");
			n *= dim;
		}
		ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
		char kind = d.group(2).charAt(0);
		String type = kind + d.group(3);
		// the width is checked before it is used: '<f0' would make any shape fit an empty file
		if (!READABLE.contains(type)) throw bad(file, "has data type " + d.group(1) + type + " in its header field 'descr', which SegLoop does not read"
			+ " (it reads " + READABLE + ")");
		int width = Integer.parseInt(d.group(3));
		int dataStart = headerStart + headerLen;
		long expected = n * width, present = bytes.length - (long) dataStart;
		if (expected > present) throw bad(file, "is cut short: the header promises " + n + " values (" + expected + " bytes) but "
			+ present + " bytes follow it");
		if (expected < present) throw bad(file, "holds " + (present - expected) + " bytes more than its shape " + Arrays.toString(shape) + " of "
			+ type + " values needs");
		ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice().order(order);
		float[] out = new float[(int) n];
		for (int i = 0; i < n; i++)
			out[i] = switch (kind + "" + width) {
				case "f4" -> data.getFloat(i * 4);
				case "f8" -> (float) data.getDouble(i * 8);
				case "i1" -> data.get(i);
				case "u1", "b1" -> data.get(i) & 0xff;
				case "i2" -> data.getShort(i * 2);
				case "u2" -> data.getShort(i * 2) & 0xffff;
				case "i4" -> data.getInt(i * 4);
				case "u4" -> data.getInt(i * 4) & 0xffffffffL;
				case "i8" -> data.getLong(i * 8);
				default -> throw new IllegalStateException("type " + type + " passed the check above");
			};
		return new Array(shape, out);
	}

	/** Writes little-endian float32 in C order (version 1.0). */
	public static void write(Path file, long[] shape, float[] data) throws IOException {
		StringBuilder dims = new StringBuilder();
		for (long d : shape) dims.append(d).append(", ");
		if (shape.length > 1) dims.setLength(dims.length() - 1);
		String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().trim() + "), }";
		int pad = 64 - (10 + header.length() + 1) % 64;
		header = header + " ".repeat(pad % 64) + "\n";
		ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
		b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
		for (float v : data) b.putFloat(v);
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(b.array());
		}
	}

	/** The dimensions of the header's 'shape' field, each a plain non-negative integer. */
	private static long[] shape(Path file, String text) {
		String[] parts = text.split(",");
		long[] dims = new long[parts.length];
		int n = 0;
		for (String part : parts) {
			String t = part.trim();
			if (t.isEmpty()) continue;
			if (!t.matches("\\d{1,18}")) throw bad(file, "has '" + t + "' in its header field 'shape' (" + text.trim()
				+ "), which is not a dimension (a whole number ≥ 0)");
			dims[n++] = Long.parseLong(t);
		}
		return Arrays.copyOf(dims, n);
	}

	private static SegLoopException bad(Path file, String what) {
		return new SegLoopException(file, what, "write the tensor with numpy.save (C order, numeric dtype)");
	}
}
