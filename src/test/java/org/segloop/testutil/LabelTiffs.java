package org.segloop.testutil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

import org.segloop.core.image.LabelTiffReader.SampleType;

/**
 * Writes label TIFFs of every sample type as other tools write them (tifffile, libtiff, ImageJ):
 * either byte order, several strips per page, uncompressed, PackBits, LZW or Deflate, with or
 * without the horizontal predictor, several pages. Independent of SegLoop's reader and writer.
 */
public final class LabelTiffs {

	public enum Compression {
		NONE(1), PACKBITS(32773), LZW(5), DEFLATE(8);

		final int code;

		Compression(int code) {
			this.code = code;
		}
	}

	/** How to write: byte order, compression, rows per strip (0: one strip per page), predictor 2. */
	public record Layout(ByteOrder order, Compression compression, int rowsPerStrip, boolean predictor) {

		public static Layout plain() {
			return new Layout(ByteOrder.LITTLE_ENDIAN, Compression.NONE, 0, false);
		}
	}

	private LabelTiffs() {}

	/** Writes pages of {@code width × height} values (each held exactly by {@code type}). */
	public static Path write(Path file, int width, int height, SampleType type, Layout layout, double[]... pages) throws IOException {
		int bytes = switch (type) {
			case INT8, UINT8 -> 1;
			case INT16, UINT16 -> 2;
			case INT32, UINT32, FLOAT32 -> 4;
			case FLOAT64 -> 8;
		};
		int format = switch (type) {
			case INT8, INT16, INT32 -> 2;
			case FLOAT32, FLOAT64 -> 3;
			default -> 1;
		};
		int rows = layout.rowsPerStrip() <= 0 ? height : layout.rowsPerStrip();
		ByteArrayOutputStream data = new ByteArrayOutputStream();
		List<long[]> offsets = new ArrayList<>(), counts = new ArrayList<>();
		int headerBytes = 8;
		for (double[] page : pages) {
			int strips = (height + rows - 1) / rows;
			long[] o = new long[strips], c = new long[strips];
			for (int s = 0; s < strips; s++) {
				int r = Math.min(rows, height - s * rows);
				ByteBuffer b = ByteBuffer.allocate(r * width * bytes).order(layout.order());
				for (int y = s * rows; y < s * rows + r; y++)
					for (int x = 0; x < width; x++) {
						double v = page[y * width + x];
						if (layout.predictor() && x > 0) v = v - page[y * width + x - 1]; // wraps in the sample width below
						put(b, type, v);
					}
				byte[] strip = compress(b.array(), layout.compression());
				o[s] = headerBytes + data.size();
				c[s] = strip.length;
				data.writeBytes(strip);
				if (data.size() % 2 == 1) data.write(0);
			}
			offsets.add(o);
			counts.add(c);
		}
		ByteBuffer out = ByteBuffer.allocate(8 + data.size() + pages.length * (2 + 12 * 12 + 4 + 16 * 1024)).order(layout.order());
		out.put(layout.order() == ByteOrder.LITTLE_ENDIAN ? new byte[] { 'I', 'I', 42, 0 } : new byte[] { 'M', 'M', 0, 42 });
		out.putInt(8 + data.size());
		out.put(data.toByteArray());
		for (int p = 0; p < pages.length; p++) {
			long[] o = offsets.get(p), c = counts.get(p);
			int ifd = out.position();
			int tags = 11;
			int arrays = ifd + 2 + tags * 12 + 4;
			out.putShort((short) tags);
			tag(out, 256, 4, 1, width);
			tag(out, 257, 4, 1, height);
			tag(out, 258, 3, 1, bytes * 8);
			tag(out, 259, 3, 1, layout.compression().code);
			tag(out, 262, 3, 1, 1);
			tag(out, 273, 4, o.length, o.length == 1 ? o[0] : arrays);
			tag(out, 277, 3, 1, 1);
			tag(out, 278, 4, 1, rows);
			tag(out, 279, 4, c.length, c.length == 1 ? c[0] : arrays + 4L * o.length);
			tag(out, 317, 3, 1, layout.predictor() ? 2 : 1);
			tag(out, 339, 3, 1, format);
			int next = arrays + (o.length > 1 ? 8 * o.length : 0);
			out.putInt(p + 1 < pages.length ? next : 0);
			if (o.length > 1) {
				for (long v : o) out.putInt((int) v);
				for (long v : c) out.putInt((int) v);
			}
		}
		byte[] file2 = java.util.Arrays.copyOf(out.array(), out.position());
		return Files.write(file, file2);
	}

