package org.segloop.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** The TIFF compressions label masks come with: PackBits, LZW and Deflate (zlib), each bounded by the bytes a strip should hold. */
final class TiffCodecs {

	private TiffCodecs() {}

	static byte[] decode(int compression, byte[] in, int expected, Path file) {
		try {
			return switch (compression) {
				case 1 -> in;
				case 32773 -> packBits(in, expected);
				case 5 -> lzw(in, expected);
				default -> inflate(in, expected);
			};
		}
		catch (DataFormatException | RuntimeException e) {
			throw new ImageInputException(file, "has damaged " + LabelTiffReader.compressionName(compression) + " data", "save the mask again, uncompressed or with LZW compression");
		}
	}

	static byte[] packBits(byte[] in, int expected) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(expected);
		int i = 0;
		while (i < in.length && out.size() < expected) {
			int n = in[i++];
			if (n >= 0) {
				int len = Math.min(n + 1, in.length - i);
				out.write(in, i, len);
				i += len;
			}
			else if (n != -128 && i < in.length) {
				byte v = in[i++];
				for (int k = 0; k < 1 - n; k++) out.write(v);
			}
		}
		return out.toByteArray();
	}

	/** TIFF LZW (MSB-first codes of 9 to 12 bits, widened one code early, as libtiff and ImageJ read it). */
	static byte[] lzw(byte[] in, int expected) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(expected);
		byte[][] table = new byte[4096][];
		for (int i = 0; i < 256; i++) table[i] = new byte[] { (byte) i };
		int next = 258, width = 9, old = -1;
		long bitPos = 0, totalBits = (long) in.length * 8;
		while (bitPos + width <= totalBits && out.size() < expected) {
			int code = 0;
			for (int k = 0; k < width; k++, bitPos++) code = (code << 1) | ((in[(int) (bitPos >> 3)] >> (7 - (bitPos & 7))) & 1);
			if (code == 257) break;
			if (code == 256) {
				next = 258;
				width = 9;
				old = -1;
				continue;
			}
			byte[] entry;
			if (old < 0) {
				if (code > 255) throw new IllegalStateException("LZW data start with code " + code);
				entry = table[code];
			}
			else {
				if (next >= 4096) throw new IllegalStateException("LZW table overflow");
				byte[] prev = table[old];
				if (code < next) entry = table[code];
				else if (code == next) {
					entry = java.util.Arrays.copyOf(prev, prev.length + 1);
					entry[prev.length] = prev[0];
				}
				else throw new IllegalStateException("LZW code " + code + " beyond the table");
				byte[] added = java.util.Arrays.copyOf(prev, prev.length + 1);
				added[prev.length] = entry[0];
				table[next++] = added;
			}
			out.write(entry, 0, entry.length);
			old = code;
			if (next == 511) width = 10;
			else if (next == 1023) width = 11;
			else if (next == 2047) width = 12;
		}
		return out.toByteArray();
	}

	private static byte[] inflate(byte[] in, int expected) throws DataFormatException {
		Inflater inflater = new Inflater();
		try {
			inflater.setInput(in);
			byte[] out = new byte[expected];
			int n = 0;
			while (n < expected && !inflater.finished()) {
				int k = inflater.inflate(out, n, expected - n);
				if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
				n += k;
			}
			return n == expected ? out : java.util.Arrays.copyOf(out, n);
		}
		finally {
			inflater.end();
		}
	}
}
