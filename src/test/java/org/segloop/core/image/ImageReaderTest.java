package org.segloop.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.testutil.DicomSeriesMaker;

class ImageReaderTest {

	@TempDir
	Path dir;

	@Test
	void anRgbPngBecomesThreeEightBitChannels() throws IOException {
		BufferedImage rgb = new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB);
		rgb.setRGB(2, 1, 0x102030);
		Path png = dir.resolve("rgb.png");
		ImageIO.write(rgb, "png", png.toFile());
		ImageVolume v = ImageReader.read(png);
		assertEquals(3, v.channels());
		assertEquals(0x10, v.reader(0, 0, 0).get(1 * 5 + 2));
		assertEquals(0x20, v.reader(1, 0, 0).get(1 * 5 + 2));
		assertEquals(0x30, v.reader(2, 0, 0).get(1 * 5 + 2));
		assertEquals("rgb", v.name());
	}

	@Test
	void aTiffHyperstackWrittenBySegLoopReadsBackWithItsDimensionsValuesAndSpacing() throws IOException {
		Path tif = dir.resolve("stack.tif");
		Calibration cal = new Calibration(0.25, 0.25, 2.0, "micron", 0, 1, "");
		try (TiffWriter w = new TiffWriter(tif, 7, 3, 2, 4, 1, TiffWriter.PixelType.FLOAT32, cal)) {
			for (int p = 0; p < 8; p++) {
				float[] plane = new float[21];
				Arrays.fill(plane, p + 0.5f);
				w.writePage(p, plane);
			}
			w.commit();
		}
		ImageVolume v = ImageReader.read(tif);
		assertEquals(7, v.width());
		assertEquals(3, v.height());
		assertEquals(2, v.channels());
		assertEquals(4, v.slices());
		assertEquals(1 + 2 * 2 + 0.5f, v.reader(1, 2, 0).get(20));
		assertEquals(0.25, v.calibration().pixelWidth(), 1e-9);
		assertEquals(2.0, v.calibration().pixelDepth(), 1e-9);
		assertEquals("micron", v.calibration().unit());
	}

	@Test
	void aCtDicomKeepsItsHounsfieldRescaleAndPixelSpacingThroughTheImageSources() throws IOException {
		DicomSeriesMaker.Spec ct = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.30", "1.2.826.0.1.3680043.9.7.30.1", 16, 8, 1)
			.withVoxels((xy, z) -> xy == 3 ? 1024 + 40 : 0);
		Path dcm = DicomSeriesMaker.writeSlice(ct, 0, dir.resolve("ct.dcm"));
		ImageVolume v = ImageSources.read(dcm); // PixelMed, through the dicom-series source: ImageJ's reader is not used for DICOM
		assertEquals(16, v.width());
		assertEquals(8, v.height());
		double hu = v.calibration().valueOffset() + v.calibration().valueSlope() * v.reader(0, 0, 0).get(3);
		assertEquals(40, hu, 1e-6);
		assertEquals(0.7, v.calibration().pixelWidth(), 1e-9);
	}

	@Test
	void emptyCorruptAndTruncatedFilesGiveATypedErrorNamingTheFile() throws IOException {
		Path empty = Files.createFile(dir.resolve("empty.tif"));
		ImageInputException e = assertThrows(ImageInputException.class, () -> ImageReader.read(empty));
		assertTrue(e.getMessage().contains("empty.tif") && e.getMessage().contains("0 bytes"), e.getMessage());

		Path junk = Files.writeString(dir.resolve("junk.png"), "this is not a PNG at all");
		e = assertThrows(ImageInputException.class, () -> ImageReader.read(junk));
		assertTrue(e.getMessage().contains("junk.png"), e.getMessage());

		Path tif = dir.resolve("whole.tif");
		try (TiffWriter w = new TiffWriter(tif, 64, 64, 1, 1, 1, TiffWriter.PixelType.UINT16, Calibration.none())) {
			w.writePage(0, new short[64 * 64]);
			w.commit();
		}
		byte[] bytes = Files.readAllBytes(tif);
		Path cut = Files.write(dir.resolve("cut.tif"), Arrays.copyOf(bytes, 100));
		e = assertThrows(ImageInputException.class, () -> ImageReader.read(cut));
		assertTrue(e.getMessage().contains("cut.tif"), e.getMessage());
	}

	@Test
	void aHeaderDeclaringHugeDimensionsIsRefusedBeforeAnythingIsAllocated() throws IOException {
		// a 100 000 × 100 000 16-bit TIFF header (20 GB of pixels) in a 200-byte file
		java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(200).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		int[][] tags = { { 256, 4, 100_000 }, { 257, 4, 100_000 }, { 258, 3, 16 }, { 259, 3, 1 }, { 262, 3, 1 }, { 273, 4, 150 },
			{ 277, 3, 1 }, { 278, 4, 100_000 }, { 279, 4, 2_000_000_000 } };
		b.putShort((short) tags.length);
		for (int[] t : tags) {
			b.putShort((short) t[0]).putShort((short) t[1]).putInt(1);
			if (t[1] == 3) b.putShort((short) t[2]).putShort((short) 0);
			else b.putInt(t[2]);
		}
		b.putInt(0);
		Path huge = Files.write(dir.resolve("huge.tif"), b.array());
		ImageInputException e = assertThrows(ImageInputException.class, () -> ImageReader.read(huge));
		assertTrue(e.getMessage().contains("huge.tif") && e.getMessage().contains("18.6 GB"), e.getMessage());
	}

	@Test
	void aTiffWhosePagePointsBackToItselfIsRefusedInsteadOfReadForEver() throws IOException {
		// a plain TIFF, without ImageJ's description (ImageJ then follows the page chain)
		Path tif = org.segloop.testutil.LabelTiffs.write(dir.resolve("loop.tif"), 16, 16, LabelTiffReader.SampleType.UINT8,
			org.segloop.testutil.LabelTiffs.Layout.plain(), new double[16 * 16], new double[16 * 16]);
		byte[] bytes = Files.readAllBytes(tif);
		java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		int first = b.getInt(4);
		int second = b.getInt(first + 2 + 12 * (b.getShort(first) & 0xffff));
		b.putInt(second + 2 + 12 * (b.getShort(second) & 0xffff), first); // the last page's "next" is the first page
		Files.write(tif, bytes);
		ImageInputException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
			() -> assertThrows(ImageInputException.class, () -> ImageReader.read(tif)));
		assertTrue(e.getMessage().contains("loop.tif") && e.getMessage().contains("points back"), e.getMessage());
	}

	@Test
	void aMissingFileIsNamed() {
		ImageInputException e = assertThrows(ImageInputException.class, () -> ImageReader.read(dir.resolve("nope.tif")));
		assertTrue(e.getMessage().contains("nope.tif"));
	}
}
