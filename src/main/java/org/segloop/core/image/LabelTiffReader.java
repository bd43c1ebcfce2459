package org.segloop.core.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the pixel values of a label TIFF exactly, whatever their type: signed and unsigned 8, 16
 * and 32-bit integers, 32 and 64-bit floats. ImageJ's reader shifts signed 16-bit values by 32768
 * and turns 32-bit integers and 64-bit floats into 32-bit floats (labels above 2^24 change), so
 * label files are read here. Strips, both byte orders, no compression, PackBits, LZW and Deflate
 * (with or without the horizontal predictor) are read; anything else is refused by name with the
 * fix. IFD chains are followed with cycle detection. Planes are in file order (ImageJ's c, z, t order).
 */
public final class LabelTiffReader {

	/** The sample type of a TIFF page, from BitsPerSample and SampleFormat. */
	public enum SampleType {
		INT8, UINT8, INT16, UINT16, INT32, UINT32, FLOAT32, FLOAT64;

		int bytes() {
			return switch (this) {
				case INT8, UINT8 -> 1;
				case INT16, UINT16 -> 2;
				case INT32, UINT32, FLOAT32 -> 4;
				case FLOAT64 -> 8;
			};
		}
	}

	/**
	 * The pages of a label TIFF.
	 *
	 * @param planes byte[] (8-bit), short[] (16-bit), int[] (32-bit integers), float[] or double[], one per page
	 */
	public record Pages(int width, int height, SampleType type, List<Object> planes) {

		/** The true value of pixel {@code i} of page {@code page} (every type fits a double exactly). */
		public double value(int page, int i) {
			Object p = planes.get(page);
			return switch (type) {
				case INT8 -> ((byte[]) p)[i];
				case UINT8 -> ((byte[]) p)[i] & 0xff;
				case INT16 -> ((short[]) p)[i];
				case UINT16 -> ((short[]) p)[i] & 0xffff;
				case INT32 -> ((int[]) p)[i];
				case UINT32 -> ((int[]) p)[i] & 0xffffffffL;
				case FLOAT32 -> ((float[]) p)[i];
				case FLOAT64 -> ((double[]) p)[i];
			};
		}
	}

	/**
	 * A label TIFF with ImageJ's view of its dimensions and spacing.
	 *
	 * @param calibration spacing and unit as ImageJ reads them (values are labels: no value function)
	 */
	public record Stack(Pages pages, int channels, int slices, int frames, Calibration calibration) {}

	static final int MAX_PAGES = 1 << 20;

	private LabelTiffReader() {}

	/** Whether the file starts like a TIFF ("II*\0" or "MM\0*"). */
	public static boolean isTiff(Path file) {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer b = ByteBuffer.allocate(4);
			ch.read(b, 0);
			return b.position() == 4 && (b.get(0) == 'I' && b.get(1) == 'I' && (b.get(2) == 42 || b.get(2) == 43) && b.get(3) == 0
				|| b.get(0) == 'M' && b.get(1) == 'M' && b.get(2) == 0 && (b.get(3) == 42 || b.get(3) == 43));
		}
		catch (IOException e) {
			return false;
		}
	}

	/**
	 * The exact pages with the dimensions (channels, slices, frames) and spacing from ImageJ's
	 * description and resolution tags, read by ImageJ's own TIFF decoder once the page chain is
	 * known to be sound (it has no cycle detection).
	 */
	public static Stack readStack(Path file) {
		Pages pages = read(file);
		checkPageChain(file); // every tag ImageJ's decoder will allocate by, not only those read above
		ij.io.FileInfo[] info;
		try {
			// ImageJ 1 does not read BigTIFF (it takes the 64-bit header for a classic one): its description and resolution are read here
			ij.io.FileInfo big = bigTiffInfo(file);
			info = big != null ? new ij.io.FileInfo[] { big } : new ij.io.TiffDecoder(file.toAbsolutePath().getParent().toString() + java.io.File.separator, file.getFileName().toString()).getTiffInfo();
		}
		catch (IOException | RuntimeException e) {
			info = null;
		}
		int c = 1, z = pages.planes().size(), t = 1;
		Calibration cal = Calibration.none();
		if (info != null && info.length > 0) {
			ij.io.FileInfo fi = info[0];
			java.util.Properties props = fi.description == null ? null : new ij.io.FileOpener(fi).decodeDescriptionString(fi);
			if (props != null) {
				int pc = intProperty(props, "channels"), pz = intProperty(props, "slices"), pt = intProperty(props, "frames");
				if ((long) pc * pz * pt == pages.planes().size()) {
					c = pc;
					z = pz;
					t = pt;
				}
			}
			if (fi.unit != null && !fi.unit.isEmpty() && fi.pixelWidth > 0)
				cal = new Calibration(fi.pixelWidth, fi.pixelHeight > 0 ? fi.pixelHeight : fi.pixelWidth, fi.pixelDepth > 0 ? fi.pixelDepth : 1, fi.unit, 0, 1, "");
		}
		return new Stack(pages, c, z, t, cal);
	}

	/** For a BigTIFF, the first page's ImageJ description and resolution as ImageJ's decoder gives them; null for a classic TIFF. */
	private static ij.io.FileInfo bigTiffInfo(Path file) throws IOException {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = ch.size();
			ByteOrder order = read(ch, 0, 2, size, file).get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
			Format f = Format.of(ch, size, order, file);
			if (!f.big()) return null;
			long ifd = f.firstIfd();
			int n = (int) f.entryCount(ch, ifd, size, order, file);
			ByteBuffer e = read(ch, ifd + 8, n * 20L, size, file).order(order);
			ij.io.FileInfo fi = new ij.io.FileInfo();
			for (int i = 0; i < n; i++) {
				int at = i * 20, tag = e.getShort(at) & 0xffff;
				long count = e.getLong(at + 4);
				if (tag == 270 && count > 8 && count < 1 << 20) {
					ByteBuffer text = read(ch, e.getLong(at + 12), count, size, file);
					fi.description = new String(text.array(), 0, (int) count - 1, java.nio.charset.StandardCharsets.ISO_8859_1);
				}
				else if ((tag == 282 || tag == 283) && count == 1) {
					double resolution = (e.getInt(at + 12) & 0xffffffffL) / (double) Math.max(1, e.getInt(at + 16) & 0xffffffffL);
					if (resolution > 0 && tag == 282) fi.pixelWidth = 1 / resolution;
					if (resolution > 0 && tag == 283) fi.pixelHeight = 1 / resolution;
				}
			}
			if (fi.description != null) new ij.io.FileOpener(fi).decodeDescriptionString(fi);
			return fi;
		}
	}

	private static int intProperty(java.util.Properties p, String key) {
		try {
			return Math.max(1, Integer.parseInt(p.getProperty(key, "1").trim()));
		}
		catch (NumberFormatException e) {
			return 1;
		}
	}

	/**
	 * Whether ImageJ's TIFF decoder would take the file for a TIFF: it looks only at the byte-order
	 * mark ("II" or "MM"), not at the number after it.
	 */
	static boolean hasTiffByteOrder(Path file) {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer b = ByteBuffer.allocate(2);
			ch.read(b, 0);
			return b.position() == 2 && (b.get(0) == 'I' && b.get(1) == 'I' || b.get(0) == 'M' && b.get(1) == 'M');
		}
		catch (IOException e) {
			return false;
		}
	}

	/**
	 * Follows a TIFF's chain of pages (IFDs) without reading them and refuses a chain that loops or
	 * points outside the file: ImageJ's decoder would follow such a chain for ever. It also refuses a
	 * tag that declares more values than the file holds: ImageJ's decoder allocates by that count
	 * (a strip table of 2^28 entries in an 800-byte file is an OutOfMemoryError).
	 */
	static void checkPageChain(Path file) {
		TiffLayout.check(file);
	}

	/** @throws ImageInputException naming the file, what it holds that cannot be read, and the fix */
	public static Pages read(Path file) {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = ch.size();
			ByteBuffer head = read(ch, 0, 8, size, file);
			ByteOrder order = head.get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
			Format f = Format.of(ch, size, order, file);
			long ifd = f.firstIfd();
			Set<Long> seen = new HashSet<>();
			List<Object> planes = new ArrayList<>();
			Integer width = null, height = null;
			SampleType type = null;
			Runtime rt = Runtime.getRuntime();
			long budget = Long.getLong("segloop.maxImageBytes", (long) ((rt.maxMemory() - (rt.totalMemory() - rt.freeMemory())) * 0.8));
			long held = 0;
			while (ifd != 0) {
				if (!seen.add(ifd) || seen.size() > MAX_PAGES) throw new ImageInputException(file, "has a damaged chain of TIFF pages (a page points back to an earlier one)",
					"save the mask again (ImageJ: File > Save As > Tiff...)");
				Page page = page(ch, ifd, size, order, f, file);
				if (width == null) {
					width = page.width;
					height = page.height;
					type = page.type;
				}
				else if (page.width != width || page.height != height || page.type != type) {
					if (page.subfile != 0) break; // a thumbnail or reduced-resolution page after the data
					throw new ImageInputException(file, "has pages of different sizes or types (" + width + "×" + height + " " + type + " and " + page.width + "×"
						+ page.height + " " + page.type + ")", "save the mask as one label image or stack of one type");
				}
				held += (long) page.width * page.height * page.type.bytes();
				if (held > budget) throw new ImageInputException(file, "declares " + (held >> 20) + " MB of label pixels, more than this program can hold",
					"check that the file is not corrupt; for genuinely large images give Java more memory (-Xmx) or crop the image");
				planes.add(pixels(ch, page, size, order, file));
				ifd = page.next;
			}
			if (planes.isEmpty()) throw new ImageInputException(file, "has no pages", "save the mask again as a TIFF");
			return new Pages(width, height, type, planes);
		}
		catch (IOException e) {
			throw new ImageInputException(file, "cannot be read: " + e.getMessage(), "check that the file exists and is readable", e);
		}
	}

	private record Page(int width, int height, SampleType type, int compression, int predictor, long[] offsets, long[] counts, int rowsPerStrip,
		long subfile, long next) {}

	/**
	 * Classic TIFF (32-bit offsets, 12-byte entries) or BigTIFF (64-bit offsets, 20-byte entries),
	 * which SegLoop writes for files above 4 GiB.
	 */
	record Format(boolean big, long firstIfd) {

		static Format of(FileChannel ch, long size, ByteOrder order, Path file) throws IOException {
			ByteBuffer head = read(ch, 0, 8, size, file).order(order);
			int version = head.getShort(2) & 0xffff;
			if (version == 42) return new Format(false, head.getInt(4) & 0xffffffffL);
			if (version != 43 || (head.getShort(4) & 0xffff) != 8) throw new ImageInputException(file, "is not a TIFF SegLoop knows (version "
				+ version + ")", "save the mask again as a TIFF");
			return new Format(true, read(ch, 8, 8, size, file).order(order).getLong(0));
		}

		int countBytes() {
			return big ? 8 : 2;
		}

		int entryBytes() {
			return big ? 20 : 12;
		}

		int offsetBytes() {
			return big ? 8 : 4;
		}

		long entryCount(FileChannel ch, long ifd, long size, ByteOrder order, Path file) throws IOException {
			ByteBuffer b = read(ch, ifd, countBytes(), size, file).order(order);
			long n = big ? b.getLong(0) : b.getShort(0) & 0xffff;
			if (n < 0 || n > 65535) throw new ImageInputException(file, "has a damaged TIFF page (" + n + " tags)", "save the mask again as a TIFF");
			return n;
		}

		long offset(ByteBuffer b, int at) {
			return big ? b.getLong(at) : b.getInt(at) & 0xffffffffL;
		}

		long count(ByteBuffer e, int at) {
			return big ? e.getLong(at + 4) : e.getInt(at + 4) & 0xffffffffL;
		}

		int valueAt(int at) {
			return at + (big ? 12 : 8);
		}
	}

	private static Page page(FileChannel ch, long ifd, long size, ByteOrder order, Format f, Path file) throws IOException {
		int n = (int) f.entryCount(ch, ifd, size, order, file);
		ByteBuffer e = read(ch, ifd + f.countBytes(), n * (long) f.entryBytes() + f.offsetBytes(), size, file).order(order);
		int width = 0, height = 0, bits = 1, compression = 1, spp = 1, format = 1, predictor = 1;
		long rowsPerStrip = -1, subfile = 0;
		long[] offsets = null, counts = null;
		boolean tiled = false;
		for (int i = 0; i < n; i++) {
			int at = i * f.entryBytes();
			int tag = e.getShort(at) & 0xffff;
			switch (tag) {
				case 254 -> subfile = first(ch, e, at, order, f, size, file);
				case 256 -> width = (int) first(ch, e, at, order, f, size, file);
				case 257 -> height = (int) first(ch, e, at, order, f, size, file);
				case 258 -> bits = (int) first(ch, e, at, order, f, size, file);
				case 259 -> compression = (int) first(ch, e, at, order, f, size, file);
				case 273 -> offsets = values(ch, e, at, order, f, size, file);
				case 277 -> spp = (int) first(ch, e, at, order, f, size, file);
				case 278 -> rowsPerStrip = first(ch, e, at, order, f, size, file);
				case 279 -> counts = values(ch, e, at, order, f, size, file);
				case 317 -> predictor = (int) first(ch, e, at, order, f, size, file);
				case 322, 323, 324, 325 -> tiled = true;
				case 339 -> format = (int) first(ch, e, at, order, f, size, file);
				default -> { /* not needed for labels */ }
			}
		}
		long next = f.offset(e, n * f.entryBytes());
		String save = "save the mask as a single-channel 8-, 16- or 32-bit label image (ImageJ: Image > Type > 16-bit, then File > Save As > Tiff...)";
		if (tiled) throw new ImageInputException(file, "is a tiled TIFF", "save the mask as an ordinary (stripped) TIFF, e.g. with ImageJ: File > Save As > Tiff...");
		if (spp != 1) throw new ImageInputException(file, "has " + spp + " samples per pixel (an RGB or multi-channel image)", save);
		SampleType type = type(bits, format, file, save);
		int rows = rowsPerStrip <= 0 || rowsPerStrip > height ? height : (int) rowsPerStrip;
		if (counts == null && compression == 1 && offsets != null) { // some writers leave out the byte counts of uncompressed strips
			counts = new long[offsets.length];
			for (int k = 0; k < counts.length; k++) counts[k] = (long) Math.min(rows, height - k * rows) * width * type.bytes();
		}
		if (width <= 0 || height <= 0 || offsets == null || counts == null || offsets.length != counts.length)
			throw new ImageInputException(file, "has a damaged TIFF page (size or strip table missing)", "save the mask again as a TIFF");
		if (compression != 1 && compression != 32773 && compression != 5 && compression != 8 && compression != 32946)
			throw new ImageInputException(file, "is compressed with " + compressionName(compression) + ", which SegLoop does not read for label images",
				"save the mask uncompressed or with LZW or Deflate compression (a lossy compression would change the labels anyway)");
		if (predictor != 1 && (predictor != 2 || type == SampleType.FLOAT32 || type == SampleType.FLOAT64))
			throw new ImageInputException(file, "uses the TIFF predictor " + predictor + (predictor == 3 ? " (floating point)" : "") + ", which SegLoop does not read",
				"save the mask without a predictor (or as an integer image)");
		return new Page(width, height, type, compression, predictor, offsets, counts, rows, subfile, next);
	}

	private static SampleType type(int bits, int format, Path file, String save) {
		boolean signed = format == 2, floating = format == 3;
		if (format < 1 || format > 4) throw new ImageInputException(file, "has the TIFF sample format " + format + " (complex numbers or unknown)", save);
		if (floating) {
			if (bits == 32) return SampleType.FLOAT32;
			if (bits == 64) return SampleType.FLOAT64;
		}
		else switch (bits) {
			case 8: return signed ? SampleType.INT8 : SampleType.UINT8;
			case 16: return signed ? SampleType.INT16 : SampleType.UINT16;
			case 32: return signed ? SampleType.INT32 : SampleType.UINT32;
			default: break;
		}
		throw new ImageInputException(file, "has " + bits + "-bit " + (floating ? "floating-point " : "") + "pixels", save);
	}

	private static Object pixels(FileChannel ch, Page p, long size, ByteOrder order, Path file) throws IOException {
		int bytes = p.type.bytes();
		long rowBytes = (long) p.width * bytes;
		long total = rowBytes * p.height;
		if (total > Integer.MAX_VALUE - 16) throw new ImageInputException(file, "has a page of " + (total >> 20) + " MB, more than a label page can hold here",
			"crop the image or split it into smaller images");
		byte[] raw = new byte[(int) total];
		int strips = (p.height + p.rowsPerStrip - 1) / p.rowsPerStrip;
		if (p.offsets.length < strips) throw new ImageInputException(file, "has fewer strips (" + p.offsets.length + ") than its rows need (" + strips + ")",
			"save the mask again as a TIFF");
		for (int s = 0; s < strips; s++) {
			int rows = Math.min(p.rowsPerStrip, p.height - s * p.rowsPerStrip);
			int expected = (int) (rows * rowBytes);
			byte[] data = TiffCodecs.decode(p.compression, read(ch, p.offsets[s], p.counts[s], size, file).array(), expected, file);
			if (data.length < expected) throw new ImageInputException(file, "is truncated or damaged: strip " + s + " holds " + data.length + " of " + expected + " bytes",
				"the file was not written completely; save or copy it again");
			System.arraycopy(data, 0, raw, (int) (s * p.rowsPerStrip * rowBytes), expected);
		}
		ByteBuffer b = ByteBuffer.wrap(raw).order(order);
		int n = p.width * p.height;
		Object plane = switch (p.type) {
			case INT8, UINT8 -> raw;
			case INT16, UINT16 -> { short[] a = new short[n]; b.asShortBuffer().get(a); yield a; }
			case INT32, UINT32 -> { int[] a = new int[n]; b.asIntBuffer().get(a); yield a; }
			case FLOAT32 -> { float[] a = new float[n]; b.asFloatBuffer().get(a); yield a; }
			case FLOAT64 -> { double[] a = new double[n]; b.asDoubleBuffer().get(a); yield a; }
		};
		if (p.predictor == 2) undoHorizontalDifferencing(plane, p.width, p.height);
		return plane;
	}

	/** Predictor 2 stores each sample as the difference to its left neighbour, in the sample's own width. */
	private static void undoHorizontalDifferencing(Object plane, int w, int h) {
		for (int y = 0; y < h; y++)
			for (int x = 1; x < w; x++) {
				int i = y * w + x;
				if (plane instanceof byte[] a) a[i] += a[i - 1];
				else if (plane instanceof short[] a) a[i] += a[i - 1];
				else ((int[]) plane)[i] += ((int[]) plane)[i - 1];
			}
	}

	/** Bytes per value of a TIFF (or BigTIFF) field type (0 for a type neither defines). */
	static int typeSize(int type) {
		return switch (type) {
			case 1, 2, 6, 7 -> 1;
			case 3, 8 -> 2;
			case 4, 9, 11, 13 -> 4;
			case 5, 10, 12, 16, 17, 18 -> 8;
			default -> 0;
		};
	}

	static String compressionName(int c) {
		return switch (c) {
			case 2 -> "CCITT RLE";
			case 3 -> "CCITT Group 3 fax";
			case 4 -> "CCITT Group 4 fax";
			case 5 -> "LZW";
			case 6, 7 -> "JPEG";
			case 8, 32946 -> "Deflate";
			case 32773 -> "PackBits";
			case 34712 -> "JPEG 2000";
			case 34925 -> "LZMA";
			case 50000 -> "Zstandard";
			case 50001 -> "WebP";
			default -> "the TIFF compression " + c;
		};
	}

	static long first(FileChannel ch, ByteBuffer e, int at, ByteOrder order, Format f, long size, Path file) throws IOException {
		return values(ch, e, at, order, f, size, file)[0];
	}

	/** The values of an IFD entry of type BYTE, SHORT, LONG or (BigTIFF) LONG8, inline or at their offset. */
	static long[] values(FileChannel ch, ByteBuffer e, int at, ByteOrder order, Format f, long size, Path file) throws IOException {
		int type = e.getShort(at + 2) & 0xffff;
		long count = f.count(e, at);
		int unit = type == 1 ? 1 : type == 3 ? 2 : type == 4 ? 4 : type == 16 && f.big() ? 8 : 0;
		if (unit == 0 || count <= 0 || count > MAX_PAGES * 16L)
			throw new ImageInputException(file, "has a damaged TIFF tag " + (e.getShort(at) & 0xffff), "save the mask again as a TIFF");
		ByteBuffer v = count * unit <= f.offsetBytes() ? e.duplicate().order(order).position(f.valueAt(at)).slice().order(order)
			: read(ch, f.offset(e, f.valueAt(at)), count * unit, size, file).order(order);
		long[] out = new long[(int) count];
		for (int i = 0; i < count; i++)
			out[i] = unit == 1 ? v.get(i) & 0xff : unit == 2 ? v.getShort(i * 2) & 0xffff : unit == 4 ? v.getInt(i * 4) & 0xffffffffL : v.getLong(i * 8);
		return out;
	}

	static ByteBuffer read(FileChannel ch, long position, long length, long size, Path file) throws IOException {
		if (position < 0 || length < 0 || position + length > size || length > Integer.MAX_VALUE - 16)
			throw new ImageInputException(file, "is truncated or damaged: it refers to bytes " + position + " to " + (position + length) + " but has " + size,
				"the file was not written completely; save or copy it again");
		ByteBuffer b = ByteBuffer.allocate((int) length);
		while (b.hasRemaining())
			if (ch.read(b, position + b.position()) < 0) break;
		b.flip();
		return b;
	}
}
