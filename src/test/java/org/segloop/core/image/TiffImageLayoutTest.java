package org.segloop.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.LabelTiffReader.SampleType;
import org.segloop.testutil.LabelTiffs;

/**
 * TIFF images are judged by their own tags before ImageJ decodes them: a file cut short is refused
 * (ImageJ would fill the missing pixels with 0), and a valid file ImageJ cannot open is named for
 * what it is, with a way to convert it.
 */
class TiffImageLayoutTest {

	@TempDir
	Path dir;

	@Test
	void aTiffCutShortIsRefusedInsteadOfReadWithZeros() throws IOException {
		for (LabelTiffs.Compression compression : new LabelTiffs.Compression[] { LabelTiffs.Compression.NONE, LabelTiffs.Compression.LZW }) {
			double[] pixels = new double[128 * 128];
			for (int i = 0; i < pixels.length; i++) pixels[i] = (i * 7919) % 4096;
			Path file = LabelTiffs.write(dir.resolve("cut-" + compression + ".tif"), 128, 128, SampleType.UINT16,
				new LabelTiffs.Layout(ByteOrder.LITTLE_ENDIAN, compression, 16, false), pixels);
			assertEquals(128, ImageReader.read(file).width(), "the whole file reads");
			long size = Files.size(file);
			try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
				ch.truncate(size * 2 / 3);
			}
			ImageInputException e = assertThrows(ImageInputException.class, () -> ImageReader.read(file), compression.toString());
			assertTrue(e.getMessage().contains(file.getFileName().toString()) && e.getMessage().contains("truncated"), e.getMessage());
		}
	}

	@Test
	void aStackWhoseLastPageIsCutShortIsRefused() throws IOException {
		Path file = dir.resolve("stack.tif");
		try (TiffWriter w = new TiffWriter(file, 64, 48, 1, 3, 1, TiffWriter.PixelType.UINT16, Calibration.none())) {
			for (int z = 0; z < 3; z++) w.writePage(z, new short[64 * 48]);
			w.commit();
		}
		long size = Files.size(file);
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
			ch.truncate(size - 1000); // the metadata SegLoop writes after the pixels is shorter than this
		}
		ImageInputException e = assertThrows(ImageInputException.class, () -> ImageReader.read(file));
		assertTrue(e.getMessage().contains("truncated"), e.getMessage());
	}

	@Test
	void aBigTiffIsNamedAsSuchWithAWayToConvertIt() throws IOException {
		Path file = dir.resolve("big.tif");
		try (TiffWriter w = new TiffWriter(file, 16, 12, 1, 1, 1, TiffWriter.PixelType.UINT16, Calibration.none(), 0)) {
			w.writePage(0, new short[16 * 12]);
			w.commit();
		}
		String m = message(file);
		assertTrue(m.contains("BigTIFF") && m.contains("Bio-Formats"), m);
	}

	@Test
	void aTiledTiffIsNamedAsSuch() throws IOException {
		Path file = tiled(dir.resolve("tiled.tif"));
		String m = message(file);
		assertTrue(m.contains("tiled TIFF") && m.contains("Save As"), m);
	}

	@Test
	void aTiffOf64BitFloatsIsNamedAsSuch() throws IOException {
		Path file = LabelTiffs.write(dir.resolve("double.tif"), 8, 6, SampleType.FLOAT64, LabelTiffs.Layout.plain(), new double[48]);
		String m = message(file);
		assertTrue(m.contains("64-bit") && m.contains("32-bit float"), m);
	}

	private static String message(Path file) {
		ImageInputException e = assertThrows(ImageInputException.class, () -> ImageReader.read(file));
		String m = e.getMessage();
		assertTrue(m.contains(file.getFileName().toString()), m);
		assertFalse(m.contains("is not an image ImageJ can read, or is corrupt"), "says what the file is, not that it is corrupt: " + m);
		return m;
	}

	/** A valid 32×32 8-bit TIFF in four 16×16 tiles (ImageJ 1 reads only stripped TIFFs). */
	private static Path tiled(Path file) throws IOException {
		int[][] tags = { { 256, 3, 32 }, { 257, 3, 32 }, { 258, 3, 8 }, { 259, 3, 1 }, { 262, 3, 1 }, { 277, 3, 1 }, { 322, 3, 16 },
			{ 323, 3, 16 }, { 324, 4, -1 }, { 325, 4, -2 } };
		int ifd = 8, arrays = ifd + 2 + tags.length * 12 + 4, pixels = arrays + 32;
		ByteBuffer b = ByteBuffer.allocate(pixels + 4 * 256).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
		b.putShort((short) tags.length);
		for (int[] t : tags) {
			b.putShort((short) t[0]).putShort((short) t[1]).putInt(t[2] < 0 ? 4 : 1);
			if (t[2] == -1) b.putInt(arrays);
			else if (t[2] == -2) b.putInt(arrays + 16);
			else if (t[1] == 3) b.putShort((short) t[2]).putShort((short) 0);
			else b.putInt(t[2]);
		}
		b.putInt(0);
		for (int k = 0; k < 4; k++) b.putInt(arrays + 4 * k, pixels + 256 * k);
		for (int k = 0; k < 4; k++) b.putInt(arrays + 16 + 4 * k, 256);
		for (int i = 0; i < 1024; i++) b.put(pixels + i, (byte) i);
		Files.write(file, b.array());
		return file;
	}
}
