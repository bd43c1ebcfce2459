package org.segloop.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.testutil.CompressedDicom;
import org.segloop.testutil.CompressedDicom.Encoding;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.DicomSeriesMaker.Spec;

import com.pixelmed.dicom.TagFromName;

/**
 * Series stored compressed — by dcmtk's encoders and jai-imageio's JPEG 2000 encoder, not by hand —
 * are decoded by PixelMed: lossless encodings give exactly the stored values (signed, with slope and
 * intercept, single- and multi-frame), JPEG Baseline gives 8-bit values within the loss of the
 * encoder, colour (YBR) ultrasound comes as RGB; JPEG-LS, for which no Java codec is available, is
 * refused naming its transfer syntax.
 */
class CompressedSeriesTest {

	@TempDir
	Path dir;

	private static final List<Encoding> LOSSLESS = List.of(Encoding.RLE, Encoding.JPEG_LOSSLESS_SV1, Encoding.JPEG_LOSSLESS_PROCESS_14,
		Encoding.JPEG_2000_LOSSLESS, Encoding.DEFLATED, Encoding.EXPLICIT_BIG_ENDIAN, Encoding.IMPLICIT_LITTLE_ENDIAN);

	/** Signed values across most of the 16-bit range, slope 0.5: whatever a codec gets wrong shows. */
	private final Spec ct = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.100", "1.2.826.0.1.3680043.9.7.100.1", 24, 16, 5)
		.withRescale(true, 0.5, -1024).withVoxels((xy, z) -> (xy * 1031 + z * 4099) % 60000 - 30000);

	@Test
	void losslessSeriesReadExactlyInPhysicalValues() throws IOException {
		for (Encoding e : LOSSLESS) {
			Path folder = dir.resolve(e.name());
			List<Path> files = CompressedDicom.writeSeries(ct, folder, z -> "IM" + (7 - z), e);
			assertEquals(e.uid, DicomFiles.string(DicomFiles.header(files.get(0)), TagFromName.TransferSyntaxUID), "really written as " + e.title);
			assertExact(ct, read(folder), e.title);
		}
	}

	@Test
	void compressedEnhancedMultiFrameObjectsReadExactly() throws IOException {
		Path raw = DicomSeriesMaker.writeMultiFrame(ct, dir.resolve("raw/enhanced.dcm"));
		for (Encoding e : List.of(Encoding.RLE, Encoding.JPEG_LOSSLESS_SV1, Encoding.JPEG_2000_LOSSLESS)) {
			Path folder = dir.resolve("mf-" + e.name());
			CompressedDicom.compress(raw, folder.resolve("enhanced.dcm"), e);
			assertExact(ct, read(folder), "multi-frame " + e.title);
		}
	}

	@Test
	void jpegBaselineEightBitSlicesReadWithinTheLossOfTheEncoder() throws IOException {
		Spec eight = ct.withRescale(false, 1, 0);
		for (int z = 0; z < 3; z++) CompressedDicom.writeJpegBaselineSlice(eight, z, dir.resolve("jpeg/s" + z), (xy, s) -> gray(xy, s));
		assertEquals("1.2.840.10008.1.2.4.50", DicomFiles.string(DicomFiles.header(dir.resolve("jpeg/s0")), TagFromName.TransferSyntaxUID));
		ImageVolume v = read(dir.resolve("jpeg"));
		assertEquals(List.of(24, 16, 1, 3), List.of(v.width(), v.height(), v.channels(), v.slices()));
		double worst = 0, sum = 0;
		for (int z = 0; z < 3; z++)
			for (int i = 0; i < 24 * 16; i++) {
				double d = Math.abs(v.reader(0, z, 0).get(i) - gray(i, z));
				worst = Math.max(worst, d);
				sum += d;
			}
		assertTrue(worst <= 12 && sum / (3 * 24 * 16) <= 3, "lossy but close: worst " + worst + ", mean " + sum / (3 * 24 * 16));
		assertTrue(worst > 0 || sum == 0, "compared");
	}

	@Test
	void colourJpegUltrasoundInYbrIsReadAsRgbChannels() throws IOException {
		Path file = CompressedDicom.writeColourJpeg(dir.resolve("us/colour.dcm"), 40, 30, (x, y) -> (x * 6) << 16 | (y * 8) << 8 | 100);
		assertEquals("YBR_FULL_422", DicomFiles.string(DicomFiles.header(file), TagFromName.PhotometricInterpretation));
		ImageVolume v = read(dir.resolve("us"));
		assertEquals(3, v.channels());
		for (int[] p : new int[][] { { 10, 5 }, { 30, 20 }, { 2, 27 } }) {
			int i = p[0] + 40 * p[1];
			int[] expected = { p[0] * 6, p[1] * 8, 100 };
			for (int c = 0; c < 3; c++)
				assertEquals(expected[c], v.reader(c, 0, 0).get(i), 10, "channel " + c + " at " + p[0] + "," + p[1]);
		}
	}

	@Test
	void jpegLsIsRefusedNamingTheTransferSyntax() throws IOException {
		CompressedDicom.writeSeries(ct, dir.resolve("jls"), z -> "slice" + z + ".dcm", Encoding.JPEG_LS_LOSSLESS);
		Path manifest = DicomInputs.expand(List.of(dir.resolve("jls")), dir.resolve("series")).images().get(0);
		ImageInputException e = assertThrows(ImageInputException.class, () -> ImageSources.read(manifest));
		assertTrue(e.getMessage().contains("slice0.dcm") && e.getMessage().contains("JPEG-LS Lossless") && e.getMessage().contains(Encoding.JPEG_LS_LOSSLESS.uid)
			&& e.getMessage().contains("dcmdjpls"), e.getMessage());
	}

	private static int gray(int xy, int z) {
		return Math.min(255, (xy % 24) * 6 + (xy / 24) * 3 + z * 10);
	}

	private ImageVolume read(Path folder) {
		DicomInputs.Expanded e = DicomInputs.expand(List.of(folder), dir.resolve("series-" + folder.getFileName()));
		assertEquals(1, e.images().size(), e.toString());
		return ImageSources.read(e.images().get(0));
	}

	private static void assertExact(Spec s, ImageVolume v, String what) {
		assertEquals(List.of(s.width(), s.height(), 1, s.slices()), List.of(v.width(), v.height(), v.channels(), v.slices()), what);
		for (int z = 0; z < s.slices(); z++)
			for (int i = 0; i < s.width() * s.height(); i++)
				if (s.physical(i, z) != v.calibration().valueOffset() + v.calibration().valueSlope() * v.reader(0, z, 0).get(i))
					throw new AssertionError(what + ": voxel " + i + " of slice " + z + " is "
						+ (v.calibration().valueOffset() + v.calibration().valueSlope() * v.reader(0, z, 0).get(i)) + ", expected " + s.physical(i, z));
	}
}
