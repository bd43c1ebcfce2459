package org.segloop.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.dicom.seg.SegmentClasses;
import org.segloop.core.dicom.seg.SegmentationReader;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.DicomSegProjects;
import org.segloop.testutil.DicomTools;
import org.segloop.testutil.Fixtures;

/**
 * {@code export --format dicom-seg}: one valid DICOM Segmentation per corrected series (axial files,
 * an oblique series, a multi-frame object) that dciodvfy accepts without error and that PixelMed and
 * dcmdump both read back as the correction; the TIFF image is left out with a note.
 */
class DicomSegExportTest {

	@TempDir
	Path dir;

	@Test
	void everyCorrectedSeriesBecomesAValidSegmentationHoldingExactlyTheCorrection() throws Exception {
		DicomSegProjects.Corrected c = DicomSegProjects.make(dir);
		try (var p = c.project()) {
			DatasetExport.Report r = new DatasetExport(p).export(dir.resolve("out"), ExportSettings.of(ExportFormats.byName("dicom-seg")),
				ProgressListener.NONE, new Cancellation());
			assertEquals(4, r.cases());
			assertEquals(1, r.notes().size(), r.notes().toString());
			assertTrue(r.notes().get(0).contains("nuclei_01") && r.notes().get(0).contains("not a DICOM series"), r.notes().toString());
			assertEquals(3, c.masks().size());
			SegmentClasses classes = SegmentClasses.of(ModelPackage.open(Fixtures.BUNDLED_MODEL));
			for (Map.Entry<Path, LabelVolume> e : c.masks().entrySet()) {
				Path manifest = e.getKey();
				DicomSeries series = DicomSeries.load(manifest);
				Path seg = dir.resolve("out/segmentations").resolve(manifest.getFileName().toString().replace(DicomSeries.SUFFIX, ".dcm"));
				assertTrue(Files.isRegularFile(seg), seg + " missing");
				assertEquals(List.of(), DicomTools.dciodvfyErrors(seg), DicomTools.run("dciodvfy", seg.toString()));

				// PixelMed: the same voxels, the source's patient, study and frame of reference, who and how
				LabelVolume back = SegmentationReader.read(seg, manifest, series, classes);
				assertSameLabels(e.getValue(), back, seg);
				AttributeList a = new AttributeList();
				a.read(seg.toFile());
				assertEquals("Doe^Jane", Attribute.getSingleStringValueOrEmptyString(a, TagFromName.PatientName));
				assertEquals(series.studyUid(), Attribute.getSingleStringValueOrEmptyString(a, TagFromName.StudyInstanceUID));
				assertEquals(series.frameOfReferenceUid(), Attribute.getSingleStringValueOrEmptyString(a, TagFromName.FrameOfReferenceUID));
				assertEquals("alice", Attribute.getSingleStringValueOrEmptyString(a, TagFromName.ContentCreatorName));
				AttributeList segment = ((SequenceAttribute) a.get(TagFromName.SegmentSequence)).getItem(0).getAttributeList();
				assertEquals("SEMIAUTOMATIC", Attribute.getSingleStringValueOrEmptyString(segment, TagFromName.SegmentAlgorithmType));
				assertEquals("85756007", ((SequenceAttribute) segment.get(TagFromName.SegmentedPropertyCategoryCodeSequence)).getItem(0)
					.getAttributeList().get(TagFromName.CodeValue).getSingleStringValueOrEmptyString());
				// only slices that hold the segment have a frame: the first slice is empty
				assertEquals(series.depth() - 1, Attribute.getSingleIntegerValueOrDefault(a, TagFromName.NumberOfFrames, 0));

				// dcmdump: the same segments, source images and bits
				DicomTools.Dumped d = DicomTools.dump(seg, dir.resolve("dump").resolve(seg.getFileName().toString()));
				assertEquals(List.of("nucleus"), d.segmentLabels());
				assertEquals(List.of(series.rows(), series.columns()), List.of(d.rows(), d.columns()));
				int[][] planes = new int[series.depth()][series.rows() * series.columns()];
				for (int f = 0; f < d.frameSegments().size(); f++) {
					int z = sliceOf(series, d.frameSources().get(f), d.frameSourceFrames().get(f) - 1);
					assertEquals(1, d.frameSegments().get(f));
					for (int i = 0; i < planes[z].length; i++) if (d.bit(f, i)) planes[z][i] = 1;
				}
				assertSameLabels(e.getValue(), new LabelVolume(series.columns(), series.rows(), series.depth(), 1, planes, new double[3]), seg);
			}
			String index = Files.readString(dir.resolve("out/segmentations.json"));
			assertTrue(index.contains("nuclei_01") && index.contains("not a DICOM series"), index);
		}
	}

	@Test
	void aProjectWithoutDicomSeriesIsRefusedAndLeavesNothingBehind() throws IOException {
		try (var p = org.segloop.testutil.Projects.ofSamples(dir, 1, org.segloop.core.project.ProjectSettings.defaults())) {
			org.segloop.testutil.Projects.predict(p);
			org.segloop.testutil.Projects.correctNext(p, "bob", dir);
			var e = org.junit.jupiter.api.Assertions.assertThrows(org.segloop.core.SegLoopException.class, () -> new DatasetExport(p)
				.export(dir.resolve("out"), ExportSettings.of(ExportFormats.byName("dicom-seg")), ProgressListener.NONE, new Cancellation()));
			assertTrue(e.getMessage().contains("no DICOM Segmentation") && e.getMessage().contains("DICOM series"), e.getMessage());
			assertFalse(Files.exists(dir.resolve("out")) && !isEmpty(dir.resolve("out")));
		}
	}

	private static boolean isEmpty(Path folder) throws IOException {
		try (var s = Files.list(folder)) {
			return s.findAny().isEmpty();
		}
	}

	private static int sliceOf(DicomSeries series, String sopInstanceUid, int frame) {
		List<String> known = new ArrayList<>();
		for (int z = 0; z < series.depth(); z++) {
			DicomSeries.Slice s = series.slices().get(z);
			if (s.sopInstanceUid().equals(sopInstanceUid) && s.frame() == frame) return z;
			known.add(s.sopInstanceUid() + "#" + s.frame());
		}
		throw new AssertionError(sopInstanceUid + "#" + frame + " is none of the series' slices " + known);
	}

	static void assertSameLabels(LabelVolume expected, LabelVolume actual, Path file) {
		assertEquals(List.of(expected.width(), expected.height(), expected.slices()), List.of(actual.width(), actual.height(), actual.slices()), file.toString());
		long pixels = 0;
		for (int z = 0; z < expected.slices(); z++)
			for (int i = 0; i < expected.labels()[z].length; i++) {
				assertEquals(expected.labels()[z][i], actual.labels()[z][i], file + ": slice " + z + " pixel " + i);
				if (expected.labels()[z][i] != 0) pixels++;
			}
		assertTrue(pixels > 100, "the correction holds segment pixels");
	}
}
