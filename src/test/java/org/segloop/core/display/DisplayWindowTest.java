package org.segloop.core.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.dicom.DicomInputs;
import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.ImageReader;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.inference.SegmentOptions;
import org.segloop.core.inference.SegmentationResult;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.output.PreviewWriter;
import org.segloop.testutil.DicomProjects;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.DicomSeriesMaker.Spec;
import org.segloop.testutil.Fixtures;

/** Display windows: presets, the header's window, the default rule per modality, the mapping to grey, and display only. */
class DisplayWindowTest {

	@TempDir
	Path dir;

	@Test
	void presetsAreTheCommonCtWindowsAndParseByNameOrCenterAndWidth() {
		assertEquals(List.of("soft-tissue 40/400", "lung -600/1500", "bone 400/1800", "brain 40/80"),
			DisplayWindow.presets().stream().map(w -> w.name() + " " + (int) w.center() + "/" + (int) w.width()).toList());
		assertEquals(DisplayWindow.LUNG, DisplayWindow.parse(" Lung "));
		assertEquals(DisplayWindow.SOFT_TISSUE, DisplayWindow.parse("soft_tissue"));
		DisplayWindow custom = DisplayWindow.parse("-500,1400");
		assertEquals(-500, custom.center());
		assertEquals(1400, custom.width());
		for (String bad : List.of("liver", "40", "40,0", "40,-3", "a,b")) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DisplayWindow.parse(bad), bad);
			assertTrue(e.getMessage().contains("soft-tissue, lung, bone, brain") && e.getMessage().contains("CENTER,WIDTH"), e.getMessage());
		}
	}

	@Test
	void physicalValuesMapLinearlyFromBlackAtCenterMinusHalfWidthToWhiteAtCenterPlusHalfWidth() {
		DisplayWindow w = DisplayWindow.SOFT_TISSUE; // -160 … 240 HU
		assertEquals(0, w.toDisplay(-1000));
		assertEquals(0, w.toDisplay(-160));
		assertEquals(128, w.toDisplay(40));
		assertEquals(64, w.toDisplay(-60));
		assertEquals(255, w.toDisplay(239.9));
		assertEquals(255, w.toDisplay(3000));
		assertEquals(0, w.toDisplay(Double.NaN));
		// ImageJ's display range of a CT stored as HU + 1024 (intercept -1024)
		assertArrayEquals(new double[] { 864, 1264 }, w.storedRange(new Calibration(1, 1, 1, "mm", -1024, 1, "HU")), 1e-9);
	}

	@Test
	void theDefaultIsTheHeaderWindowElseSoftTissueForCtElsePercentilesForMr() throws Exception {
		Spec withHeader = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.40", "1.2.826.0.1.3680043.9.7.40.1", 16, 12, 3);
		List<Path> a = DicomSeriesMaker.writeSeries(withHeader, dir.resolve("a"), z -> "a" + z);
		DicomProjects.edit(a, l -> {
			put(l, TagFromName.WindowCenter, "-550");
			put(l, TagFromName.WindowWidth, "1450");
		});
		Spec bare = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.41", "1.2.826.0.1.3680043.9.7.41.1", 16, 12, 3);
		List<Path> b = DicomSeriesMaker.writeSeries(bare, dir.resolve("b"), z -> "b" + z);
		DicomProjects.edit(b, DisplayWindowTest::removeWindow);
		Spec mr = bare.withSeries("1.2.826.0.1.3680043.9.7.41.2").withModality("MR").withRescale(false, 1, 0)
			.withVoxels((xy, z) -> xy * 10 + z); // 0 … 1912
		List<Path> c = DicomSeriesMaker.writeSeries(mr, dir.resolve("c"), z -> "c" + z);
		DicomProjects.edit(c, DisplayWindowTest::removeWindow);

		DisplayWindow header = DisplayWindow.forImage(volume("a"));
		assertEquals("header", header.name());
		assertEquals(-550, header.center());
		assertEquals(1450, header.width());
		assertEquals(DisplayWindow.SOFT_TISSUE, DisplayWindow.forImage(volume("b")));
		DisplayWindow percentiles = DisplayWindow.forImage(volume("c"));
		assertEquals("percentiles", percentiles.name());
		// 576 values 0 … 1912 over three slices (+0, +1, +2): the 1st percentile is near 19, the 99.8th near 1900
		assertEquals(19, percentiles.min(), 10);
		assertEquals(1900, percentiles.max(), 13);

		assertEquals(DisplayWindow.BONE, DisplayWindow.forImage(volume("a"), "bone"), "a user's choice wins");
		assertEquals(header, DisplayWindow.forImage(volume("a"), "header"));
		ImageInputException e = assertThrows(ImageInputException.class, () -> DisplayWindow.forImage(volume("b"), "header"));
		assertTrue(e.getMessage().contains("has no window in its DICOM header"), e.getMessage());
	}

	@Test
	void aPreviewShowsHounsfieldUnitsThroughTheChosenWindowAndThePredictionInputIsUnchanged() throws Exception {
		Spec ct = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.42", "1.2.826.0.1.3680043.9.7.42.1", 64, 48, 3)
			.withVoxels((xy, z) -> (xy * 13 + z * 7) % 2400); // -1024 … 1375 HU
		DicomSeriesMaker.writeSeries(ct, dir.resolve("ct"), z -> "s" + z);
		ImageVolume image = volume("ct");
		Object[] before = { ((short[]) image.plane(0, 0, 0)).clone(), ((short[]) image.plane(0, 1, 0)).clone(), ((short[]) image.plane(0, 2, 0)).clone() };

		try (SegmentationTool tool = new SegmentationTool(ModelPackage.open(Fixtures.BUNDLED_MODEL), RuntimeOptions.defaults(), SegmentOptions.defaults())) {
			byte[] first = classes(tool.segment(image));
			for (DisplayWindow w : List.of(DisplayWindow.LUNG, DisplayWindow.BONE)) {
				Path png = PreviewWriter.write(image, new int[64 * 48], null, w, dir.resolve(w.name() + ".png"));
				BufferedImage shown = ImageIO.read(png.toFile());
				for (int xy : new int[] { 64 * 10 + 10, 64 * 20 + 33, 64 * 30 + 50, 64 * 40 + 5 })
					assertEquals(w.toDisplay(ct.physical(xy, 1)), shown.getRGB(xy % 64, xy / 64) & 0xff, w.name() + " grey of the middle slice at " + xy);
			}
			for (int z = 0; z < 3; z++) assertArrayEquals((short[]) before[z], (short[]) image.plane(0, z, 0), "the volume is not changed by windowing");
			assertArrayEquals(first, classes(tool.segment(image)), "the model sees the same input, whatever the display window");
			assertArrayEquals(first, classes(tool.segment(volume("ct"))));
		}
	}

	private ImageVolume volume(String folder) {
		return ImageSources.read(DicomInputs.expand(List.of(dir.resolve(folder)), dir.resolve("series-" + folder)).images().get(0));
	}

	private static byte[] classes(SegmentationResult r) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (int p = 0; p < r.classMask().numSlices(); p++) out.writeBytes(r.classMask().getPlane(p).getCurrentStorageArray());
		return out.toByteArray();
	}

	private static void removeWindow(AttributeList l) {
		l.remove(TagFromName.WindowCenter);
		l.remove(TagFromName.WindowWidth);
	}

	private static void put(AttributeList l, com.pixelmed.dicom.AttributeTag tag, String value) {
		try {
			Attribute a = new DecimalStringAttribute(tag);
			a.addValue(value);
			l.put(a);
		}
		catch (DicomException e) {
			throw new IllegalStateException(e);
		}
	}
}
