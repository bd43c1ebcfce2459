package org.segloop.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageReader;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.LabelTiffReader;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.Projects;

/**
 * Exports write the physical values the model saw (the DICOM rescale applied): a signed CT slice
 * comes out as signed 16-bit Hounsfield units, an MR slice with a fractional slope as float32,
 * with the pixel spacing, in every format (TIFF, or NIfTI where the format writes DICOM series so).
 */
class PhysicalValuesExportTest {

	private static final int W = 64, H = 64;

	@Test
	void everyFormatWritesHounsfieldUnitsAndRescaledMrValuesWithTheirSpacing(@TempDir Path dir) throws IOException {
		short[] ct = new short[W * H], mr = new short[W * H];
		double[] hu = new double[W * H], mrValues = new double[W * H];
		for (int i = 0; i < ct.length; i++) {
			int x = i % W, y = i / W;
			boolean disk = (x - 30) * (x - 30) + (y - 28) * (y - 28) < 100;
			ct[i] = (short) (disk ? 1800 + (i % 37) : -1000 + (i % 13)); // signed stored values
			hu[i] = ct[i] * 2.0 - 1024; // slope 2, intercept -1024: HU from -3024 to 2648, whole numbers
			mr[i] = (short) (disk ? 3000 + (i % 41) : 200 + (i % 11));
			mrValues[i] = mr[i] * 0.37; // intercept 0: ImageJ alone drops the slope then
		}
		double[] row = { 1, 0, 0 }, col = { 0, 1, 0 }, origin = { 0, 0, 0 };
		Path ctFile = DicomSeriesMaker.writeSlice(DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.40", "1.2.826.0.1.3680043.9.7.40.1", W, H, 1)
			.withRescale(true, 2, -1024).withGeometry(0.75, 2, row, col, origin).withVoxels((xy, z) -> ct[xy]), 0, dir.resolve("ct.dcm"));
		Path mrFile = DicomSeriesMaker.writeSlice(DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.41", "1.2.826.0.1.3680043.9.7.41.1", W, H, 1)
			.withModality("MR").withRescale(false, 0.37, 0).withGeometry(0.5, 2, row, col, origin).withVoxels((xy, z) -> mr[xy]), 0, dir.resolve("mr.dcm"));
		try (ProjectStore p = ProjectSetup.init(dir.resolve("project"), Fixtures.BUNDLED_MODEL, List.of(ctFile, mrFile), ProjectSettings.defaults())) {
			Projects.predict(p);
			Projects.correctNext(p, "ana", dir);
			Projects.correctNext(p, "ana", dir);
			for (String format : ExportFormats.names()) {
				if (format.equals("dicom-seg")) continue; // labels only, no image: its geometry and pixels are DicomSegExportTest's
				Path out = dir.resolve("export-" + format);
				new DatasetExport(p).export(out, ExportSettings.of(ExportFormats.byName(format)).withSplit(new SplitPlan(1, 0, 0, 1)), ProgressListener.NONE, new Cancellation());
				assertValues(find(out, "CT_"), hu, LabelTiffReader.SampleType.INT16, 0.75, format + " CT");
				assertValues(find(out, "MR_"), mrValues, LabelTiffReader.SampleType.FLOAT32, 0.5, format + " MR");
				var provenance = com.google.gson.JsonParser.parseString(Files.readString(out.resolve("provenance.json"))).getAsJsonObject();
				for (var e : provenance.getAsJsonArray("cases")) {
					var cal = e.getAsJsonObject().getAsJsonObject("calibration");
					boolean isCt = e.getAsJsonObject().get("case").getAsString().startsWith("CT_"); // a DICOM series is named by modality and a hash of its UIDs
					assertEquals(isCt ? 2.0 : 0.37, cal.get("value_slope").getAsDouble(), 1e-12, "provenance records the rescale");
					assertEquals(isCt ? 0.75 : 0.5, cal.getAsJsonArray("pixel_size").get(0).getAsDouble(), 1e-9);
				}
			}
		}
	}

	/** The exported image of a case: the file as written holds the physical values, and ImageJ reads them with the spacing. */
	private static void assertValues(Path file, double[] expected, LabelTiffReader.SampleType type, double spacing, String what) {
		if (file.toString().endsWith(".nii.gz")) { // nnU-Net and nifti exports of DICOM series
			org.segloop.core.nifti.NiftiImage n = org.segloop.core.nifti.NiftiReader.read(file);
			assertEquals(type == LabelTiffReader.SampleType.INT16 ? "INT16" : "FLOAT32", n.type().name(), what + ": " + file);
			for (int i = 0; i < expected.length; i++) {
				double e = type == LabelTiffReader.SampleType.FLOAT32 ? (float) expected[i] : expected[i];
				if (n.value(i) != e) throw new AssertionError(what + ": voxel " + i + " is " + n.value(i) + " in the file, expected " + e);
			}
			assertEquals(spacing, n.pixdim()[1], 1e-6, what + " spacing");
			assertEquals(spacing, n.pixdim()[2], 1e-6, what + " spacing");
			return;
		}
		LabelTiffReader.Pages written = LabelTiffReader.read(file);
		assertEquals(type, written.type(), what + ": " + file);
		ImageVolume byImageJ = ImageReader.read(file);
		for (int i = 0; i < expected.length; i++) {
			double e = type == LabelTiffReader.SampleType.FLOAT32 ? (float) expected[i] : expected[i];
			if (written.value(0, i) != e) throw new AssertionError(what + ": pixel " + i + " is " + written.value(0, i) + " in the file, expected " + e);
			double physical = byImageJ.calibration().valueOffset() + byImageJ.calibration().valueSlope() * byImageJ.reader(0, 0, 0).get(i);
			if (physical != e) throw new AssertionError(what + ": pixel " + i + " reads in ImageJ as " + physical + ", expected " + e);
		}
		assertEquals(spacing, byImageJ.calibration().pixelWidth(), 1e-9, what + " spacing");
		assertEquals(spacing, byImageJ.calibration().pixelHeight(), 1e-9, what + " spacing");
	}

	private static Path find(Path export, String name) throws IOException {
		try (Stream<Path> files = Files.walk(export)) {
			return files.filter(f -> {
				String n = f.getFileName().toString();
				return n.startsWith(name) && (n.endsWith(".tif") || n.endsWith(".nii.gz")) && (f.getParent().getFileName().toString().startsWith("images"));
			}).findFirst().orElseThrow(() -> new AssertionError("no image file for " + name + " in " + export));
		}
	}
}
