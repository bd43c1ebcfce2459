package org.segloop.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.ImageReader;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.testutil.CompressedDicom;
import org.segloop.testutil.CompressedDicom.Encoding;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.DicomSeriesMaker.NonImage;
import org.segloop.testutil.DicomSeriesMaker.Spec;

/**
 * A single DICOM file given by name is read by PixelMed through the {@code dicom-series} source;
 * what is not an image, or is encoded in a way no available codec decodes, is named for what it is,
 * with the fix.
 */
class DicomIdentificationTest {

	@TempDir
	Path dir;

	private final Spec ct = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.20", "1.2.826.0.1.3680043.9.7.20.1", 32, 16, 1);

	@Test
	void aTransferSyntaxWithoutCodecIsNamedWithAToolThatDecompressesIt() throws IOException {
		Path raw = DicomSeriesMaker.writeSlice(ct, 0, dir.resolve("raw.dcm"));
		Path jls = CompressedDicom.compress(raw, dir.resolve("ct-jpeg-ls.dcm"), Encoding.JPEG_LS_LOSSLESS);
		String m = message(jls);
		assertTrue(m.contains("ct-jpeg-ls.dcm"), m);
		assertTrue(m.contains("JPEG-LS Lossless") && m.contains(Encoding.JPEG_LS_LOSSLESS.uid), "names the transfer syntax: " + m);
		assertTrue(m.contains("dcmdjpls"), "names a tool that decompresses it: " + m);
	}

	@Test
	void aSegmentationObjectIsNamedAsLabelsNotAnImage() throws IOException {
		String m = message(DicomSeriesMaker.writeNonImage(ct, NonImage.SEG, dir.resolve("seg.dcm"), true));
		assertTrue(m.contains("seg.dcm") && m.contains("DICOM Segmentation object") && m.contains("not an image"), m);
		assertTrue(m.contains("import it as that series' correction or proposal"), "the fix: " + m);
	}

	@Test
	void anRtStructureSetAndOtherObjectsWithoutPixelsAreNamed() throws IOException {
		String m = message(DicomSeriesMaker.writeNonImage(ct, NonImage.RTSTRUCT, dir.resolve("rt.dcm"), true));
		assertTrue(m.contains("rt.dcm") && m.contains("RT Structure Set") && m.contains("contours") && m.contains("rasterise"), m);
		m = message(DicomSeriesMaker.writeNonImage(ct, NonImage.RTSTRUCT, dir.resolve("old-rt.dcm"), false));
		assertTrue(m.contains("old-rt.dcm") && m.contains("RT Structure Set"), "a file without the Part 10 header is recognised too: " + m);
		m = message(DicomSeriesMaker.writeNonImage(ct, NonImage.PDF, dir.resolve("report.dcm"), true));
		assertTrue(m.contains("report.dcm") && m.contains("encapsulated document") && m.contains("not an image"), m);
		m = message(DicomSeriesMaker.writeNonImage(ct, NonImage.SR, dir.resolve("sr.dcm"), true));
		assertTrue(m.contains("sr.dcm") && m.contains("Structured Report"), m);
		m = message(DicomSeriesMaker.writeNonImage(ct, NonImage.PRESENTATION_STATE, dir.resolve("pr.dcm"), true));
		assertTrue(m.contains("pr.dcm") && m.contains("Presentation State"), m);
	}

	@Test
	void uncompressedImagesReadInPhysicalValues() throws IOException {
		Spec one = ct.withSize(12, 10, 1).withGeometry(0.8, 2, new double[] { 1, 0, 0 }, new double[] { 0, 1, 0 }, new double[] { 0, 0, 0 })
			.withVoxels((xy, z) -> xy == 5 ? 1064 : 0);
		ImageVolume v = ImageSources.read(DicomSeriesMaker.writeSlice(one, 0, dir.resolve("ct.dcm")));
		assertEquals(12, v.width());
		assertEquals(0.8, v.calibration().pixelWidth(), 1e-9);
		assertEquals(40, v.calibration().valueOffset() + v.calibration().valueSlope() * v.reader(0, 0, 0).get(5), 1e-9);
		ImageVolume mr = ImageSources.read(DicomSeriesMaker.writeSlice(one.withModality("MR").withRescale(false, 1, 0), 0, dir.resolve("mr.dcm")));
		assertEquals(1064, mr.reader(0, 0, 0).get(5));
		assertEquals(0, mr.calibration().valueOffset(), 0);
	}

	@Test
	void imageJsReaderLeavesDicomToTheDicomSeriesSource() throws IOException {
		Path file = DicomSeriesMaker.writeSlice(ct, 0, dir.resolve("slice.dcm"));
		ImageInputException e = assertThrows(ImageInputException.class, () -> ImageReader.read(file));
		assertTrue(e.getMessage().contains("slice.dcm") && e.getMessage().contains("dicom-series"), e.getMessage());
	}

	private static String message(Path file) {
		ImageInputException e = assertThrows(ImageInputException.class, () -> ImageSources.read(file));
		String m = e.getMessage();
		assertFalse(m.contains("Exception") || m.contains("java.") || m.contains("null"), "no Java internals reach the user: " + m);
		return m;
	}
}
