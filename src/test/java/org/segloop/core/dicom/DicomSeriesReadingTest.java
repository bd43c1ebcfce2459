package org.segloop.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.DicomSeriesMaker.Spec;

/** A folder of DICOM slices becomes one volume per series, in slice order and physical values. */
class DicomSeriesReadingTest {

	@TempDir
	Path dir;

	/** Files named so that neither name order nor InstanceNumber order is the slice order. */
	private static String shuffled(int z) {
		return String.format("IMG%04d", (z * 7 + 3) % 97);
	}

	@Test
	void shuffledFilesWithoutSuffixBecomeOneVolumeSortedAlongTheNormalInHounsfieldUnits() throws IOException {
		Spec ct = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.1", "1.2.826.0.1.3680043.9.7.1.2", 24, 16, 9);
		DicomSeriesMaker.writeSeries(ct, dir.resolve("in/a/b"), DicomSeriesReadingTest::shuffled);
		DicomInputs.Expanded e = DicomInputs.expand(List.of(dir.resolve("in")), dir.resolve("series"));
		assertEquals(1, e.images().size(), e.toString());
		ImageVolume v = ImageSources.read(e.images().get(0));
		assertEquals(List.of(24, 16, 1, 9), List.of(v.width(), v.height(), v.channels(), v.slices()));
		assertEquals(0.7, v.calibration().pixelWidth(), 1e-9);
		assertEquals(2.5, v.calibration().pixelDepth(), 1e-9);
		assertEquals("HU", v.calibration().valueUnit());
		for (int z = 0; z < 9; z++)
			for (int i : new int[] { 0, 5, 24 * 16 - 1 })
				assertEquals(ct.physical(i, z), v.calibration().valueOffset() + v.calibration().valueSlope() * v.reader(0, z, 0).get(i), 0,
					"voxel " + i + " of slice " + z);
	}

	@Test
	void slicesGivenAsSeparateFilesOrFoldersAreStillOneSeries() throws IOException {
		Spec ct = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.2", "1.2.826.0.1.3680043.9.7.2.1", 8, 8, 6);
		List<Path> files = DicomSeriesMaker.writeSeries(ct, dir.resolve("flat"), z -> "s" + z + ".dcm");
		DicomInputs.Expanded byFile = DicomInputs.expand(files, dir.resolve("series"));
		assertEquals(1, byFile.images().size(), byFile.toString());
		assertEquals(6, DicomSeries.load(byFile.images().get(0)).depth(), "every slice given by name is in the series");
		Files.createDirectories(dir.resolve("split"));
		Files.move(files.get(4), dir.resolve("split/s4.dcm"));
		Files.move(files.get(5), dir.resolve("split/s5.dcm"));
		DicomInputs.Expanded byFolders = DicomInputs.expand(List.of(dir.resolve("flat"), dir.resolve("split")), dir.resolve("series2"));
		assertEquals(6, DicomSeries.load(byFolders.images().get(0)).depth(), "a series spread over two named folders is one series");
	}

	@Test
	void anEmptyPixelSpacingIsReadAsAbsentNotAsInvalid() throws IOException {
		Spec ct = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.5", "1.2.826.0.1.3680043.9.7.5.1", 8, 8, 3);
		List<Path> files = DicomSeriesMaker.writeSeries(ct, dir.resolve("empty-spacing"), z -> "s" + z + ".dcm");
		org.segloop.testutil.DicomProjects.edit(files, a -> {
			try {
				a.putNewAttribute(com.pixelmed.dicom.TagFromName.PixelSpacing); // present, no value (as some exporters write it)
			}
			catch (com.pixelmed.dicom.DicomException e) {
				throw new IllegalStateException(e);
			}
		});
		DicomInputs.Expanded e = DicomInputs.expand(List.of(dir.resolve("empty-spacing")), dir.resolve("series"));
		assertTrue(e.notices().stream().anyMatch(n -> n.contains("no PixelSpacing")), "said, not refused: " + e.notices());
		assertEquals(3, ImageSources.read(e.images().get(0)).slices());
	}

	@Test
	void signedStoredValuesWithSlopeAndInterceptKeepTheirPhysicalValuesExactly() throws IOException {
		Spec mr = DicomSeriesMaker.ct("1.2.3.4", "1.2.3.4.5", 8, 8, 4).withModality("MR").withRescale(true, 0.5, 10)
			.withVoxels((xy, z) -> xy * 100 - 3000 + z);
		DicomSeriesMaker.writeSeries(mr, dir.resolve("mr"), z -> "s" + z + ".dcm");
		ImageVolume v = ImageSources.read(DicomInputs.expand(List.of(dir.resolve("mr")), dir.resolve("series")).images().get(0));
		for (int z = 0; z < 4; z++)
			for (int i = 0; i < 64; i++)
				assertEquals(mr.physical(i, z), v.calibration().valueOffset() + v.calibration().valueSlope() * v.reader(0, z, 0).get(i), 0);
	}

	@Test
	void anEnhancedMultiFrameObjectIsOneVolume() throws IOException {
		Spec ct = DicomSeriesMaker.ct("1.2.3.9", "1.2.3.9.1", 12, 10, 5);
		DicomSeriesMaker.writeMultiFrame(ct, dir.resolve("mf/enhanced.dcm"));
		ImageVolume v = ImageSources.read(DicomInputs.expand(List.of(dir.resolve("mf")), dir.resolve("series")).images().get(0));
		assertEquals(5, v.slices());
		assertEquals(ct.physical(7, 3), v.calibration().valueOffset() + v.reader(0, 3, 0).get(7), 0);
	}

	@Test
	void aMissingSliceIsReportedWithTheFilesAroundTheGap() throws IOException {
		Spec ct = DicomSeriesMaker.ct("1.2.3.7", "1.2.3.7.1", 8, 8, 6);
		DicomSeriesMaker.writeSeries(ct, dir.resolve("gap"), z -> "slice" + z + ".dcm");
		Files.delete(dir.resolve("gap/slice3.dcm"));
		Path manifest = DicomInputs.expand(List.of(dir.resolve("gap")), dir.resolve("series")).images().get(0);
		ImageInputException e = assertThrows(ImageInputException.class, () -> ImageSources.read(manifest));
		assertTrue(e.getMessage().contains("missing 1 slice between slice2.dcm and slice4.dcm"), e.getMessage());
	}
}
