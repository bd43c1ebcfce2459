package org.segloop.core.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a baseline TIFF hyperstack that ImageJ opens with its dimensions and calibration. The
 * layout is fixed up front (header, IFDs, then one strip per page), so pages or runs of rows can be
 * written in any order as results stream in; nothing needs the whole image in memory. The file is
 * written under a temporary name and renamed on {@link #commit()}, so a crash never leaves a
 * half-written file under the final name. A file that would pass 4 GiB is written as BigTIFF
 * (64-bit offsets), which SegLoop's {@link LabelTiffReader} and Bio-Formats read (ImageJ 1's own
 * decoder does not).
 *
 * <p>Not thread-safe; one writer per file.
 */
public final class TiffWriter implements AutoCloseable {

	public enum PixelType {
		UINT8(1, 1), UINT16(2, 1), INT16(2, 2), UINT32(4, 1), FLOAT32(4, 3);

		final int bytes;
		final int sampleFormat;

		PixelType(int bytes, int sampleFormat) {
			this.bytes = bytes;
			this.sampleFormat = sampleFormat;
		}
	}

	private static final int TAGS = 14;
	private static final int IFD_BYTES = 2 + TAGS * 12 + 4;
	private static final int BIG_IFD_BYTES = 8 + TAGS * 20 + 8;
	/** Offsets of a classic TIFF are 32-bit: larger files are written as BigTIFF (64-bit offsets). */
	static final long CLASSIC_LIMIT = 0xFFFF_FFFFL;

	private final Path target;
	private final Path temp;
	private final FileChannel channel;
	private final int width;
	private final int height;
	private final PixelType type;
	private final long dataStart;
	private final boolean big;
	/** BigTIFF only: positions of the resolution tags' value fields and of the rationals to copy into them. */
	private final java.util.List<long[]> rationals = new java.util.ArrayList<>();
	private boolean committed;

	/**
	 * @param target final file name
	 * @param width page width
	 * @param height page height
	 * @param channels, slices, frames hyperstack dimensions; pages are ordered c fastest, then z, t
	 * @param calibration spacing written into the ImageJ description and resolution tags
	 */
	public TiffWriter(Path target, int width, int height, int channels, int slices, int frames, PixelType type,
		Calibration calibration) throws IOException
	{
		this(target, width, height, channels, slices, frames, type, calibration, CLASSIC_LIMIT);
	}

	/** @param classicLimit files of this many bytes or more are written as BigTIFF (a parameter so tests need not write 4 GiB) */
	TiffWriter(Path target, int width, int height, int channels, int slices, int frames, PixelType type, Calibration calibration,
		long classicLimit) throws IOException
	{
		this.target = target;
		this.width = width;
		this.height = height;
		this.type = type;
		int pages = channels * slices * frames;
		long pageBytes = (long) width * height * type.bytes;
		byte[] description = description(channels, slices, frames, calibration);
		this.big = layoutEnd(false, pages, description.length, pageBytes) >= classicLimit;
		int ifdBytes = big ? BIG_IFD_BYTES : IFD_BYTES;
		long firstIfd = big ? 16 : 8;
		long descStart = firstIfd + (long) pages * ifdBytes;
		long rationalStart = descStart + description.length;
		this.dataStart = dataStart(big, pages, description.length);
		if (dataStart > Integer.MAX_VALUE - 16) throw new IOException("a stack of " + pages + " pages needs more page headers than SegLoop writes");
		Files.createDirectories(target.toAbsolutePath().getParent());
		this.temp = target.resolveSibling(target.getFileName() + ".part");
		this.channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
			StandardOpenOption.WRITE, StandardOpenOption.READ);