	private static void put(ByteBuffer b, SampleType type, double v) {
		switch (type) {
			case INT8, UINT8 -> b.put((byte) (long) v);
			case INT16, UINT16 -> b.putShort((short) (long) v);
			case INT32, UINT32 -> b.putInt((int) (long) v);
			case FLOAT32 -> b.putFloat((float) v);
			case FLOAT64 -> b.putDouble(v);
		}
	}

	private static void tag(ByteBuffer b, int tag, int type, long count, long value) {
		b.putShort((short) tag).putShort((short) type).putInt((int) count);
		if (type == 3 && count == 1) b.putShort((short) value).putShort((short) 0);
		else b.putInt((int) value);
	}

	private static byte[] compress(byte[] raw, Compression c) {
		return switch (c) {
			case NONE -> raw;
			case PACKBITS -> packBits(raw);
			case LZW -> lzw(raw);
			case DEFLATE -> {
				Deflater d = new Deflater();
				d.setInput(raw);
				d.finish();
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				byte[] buf = new byte[4096];
				while (!d.finished()) out.write(buf, 0, d.deflate(buf));
				d.end();
				yield out.toByteArray();
			}
		};
	}

	/** PackBits with runs for repeated bytes and literals otherwise. */
	private static byte[] packBits(byte[] in) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int i = 0;
		while (i < in.length) {
			int run = 1;
			while (i + run < in.length && run < 128 && in[i + run] == in[i]) run++;
			if (run >= 2) {
				out.write(1 - run);
				out.write(in[i]);
				i += run;
				continue;
			}
			int start = i, len = 0;
			while (i < in.length && len < 128 && !(i + 1 < in.length && in[i + 1] == in[i])) {
				i++;
				len++;
			}
			if (len == 0) { // a run of 2 starts here: take one byte as a literal
				len = 1;
				i++;
			}
			out.write(len - 1);
			out.write(in, start, len);
		}
		return out.toByteArray();
	}

	/** TIFF LZW as libtiff writes it: 9 to 12-bit codes, MSB first, one code wider once the table reaches 512, 1024, 2048; clear at 4094. */
	private static byte[] lzw(byte[] in) {
		BitWriter w = new BitWriter();
		Map<Integer, Integer> dict = new HashMap<>();
		int width = 9, next = 258;
		w.write(256, width);
		if (in.length == 0) {
			w.write(257, width);
			return w.bytes();
		}
		int prefix = in[0] & 0xff;
		for (int i = 1; i < in.length; i++) {
			int b = in[i] & 0xff;
			Integer code = dict.get(prefix << 8 | b);
			if (code != null) {
				prefix = code;
				continue;
			}
			w.write(prefix, width);
			dict.put(prefix << 8 | b, next++);
			if (next > (1 << width) - 1 && width < 12) width++;
			if (next == 4094) {
				w.write(256, width);
				dict.clear();
				next = 258;
				width = 9;
			}
			prefix = b;
		}
		w.write(prefix, width);
		next++;
		if (next > (1 << width) - 1 && width < 12) width++;
		w.write(257, width);
		return w.bytes();
	}

	private static final class BitWriter {
		private final ByteArrayOutputStream out = new ByteArrayOutputStream();
		private int acc, bits;

		void write(int code, int width) {
			for (int k = width - 1; k >= 0; k--) {
				acc = acc << 1 | (code >> k & 1);
				if (++bits == 8) {
					out.write(acc);
					acc = 0;
					bits = 0;
				}
			}
		}

		byte[] bytes() {
			if (bits > 0) out.write(acc << (8 - bits));
			return out.toByteArray();
		}
	}
}
