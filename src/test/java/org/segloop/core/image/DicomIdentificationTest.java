package org.segloop.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.testutil.DicomWriter;

/** DICOM files ImageJ cannot read as images are named for what they are, with the fix. */
class DicomIdentificationTest {

	@TempDir
	Path dir;

	@Test
	void compressedPixelDataNamesItsTransferSyntaxAndHowToDecompressIt() throws IOException {
		Map<String, String> names = Map.of(DicomWriter.JPEG_BASELINE, "JPEG Baseline", DicomWriter.JPEG_LOSSLESS_SV1, "JPEG Lossless",
			DicomWriter.JPEG_LS_LOSSLESS, "JPEG-LS Lossless", DicomWriter.JPEG_2000, "JPEG 2000", DicomWriter.RLE, "RLE Lossless");
		for (var e : names.entrySet()) {
			Path file = DicomWriter.writeCompressed(dir.resolve("ct-" + e.getValue().replace(' ', '_') + ".dcm"), e.getKey(), 32, 16,
				new byte[] { (byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4 }, new byte[] { 5, 6, 7, (byte) 0xFF, (byte) 0xD9 });
			String m = message(file);
			assertTrue(m.contains(file.getFileName().toString()), m);
			assertTrue(m.contains("compressed") && m.contains(e.getValue()) && m.contains(e.getKey()), "names the transfer syntax: " + m);
			assertTrue(m.contains("gdcmconv --raw"), "names a tool that decompresses it: " + m);
		}
		assertTrue(message(dir.resolve("ct-JPEG_Baseline.dcm")).contains("dcmdjpeg"), "dcmtk's JPEG decoder for JPEG");
		assertTrue(message(dir.resolve("ct-RLE_Lossless.dcm")).contains("dcmdrle"), "dcmtk's RLE decoder for RLE");
	}

	@Test
	void aSegmentationObjectIsNamedAsLabelsNotAnImage() throws IOException {
		boolean[] mask = new boolean[24 * 16];
		for (int i = 40; i < 90; i++) mask[i] = true;
		Path file = DicomWriter.writeSegmentation(dir.resolve("seg.dcm"), 24, 16, mask);
		String m = message(file);
		assertTrue(m.contains("seg.dcm") && m.contains("DICOM Segmentation object") && m.contains("not an image"), m);
	}

	@Test
	void anRtStructureSetAndOtherObjectsWithoutPixelsAreNamed() throws IOException {
		String m = message(DicomWriter.writeWithoutPixels(dir.resolve("rt.dcm"), DicomWriter.RT_STRUCTURE_SET, "RTSTRUCT", true,
			DicomWriter.EXPLICIT_LITTLE));
		assertTrue(m.contains("rt.dcm") && m.contains("RT Structure Set") && m.contains("contours"), m);
		m = message(DicomWriter.writeWithoutPixels(dir.resolve("old-rt.dcm"), DicomWriter.RT_STRUCTURE_SET, "RTSTRUCT", false,
			DicomWriter.IMPLICIT_LITTLE));
		assertTrue(m.contains("old-rt.dcm") && m.contains("RT Structure Set"), "a file without the Part 10 header is recognised too: " + m);
		m = message(DicomWriter.writeWithoutPixels(dir.resolve("report.dcm"), DicomWriter.ENCAPSULATED_PDF, "DOC", true,
			DicomWriter.EXPLICIT_LITTLE));
		assertTrue(m.contains("report.dcm") && m.contains(DicomWriter.ENCAPSULATED_PDF) && m.contains("not an image"), m);
	}

	@Test
	void uncompressedImagesStillRead() throws IOException {
		short[] pixels = new short[12 * 10];
		pixels[5] = 1064;
		ImageVolume v = ImageReader.read(DicomWriter.writeCt(dir.resolve("ct.dcm"), 12, 10, pixels, 0.8, -1024));
		assertEquals(12, v.width());
		assertEquals(40, v.calibration().valueOffset() + v.calibration().valueSlope() * v.reader(0, 0, 0).get(5), 1e-9);
		ImageVolume mr = ImageReader.read(DicomWriter.writeImage(dir.resolve("mr.dcm"), DicomWriter.MR_IMAGE, "MR", 12, 10, pixels,
			false, 1, 1, 0));
		assertEquals(1064, mr.reader(0, 0, 0).get(5));
	}

	private static String message(Path file) {
		ImageInputException e = assertThrows(ImageInputException.class, () -> ImageReader.read(file));
		String m = e.getMessage();
		assertFalse(m.contains("Exception") || m.contains("java.") || m.contains("null"), "no Java internals reach the user: " + m);
		return m;
	}
}
