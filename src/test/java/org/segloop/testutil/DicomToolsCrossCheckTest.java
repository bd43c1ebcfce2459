package org.segloop.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.testutil.CompressedDicom.Encoding;
import org.segloop.testutil.DicomSeriesMaker.NonImage;
import org.segloop.testutil.DicomSeriesMaker.Spec;

/**
 * The DICOM files the tests generate with PixelMed are checked by an independent implementation,
 * dcmtk ({@code apt-get install -y dcmtk}; {@code .ci/run} installs it): {@code dcmdump} parses every
 * kind without complaint and reads the values the tests rely on, and what SegLoop decodes from a
 * compressed file is what dcmtk's own decoder restores.
 */
class DicomToolsCrossCheckTest {

	@TempDir
	Path dir;

	private final Spec ct = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.90", "1.2.826.0.1.3680043.9.7.90.1", 16, 12, 3).withRescale(true, 2, -1024)
		.withVoxels((xy, z) -> xy == 3 ? -1000 : xy * 11 - 700 + z);

	@Test
	void dcmdumpParsesEveryKindOfGeneratedFileAndReadsTheRescale() throws IOException {
		Path slice = DicomSeriesMaker.writeSlice(ct, 0, dir.resolve("ct.dcm"));
		List<Path> files = List.of(slice, DicomSeriesMaker.writeMultiFrame(ct, dir.resolve("enhanced.dcm")),
			CompressedDicom.compress(slice, dir.resolve("j2k.dcm"), Encoding.JPEG_2000_LOSSLESS),
			CompressedDicom.compress(slice, dir.resolve("rle.dcm"), Encoding.RLE),
			DicomSeriesMaker.writeNonImage(ct, NonImage.SEG, dir.resolve("seg.dcm"), true),
			DicomSeriesMaker.writeNonImage(ct, NonImage.RTSTRUCT, dir.resolve("rt.dcm"), true),
			DicomSeriesMaker.writeNonImage(ct, NonImage.SR, dir.resolve("sr.dcm"), true),
			DicomSeriesMaker.writeNonImage(ct, NonImage.PDF, dir.resolve("pdf.dcm"), true),
			DicomSeriesMaker.writeNonImage(ct, NonImage.PRESENTATION_STATE, dir.resolve("pr.dcm"), true),
			DicomSeriesMaker.writeNonImage(ct, NonImage.RTSTRUCT, dir.resolve("old.dcm"), false));
		for (Path f : files) {
			Dcmtk.Run dump = Dcmtk.run("dcmdump", "-E", f.toString());
			assertEquals(0, dump.exit(), f.getFileName() + ": " + dump.output());
			assertFalse(dump.output().contains("E: ") || dump.output().contains("W: "), f.getFileName() + " parses cleanly: " + dump.output());
		}
		String dump = Dcmtk.run("dcmdump", slice.toString()).output();
		assertTrue(dump.contains("(0028,1052) DS [-1024"), "intercept as written: " + dump);
		assertTrue(dump.contains("(0028,1053) DS [2"), "slope as written: " + dump);
		assertTrue(dump.contains("(0028,0103) US 1"), "signed pixel representation: " + dump);
		assertTrue(Dcmtk.run("dcmdump", dir.resolve("j2k.dcm").toString()).output().contains("JPEG2000"), "dcmtk sees the transfer syntax we claim");
		assertTrue(Dcmtk.run("dcmdump", "+P", "PixelData", dir.resolve("rle.dcm").toString()).output().contains("PixelSequence"), "really encapsulated");
	}

	@Test
	void whatSegLoopDecodesFromJpegLosslessIsWhatDcmtkRestores() throws IOException {
		Spec unsigned = ct.withRescale(false, 1, -1024).withVoxels((xy, z) -> (xy * 37 + z * 5) % 4000);
		Path raw = DicomSeriesMaker.writeSlice(unsigned, 1, dir.resolve("raw.dcm"));
		Path lossless = CompressedDicom.compress(raw, dir.resolve("lossless.dcm"), Encoding.JPEG_LOSSLESS_SV1);
		Path restored = dir.resolve("restored.dcm");
		Dcmtk.require("dcmdjpeg", lossless.toString(), restored.toString());
		ImageVolume ours = ImageSources.read(lossless), theirs = ImageSources.read(restored);
		for (int i = 0; i < 16 * 12; i++) {
			assertEquals(unsigned.physical(i, 1), ours.calibration().valueOffset() + ours.calibration().valueSlope() * ours.reader(0, 0, 0).get(i), 0);
			assertEquals(theirs.reader(0, 0, 0).get(i), ours.reader(0, 0, 0).get(i), 0, "pixel " + i);
		}
	}
}
