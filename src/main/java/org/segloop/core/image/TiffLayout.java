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
 * A TIFF's pages, read from their tags alone, before any decoder sees them: the chain of pages
 * must not loop (ImageJ's decoder would follow it for ever) and no tag may declare more values
 * than the file holds (ImageJ's decoder allocates by that count). What it finds also tells
 * whether every page's strips or tiles lie inside the file (ImageJ reads a file cut short without
 * complaint, leaving the missing pixels 0) and, from the first page, why ImageJ could not open a
 * valid file (BigTIFF, tiles, 64-bit floats).
 */
final class TiffLayout {

	/**
	 * The first page's layout, the number of pages, and where the last pixel data end.
	 *
	 * @param dataEnd the byte after the last strip or tile of any page
	 */
	record Summary(boolean bigTiff, boolean tiled, int bitsPerSample, int sampleFormat, int pages, long dataEnd, long fileSize) {

		/** @throws ImageInputException naming the file when its pixel data run past its end */
		void requireComplete(Path file) {
			if (dataEnd > fileSize) throw new ImageInputException(file, "is truncated: its pixel data run to byte " + dataEnd
				+ " but the file has only " + fileSize + " bytes", "the file was not written or copied completely; copy or save it again");
		}

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
	 * Walks every page (not reading pixels).
	 *
	 * @throws ImageInputException naming the file when the chain of pages loops or a tag declares
	 *     more values than the file holds
	 */
	static Summary check(Path file) {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = ch.size();
			ByteOrder order = LabelTiffReader.read(ch, 0, 2, size, file).get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
			Format f = Format.of(ch, size, order, file);
			Summary first = null;
			long dataEnd = 0;
			Set<Long> seen = new HashSet<>();
			for (long ifd = f.firstIfd(); ifd != 0;) {
				if (!seen.add(ifd) || seen.size() > LabelTiffReader.MAX_PAGES) throw new ImageInputException(file,
					"has a damaged chain of TIFF pages (a page points back to an earlier one)", "save or export the image again as TIFF");
				int n = (int) f.entryCount(ch, ifd, size, order, file);
				ByteBuffer e = LabelTiffReader.read(ch, ifd + f.countBytes(), n * (long) f.entryBytes() + f.offsetBytes(), size, file).order(order);
				checkDeclaredCounts(file, e, n, f, size);
				Page page = page(ch, e, n, order, f, size, file);
				dataEnd = Math.max(dataEnd, page.dataEnd());
				if (first == null) first = new Summary(f.big(), page.tiled, page.bits, page.format, 0, 0, size);
				ifd = f.offset(e, n * f.entryBytes());
			}
			if (first == null) throw new ImageInputException(file, "has no pages", "save or export the image again as TIFF");
			return new Summary(first.bigTiff(), first.tiled(), first.bitsPerSample(), first.sampleFormat(), seen.size(), dataEnd, size);
		}
		catch (IOException e) {
			throw new ImageInputException(file, "cannot be read: " + e.getMessage(), "check that the file exists and is readable", e);
		}
	}

	private record Page(boolean tiled, int bits, int format, long[] offsets, long[] counts) {

		/** The byte after its last strip or tile (0 without a pixel table: the decoder says what is wrong). */
		long dataEnd() {
			long end = 0;
			if (offsets != null && counts != null)
				for (int k = 0; k < Math.min(offsets.length, counts.length); k++) end = Math.max(end, offsets[k] + counts[k]);
			return end;
		}
	}

	/** Refuses a tag whose declared values do not fit in the file. */
	private static void checkDeclaredCounts(Path file, ByteBuffer entries, int n, Format f, long size) {
		for (int i = 0; i < n; i++) {
			int at = i * f.entryBytes();
			long count = f.count(entries, at);
			long bytes = count * Math.max(1, LabelTiffReader.typeSize(entries.getShort(at + 2) & 0xffff));
			long where = bytes <= f.offsetBytes() ? 0 : f.offset(entries, f.valueAt(at));
			if (count < 0 || count > size || where + bytes > size) throw new ImageInputException(file, "has a damaged TIFF page: tag "
				+ (entries.getShort(at) & 0xffff) + " declares " + count + " values, more than the file's " + size + " bytes hold",
				"save or export the image again as TIFF");
		}
	}

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
}
