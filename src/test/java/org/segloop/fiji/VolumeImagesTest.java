package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.Measurements;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.dicom.DicomInputs;
import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.image.ImageSources;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.DicomSeriesMaker.Spec;

/** A DICOM series opened in Fiji is one stack calibrated in mm and HU, labelled by slice position and windowed. */
class VolumeImagesTest {

	@TempDir
	Path dir;

	private Path manifest(Spec s) throws IOException {
		CtProjects.write(s, dir.resolve(s.seriesUid()));
		List<Path> images = DicomInputs.expand(List.of(dir.resolve(s.seriesUid())), dir.resolve("series")).images();
		assertEquals(1, images.size());
		return images.get(0);
	}

	/** The value ImageJ measures in a 1-pixel rectangle at (x, y) of slice z (0-based), in calibrated units. */
	private static double measured(ImagePlus imp, int x, int y, int z) {
		imp.setSlice(z + 1);
		imp.setRoi(new Roi(x, y, 1, 1));
		double mean = imp.getStatistics(Measurements.MEAN).mean;
		imp.deleteRoi();
		return mean;
	}

	@Test
	void aCtSeriesIsOneStackInMillimetresAndHounsfieldUnitsWithSlicePositionsAndTheHeaderWindow() throws IOException {
		Spec ct = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.21", "1.2.826.0.1.3680043.9.7.21.1", 40, 30, 7);
		ImagePlus imp = VolumeImages.open(manifest(ct));
		assertEquals(List.of(40, 30, 1, 7, 1), List.of(imp.getWidth(), imp.getHeight(), imp.getNChannels(), imp.getNSlices(), imp.getNFrames()));
		assertEquals(16, imp.getBitDepth());
		var cal = imp.getCalibration();
		assertEquals(0.7, cal.pixelWidth, 1e-9);
		assertEquals(0.7, cal.pixelHeight, 1e-9);
		assertEquals(2.5, cal.pixelDepth, 1e-9);
		assertEquals("mm", cal.getUnit());
		assertEquals("HU", cal.getValueUnit());
		for (int z = 0; z < 7; z++) {
			assertEquals(String.format(Locale.ROOT, "position %.2f mm", 40 + 2.5 * z), imp.getStack().getSliceLabel(z + 1), "slices sorted along the normal");
			for (int[] xy : new int[][] { { 0, 0 }, { 7, 3 }, { 39, 29 } }) {
				double hu = ct.physical(xy[0] + 40 * xy[1], z);
				assertEquals(hu, measured(imp, xy[0], xy[1], z), 1e-9, "ImageJ's measurement in HU at " + xy[0] + "," + xy[1] + "," + z);
				imp.setSlice(z + 1);
				assertEquals(hu, imp.getProcessor().getPixelValue(xy[0], xy[1]), 1e-4, "the calibrated pixel value");
			}
		}
		assertArrayEquals(new double[] { 40, 400 }, WindowPresets.current(imp), 1e-9, "the header's window (40/400)");
		assertEquals(40 - 200 + 1024, imp.getDisplayRangeMin(), 1e-9, "in stored values");
		imp.setSlice(5);
		assertArrayEquals(new double[] { 40, 400 }, WindowPresets.current(imp), 1e-9, "the window holds for every slice");
	}

	@Test
	void signedValuesWithASlopeAreShiftedIntoUnsignedAndStillMeasureTheirPhysicalValues() throws IOException {
		Spec ct = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.22", "1.2.826.0.1.3680043.9.7.22.1", 16, 12, 4).withRescale(true, 0.5, -20)
			.withVoxels((xy, z) -> xy * 37 - 2400 + 11 * z);
		ImagePlus imp = VolumeImages.open(manifest(ct));
		assertEquals(16, imp.getBitDepth());
		for (int z = 0; z < 4; z++)
			for (int xy : new int[] { 0, 50, 16 * 12 - 1 })
				assertEquals(ct.physical(xy, z), measured(imp, xy % 16, xy / 16, z), 1e-9, "voxel " + xy + " of slice " + z);
		assertTrue(ct.physical(0, 0) < -1000, "negative stored values are in the test");
	}