		ByteBuffer head = ByteBuffer.allocate((int) (dataStart)).order(ByteOrder.LITTLE_ENDIAN);
		if (big) head.put((byte) 'I').put((byte) 'I').putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(firstIfd);
		else head.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		double xres = calibration.pixelWidth() > 0 ? 1 / calibration.pixelWidth() : 1;
		double yres = calibration.pixelHeight() > 0 ? 1 / calibration.pixelHeight() : 1;
		int strip = big ? 16 : 4; // LONG8 offsets and byte counts in a BigTIFF
		for (int p = 0; p < pages; p++) {
			long ifd = firstIfd + (long) p * ifdBytes;
			head.position((int) ifd);
			if (big) head.putLong(TAGS);
			else head.putShort((short) TAGS);
			tag(head, 254, 4, 1, 0);
			tag(head, 256, 4, 1, width);
			tag(head, 257, 4, 1, height);
			tag(head, 258, 3, 1, type.bytes * 8);
			tag(head, 259, 3, 1, 1);
			tag(head, 262, 3, 1, 1);
			tag(head, 270, 2, p == 0 ? description.length : 1, p == 0 ? descStart : 0);
			tag(head, 273, strip, 1, dataStart + pageBytes * p);
			tag(head, 277, 3, 1, 1);
			tag(head, 278, 4, 1, height);
			tag(head, 279, strip, 1, pageBytes);
			tag(head, 282, 5, 1, rationalStart);
			tag(head, 283, 5, 1, rationalStart + 8);
			tag(head, 339, 3, 1, type.sampleFormat);
			long next = p + 1 < pages ? ifd + ifdBytes : 0;
			if (big) head.putLong(next);
			else head.putInt((int) next);
		}
		head.position((int) descStart);
		head.put(description);
		putResolution(head, calibration.pixelWidth(), xres);
		putResolution(head, calibration.pixelHeight(), yres);
		for (long[] r : rationals) head.putLong((int) r[0], head.getLong((int) r[1]));
		head.position(0);
		write(head, 0);
	}

	/** Writes {@code rows} full rows of page {@code page} starting at row {@code y0}. */
	public void writeRows(int page, int y0, int rows, Object data, int dataOffset) throws IOException {
		int n = rows * width;
		ByteBuffer b = ByteBuffer.allocate(n * type.bytes).order(ByteOrder.LITTLE_ENDIAN);
		switch (type) {
			case UINT8 -> b.put((byte[]) data, dataOffset, n);
			case UINT16, INT16 -> b.asShortBuffer().put((short[]) data, dataOffset, n);
			case UINT32 -> b.asIntBuffer().put((int[]) data, dataOffset, n);
			case FLOAT32 -> b.asFloatBuffer().put((float[]) data, dataOffset, n);
		}
		b.position(0);
		write(b, dataStart + ((long) page * height + y0) * width * type.bytes);
	}

	/** Writes a whole page from a plane array (byte[], short[], int[] or float[] matching the pixel type). */
	public void writePage(int page, Object plane) throws IOException {
		writeRows(page, 0, height, plane, 0);
	}

	/** Flushes to disk and moves the file to its final name. */
	public void commit() throws IOException {
		channel.force(true);
		channel.close();
		Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		committed = true;
	}

	@Override
	public void close() throws IOException {
		if (channel.isOpen()) channel.close();
		if (!committed) Files.deleteIfExists(temp);
	}

	private void write(ByteBuffer b, long position) throws IOException {
		while (b.hasRemaining())
			position += channel.write(b, position);
	}

	/**
	 * Pixels per unit as a rational: 10^6 / (size × 10^6) keeps a size such as 0.75 mm exact to
	 * 10^-6 of itself (10^6 × (1 / size) / 10^6 would round the reciprocal instead).
	 */
	private static void putResolution(ByteBuffer b, double size, double resolution) {
		long denominator = Math.round(size * 1_000_000);
		if (size > 0 && denominator > 0 && denominator <= Integer.MAX_VALUE) b.putInt(1_000_000).putInt((int) denominator);
		else b.putInt((int) Math.round(resolution * 1_000_000)).putInt(1_000_000);
	}

	private void tag(ByteBuffer b, int tag, int type, long count, long value) {
		if (!big) {
			b.putShort((short) tag).putShort((short) type).putInt((int) count);
			if (type == 3 && count == 1) b.putShort((short) value).putShort((short) 0);
			else b.putInt((int) value);
			return;
		}
		b.putShort((short) tag).putShort((short) type).putLong(count);
		if (type == 5) { // a rational fits the 8-byte value field, and BigTIFF requires it there: copy it from where it is written
			int at = b.position();
			b.putLong(0);
			rationals.add(new long[] { at, value });
		}
		else if (type == 3 && count == 1) b.putShort((short) value).putShort((short) 0).putInt(0);
		else if (type == 16) b.putLong(value);
		else b.putInt((int) value).putInt(0);
	}

	private static long dataStart(boolean big, int pages, int descriptionLength) {
		long end = (big ? 16 : 8) + (long) pages * (big ? BIG_IFD_BYTES : IFD_BYTES) + descriptionLength + 16;
		return (end + 15) / 16 * 16;
	}

	private static long layoutEnd(boolean big, int pages, int descriptionLength, long pageBytes) {
		return dataStart(big, pages, descriptionLength) + pageBytes * pages;
	}

	private static byte[] description(int c, int z, int t, Calibration cal) {
		StringBuilder s = new StringBuilder("ImageJ=1.54g\n");
		s.append("images=").append(c * z * t).append('\n');
		if (c > 1) s.append("channels=").append(c).append('\n');
		if (z > 1) s.append("slices=").append(z).append('\n');
		if (t > 1) s.append("frames=").append(t).append('\n');
		if (c > 1 && (z > 1 || t > 1) || (z > 1 && t > 1)) s.append("hyperstack=true\n");
		if (!"pixel".equals(cal.unit())) s.append("unit=").append(cal.unit()).append('\n');
		if (z > 1) s.append("spacing=").append(cal.pixelDepth()).append('\n');
		s.append("loop=false\n").append('\0');
		return s.toString().getBytes(StandardCharsets.ISO_8859_1);
	}
}
