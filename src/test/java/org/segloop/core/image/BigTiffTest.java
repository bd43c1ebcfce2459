package org.segloop.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that pass 4 GiB (a probability map of an image above about 18k², a huge stack) are written
 * as BigTIFF instead of failing with "too large for a classic TIFF". The switch point is a
 * parameter, so a small file written as BigTIFF stands in for a 4 GiB one: SegLoop reads it back
 * with the same pages, values, dimensions and calibration as the classic file.
 */
class BigTiffTest {

	private static final int W = 37, H = 23;
	private static final Calibration CAL = new Calibration(0.5, 0.25, 2.5, "micron", 0, 1, "");

	@TempDir
	Path dir;

	@Test
	void aFileAboveTheClassicLimitIsWrittenAsBigTiffAndReadsBackLikeTheClassicOne() throws IOException {
		int[][] planes = planes();
		Path classic = write("classic.tif", TiffWriter.CLASSIC_LIMIT, planes);
		Path big = write("big.tif", 1000, planes); // ~7 kB: above a limit of 1000 bytes
		assertEquals(42, version(classic));
		assertEquals(43, version(big));
		for (Path file : new Path[] { classic, big }) {
			LabelTiffReader.Stack s = LabelTiffReader.readStack(file);
			assertEquals(W, s.pages().width());
			assertEquals(H, s.pages().height());
			assertEquals(2, s.slices(), file.toString());
			assertEquals(1, s.frames());
			for (int z = 0; z < 2; z++)
				for (int i = 0; i < W * H; i++) assertEquals(planes[z][i] & 0xffffffffL, (long) s.pages().value(z, i), file + " page " + z + " pixel " + i);
			assertEquals(0.5, s.calibration().pixelWidth(), 1e-9, file.toString());
			assertEquals(0.25, s.calibration().pixelHeight(), 1e-9);
			assertEquals(2.5, s.calibration().pixelDepth(), 1e-9);
			assertEquals("micron", s.calibration().unit());
		}
	}

	@Test
	void aFloatMapAboveTheLimitIsBigTiffWithExactValues() throws IOException {
		float[] plane = new float[W * H];
		for (int i = 0; i < plane.length; i++) plane[i] = i / 7f;
		Path file = dir.resolve("map.tif");
		try (TiffWriter w = new TiffWriter(file, W, H, 1, 1, 1, TiffWriter.PixelType.FLOAT32, CAL, 0)) {
			w.writePage(0, plane);
			w.commit();
		}
		assertEquals(43, version(file));
		LabelTiffReader.Pages p = LabelTiffReader.read(file);
		for (int i = 0; i < plane.length; i++) assertEquals(plane[i], (float) p.value(0, i));
	}

	@Test
	void aBigTiffWhosePagePointsBackToItselfIsRefused() throws IOException {
		Path file = write("loop.tif", 0, planes());
		byte[] b = Files.readAllBytes(file);
		ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		long first = bb.getLong(8);
		long entries = bb.getLong((int) first);
		long secondIfd = bb.getLong((int) (first + 8 + 20 * entries));
		bb.putLong((int) (secondIfd + 8 + 20 * entries), first); // the second page's "next page" is the first
		Files.write(file, b);
		String e = assertThrows(ImageInputException.class, () -> LabelTiffReader.read(file)).getMessage();
		assertTrue(e.contains("loop.tif") && e.contains("points back"), e);
		e = assertThrows(ImageInputException.class, () -> LabelTiffReader.checkPageChain(file)).getMessage();
		assertTrue(e.contains("points back"), e);
	}

	private static int[][] planes() {
		int[][] planes = new int[2][W * H];
		for (int z = 0; z < 2; z++)
			for (int i = 0; i < W * H; i++) planes[z][i] = switch ((i + z) % 4) {
				case 0 -> 0;
				case 1 -> 16_777_216;
				case 2 -> 16_777_217;
				default -> 2_000_000_000 + i;
			};
		return planes;
	}

	private Path write(String name, long limit, int[][] planes) throws IOException {
		Path file = dir.resolve(name);
		try (TiffWriter w = new TiffWriter(file, W, H, 1, 2, 1, TiffWriter.PixelType.UINT32, CAL, limit)) {
			for (int z = 0; z < planes.length; z++) w.writePage(z, planes[z]);
			w.commit();
		}
		return file;
	}

	private static int version(Path file) throws IOException {
		byte[] b = Files.readAllBytes(file);
		return (b[2] & 0xff) | (b[3] & 0xff) << 8;
	}
}
