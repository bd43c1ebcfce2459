package org.segloop.core.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

import org.segloop.core.image.LabelTiffReader.Format;

/**
 * How a TIFF image stores its pixels, read from its tags alone, before any decoder sees it:
 * every page's strips or tiles must lie inside the file (ImageJ reads a file cut short without
 * complaint, leaving the missing pixels 0), and what the first page holds lets a message say why
 * ImageJ could not open a valid file (BigTIFF, tiles, 64-bit floats).
 */
final class TiffLayout {

	/** The first page's layout and the number of pages. */
	record Summary(boolean bigTiff, boolean tiled, int bitsPerSample, int sampleFormat, int pages) {

		/** Why ImageJ's reader cannot open such a file, and the fix; null when nothing about the layout explains it. */
		String[] unreadableBecause() {
			String resave = "open it in Fiji with File > Import > Bio-Formats and save it as a standard TIFF (File > Save As > Tiff...)";
			if (bigTiff) return new String[] { "is a BigTIFF (64-bit offsets), which ImageJ's TIFF reader cannot open", resave };
			if (tiled) return new String[] { "is a tiled TIFF, which ImageJ's TIFF reader cannot open", resave };
			if (bitsPerSample == 64) return new String[] { "holds 64-bit pixels, which ImageJ's TIFF reader cannot open",
				"convert it to 32-bit float (e.g. Bio-Formats import, then Image > Type > 32-bit) and save it as TIFF" };
			return null;
		}
	}

	private TiffLayout() {}

	/**
	 * @throws ImageInputException naming the file when a page's pixel data run past its end
	 */
	static Summary check(Path file) {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = ch.size();
			ByteOrder order = LabelTiffReader.read(ch, 0, 2, size, file).get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
			Format f = Format.of(ch, size, order, file);
			Summary first = null;
			Set<Long> seen = new HashSet<>();
			for (long ifd = f.firstIfd(); ifd != 0;) {
				if (!seen.add(ifd) || seen.size() > LabelTiffReader.MAX_PAGES) throw new ImageInputException(file,
					"has a damaged chain of TIFF pages (a page points back to an earlier one)", "save or export the image again as TIFF");
				int n = (int) f.entryCount(ch, ifd, size, order, file);
				ByteBuffer e = LabelTiffReader.read(ch, ifd + f.countBytes(), n * (long) f.entryBytes() + f.offsetBytes(), size, file).order(order);
				Page page = page(ch, e, n, order, f, size, file);
				checkInside(file, seen.size(), page.offsets, page.counts, size);
				if (first == null) first = new Summary(f.big(), page.tiled, page.bits, page.format, 0);
				ifd = f.offset(e, n * f.entryBytes());
			}
			if (first == null) throw new ImageInputException(file, "has no pages", "save or export the image again as TIFF");
			return new Summary(first.bigTiff(), first.tiled(), first.bitsPerSample(), first.sampleFormat(), seen.size());
		}
		catch (IOException e) {
			throw new ImageInputException(file, "cannot be read: " + e.getMessage(), "check that the file exists and is readable", e);
		}
	}

	private record Page(boolean tiled, int bits, int format, long[] offsets, long[] counts) {}

	private static Page page(FileChannel ch, ByteBuffer e, int n, ByteOrder order, Format f, long size, Path file) throws IOException {
		long width = 0, height = 0, rowsPerStrip = 0, compression = 1, spp = 1, bits = 1, format = 1;
		long[] offsets = null, counts = null;
		boolean tiled = false;
		for (int i = 0; i < n; i++) {
			int at = i * f.entryBytes();
			switch (e.getShort(at) & 0xffff) {
				case 256 -> width = LabelTiffReader.first(ch, e, at, order, f, size, file);
				case 257 -> height = LabelTiffReader.first(ch, e, at, order, f, size, file);
				case 258 -> bits = LabelTiffReader.first(ch, e, at, order, f, size, file);
				case 259 -> compression = LabelTiffReader.first(ch, e, at, order, f, size, file);
				case 277 -> spp = LabelTiffReader.first(ch, e, at, order, f, size, file);
				case 278 -> rowsPerStrip = LabelTiffReader.first(ch, e, at, order, f, size, file);
				case 339 -> format = LabelTiffReader.first(ch, e, at, order, f, size, file);
				case 273 -> offsets = LabelTiffReader.values(ch, e, at, order, f, size, file);
				case 279 -> counts = LabelTiffReader.values(ch, e, at, order, f, size, file);
				case 324 -> {
					tiled = true;
					offsets = LabelTiffReader.values(ch, e, at, order, f, size, file);
				}
				case 325 -> counts = LabelTiffReader.values(ch, e, at, order, f, size, file);
				default -> { /* not about where the pixels are */ }
			}
		}
		if (counts == null && offsets != null && compression == 1 && !tiled) { // uncompressed strips may leave out their byte counts
			long rows = rowsPerStrip <= 0 || rowsPerStrip > height ? height : rowsPerStrip;
			long rowBytes = (width * spp * bits + 7) / 8;
			counts = new long[offsets.length];
			for (int k = 0; k < counts.length; k++) counts[k] = Math.max(0, Math.min(rows, height - k * rows)) * rowBytes;
		}
		return new Page(tiled, (int) bits, (int) format, offsets, counts);
	}

	private static void checkInside(Path file, int page, long[] offsets, long[] counts, long size) {
		if (offsets == null || counts == null) return; // no pixel table: the decoder says what is wrong
		long end = 0;
		for (int k = 0; k < Math.min(offsets.length, counts.length); k++) end = Math.max(end, offsets[k] + counts[k]);
		if (end > size) throw new ImageInputException(file, "is truncated: the pixel data of its page " + page + " run to byte " + end
			+ " but the file has only " + size + " bytes", "the file was not written or copied completely; copy or save it again");
	}
}