	@Test
	void anEnhancedMultiFrameObjectIsOneStackWithItsFramePositions() throws IOException {
		Spec ct = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.25", "1.2.826.0.1.3680043.9.7.25.1", 12, 10, 5);
		DicomSeriesMaker.writeMultiFrame(ct, dir.resolve("mf/enhanced.dcm"));
		ImagePlus imp = VolumeImages.open(DicomInputs.expand(List.of(dir.resolve("mf")), dir.resolve("series")).images().get(0));
		assertEquals(5, imp.getNSlices());
		assertEquals(2.5, imp.getCalibration().pixelDepth, 1e-9);
		for (int z = 0; z < 5; z++) {
			assertEquals(String.format(Locale.ROOT, "position %.2f mm", 40 + 2.5 * z), imp.getStack().getSliceLabel(z + 1));
			assertEquals(ct.physical(7 + 12 * 3, z), measured(imp, 7, 3, z), 1e-9);
		}
	}

	@Test
	void aSeriesWithoutAHeaderWindowOpensWithSoftTissueForCtAndImageJsRangeOtherwise() throws IOException {
		Spec ct = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.23", "1.2.826.0.1.3680043.9.7.23.1", 16, 12, 3);
		Path m = manifest(ct);
		DicomSeries s = DicomSeries.load(m);
		var volume = ImageSources.read(m);
		assertArrayEquals(new double[] { -600, 1500 }, WindowPresets.current(VolumeImages.ofSeries(volume, withWindow(s, new DicomSeries.Window(-600, 1500)))),
			1e-9, "a header window other than the default is used");
		assertArrayEquals(new double[] { 40, 400 }, WindowPresets.current(VolumeImages.ofSeries(volume, withWindow(s, null))), 1e-9, "CT without one: soft tissue");
		DicomSeries mr = withModality(withWindow(s, null), "MR");
		assertNull(VolumeImages.window(mr), "MR without a header window: no preset applies");
	}

	@Test
	void windowingChangesOnlyTheDisplayNotThePixelsOrMeasurements() throws IOException {
		Spec ct = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.24", "1.2.826.0.1.3680043.9.7.24.1", 16, 12, 3);
		ImagePlus imp = VolumeImages.open(manifest(ct));
		short[] before = ((short[]) imp.getStack().getPixels(2)).clone();
		for (WindowPresets.Preset p : WindowPresets.Preset.values()) {
			WindowPresets.apply(imp, p.center(), p.width());
			assertArrayEquals(new double[] { p.center(), p.width() }, WindowPresets.current(imp), 1e-9, p.label());
			assertArrayEquals(before, (short[]) imp.getStack().getPixels(2));
			assertEquals(ct.physical(17, 1), measured(imp, 1, 1, 1), 1e-9);
		}
	}

	private static DicomSeries withWindow(DicomSeries s, DicomSeries.Window w) {
		return new DicomSeries(s.studyUid(), s.seriesUid(), s.frameOfReferenceUid(), s.modality(), s.sopClassUid(), s.rows(), s.columns(),
			s.samplesPerPixel(), s.rowSpacing(), s.columnSpacing(), s.sliceSpacing(), s.rowDirection(), s.columnDirection(), w, s.slices(),
			s.warnings(), s.problem(), s.fix());
	}

	private static DicomSeries withModality(DicomSeries s, String modality) {
		return new DicomSeries(s.studyUid(), s.seriesUid(), s.frameOfReferenceUid(), modality, s.sopClassUid(), s.rows(), s.columns(),
			s.samplesPerPixel(), s.rowSpacing(), s.columnSpacing(), s.sliceSpacing(), s.rowDirection(), s.columnDirection(), s.window(), s.slices(),
			s.warnings(), s.problem(), s.fix());
	}
}
