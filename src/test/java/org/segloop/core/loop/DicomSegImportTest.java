package org.segloop.core.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.SegLoopException;
import org.segloop.core.dicom.DicomInputs;
import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.dicom.seg.Segment;
import org.segloop.core.dicom.seg.SegmentClasses;
import org.segloop.core.dicom.seg.SegmentationWriter;
import org.segloop.core.export.DatasetExport;
import org.segloop.core.export.ExportFormats;
import org.segloop.core.export.ExportSettings;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.SegLoopSettings.Code;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.QueueStatus;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.DicomSegProjects;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.Projects;

/**
 * DICOM SEG in: a Segmentation exported by SegLoop comes back, as a correction or as a starting
 * proposal, as exactly the labels it was made from; one that does not fit the series (size,
 * positions) or belongs to another series is refused, naming both files, and nothing is stored.
 */
class DicomSegImportTest {

	@TempDir
	Path dir;

	/** Series UID → the correction's class mask, and → its exported Segmentation. */
	private final Map<String, LabelVolume> masks = new HashMap<>();
	private final Map<String, Path> segs = new HashMap<>();

	@BeforeEach
	void exportCorrectedSeries() throws IOException {
		DicomSegProjects.Corrected c = DicomSegProjects.make(dir.resolve("first"));
		try (ProjectStore p = c.project()) {
			new DatasetExport(p).export(dir.resolve("segs"), ExportSettings.of(ExportFormats.byName("dicom-seg")), ProgressListener.NONE, new Cancellation());
		}
		for (var e : c.masks().entrySet()) {
			String uid = DicomSeries.load(e.getKey()).seriesUid();
			masks.put(uid, e.getValue());
			segs.put(uid, dir.resolve("segs/segmentations").resolve(e.getKey().getFileName().toString().replace(DicomSeries.SUFFIX, ".dcm")));
		}
	}

	/** A second project of the same DICOM series (new manifests, no corrections). */
	private ProjectStore secondProject() {
		Path in = dir.resolve("first/in");
		return ProjectSetup.init(dir.resolve("second"), Fixtures.BUNDLED_MODEL, List.of(in.resolve("axial"), in.resolve("oblique"), in.resolve("multi")),
			ProjectSettings.defaults());
	}

	@Test
	void anExportedSegmentationAcceptedAsTheCorrectionGivesIdenticalLabels() throws IOException {
		try (ProjectStore p = secondProject()) {
			Projects.predict(p);
			for (int i = 0; i < 3; i++) {
				ImageQueue.Lease lease = p.queue().next("carol").orElseThrow();
				ImageRecord image = p.images().byId(lease.imageId()).orElseThrow();
				String uid = DicomSeries.load(image.path()).seriesUid();
				Correction c = new CorrectionIntake(p).accept(lease.imageId(), lease.token(), segs.get(uid), null, 12.0);
				assertEquals("semantic", c.kind());
				assertSame(masks.get(uid), LabelFiles.read(p.files().resolve(c.maskFile()), image, -1, "stored correction"), uid);
			}
		}
	}

	@Test
	void anExportedSegmentationImportedAsTheProposalIsWhatTheAnnotatorIsServed() throws IOException {
		try (ProjectStore p = secondProject()) {
			for (ImageRecord image : p.images().all()) {
				String uid = DicomSeries.load(image.path()).seriesUid();
				Prediction pr = new LabelImport(p).asProposal(image.id(), segs.get(uid));
				assertEquals(LabelImport.IMPORTED, pr.scorer());
				assertEquals(QueueStatus.PREDICTED, p.queue().entry(image.id()).orElseThrow().status());
				assertSame(masks.get(uid), LabelFiles.read(p.files().resolve(pr.classesFile()), image, -1, "proposal"), uid);
				assertTrue(pr.instanceCount() >= 1, "the disks become objects to correct");
			}
			// corrected unchanged: the correction is the imported labels, and nothing changed
			ImageQueue.Lease lease = p.queue().next("dave").orElseThrow();
			ImageRecord image = p.images().byId(lease.imageId()).orElseThrow();
			Correction c = new CorrectionIntake(p).accept(lease.imageId(), lease.token(), segs.get(DicomSeries.load(image.path()).seriesUid()), null, 5.0);
			assertEquals(0.0, c.fractionChanged());
		}
	}

	@Test
	void aSegmentationOfAnotherSeriesIsRefusedAndNothingIsStored() throws IOException {
		try (ProjectStore p = secondProject()) {
			ImageRecord oblique = image(p, DicomSegProjects.oblique().seriesUid());
			Path axialSeg = segs.get(DicomSegProjects.axial().seriesUid());
			SegLoopException e = assertThrows(SegLoopException.class, () -> new LabelImport(p).asProposal(oblique.id(), axialSeg));
			assertTrue(e.getMessage().contains(axialSeg.getFileName().toString()) && e.getMessage().contains(oblique.path().getFileName().toString())
				&& e.getMessage().contains("another series"), e.getMessage());
			assertTrue(p.predictions().latest(oblique.id()).isEmpty());
		}
	}

	@Test
	void aSegmentationWhoseGeometryDoesNotFitTheSeriesIsRefusedNamingBothFiles() throws IOException {
		try (ProjectStore p = secondProject()) {
			Projects.predict(p);
			ImageRecord axial = image(p, DicomSegProjects.axial().seriesUid());
			// same series and frame of reference, written with other pixel counts, then with slices moved by 2 mm
			Path smaller = segOf(DicomSegProjects.axial().withSize(48, 48, 4), "smaller");
			Path shifted = segOf(DicomSegProjects.axial().withGeometry(0.7, 2.5, new double[] { 1, 0, 0 }, new double[] { 0, 1, 0 },
				new double[] { -100, -118, 40 }), "shifted");
			ImageQueue.Lease lease = leaseOf(p, axial.id());
			for (Path seg : List.of(smaller, shifted)) {
				SegLoopException e = assertThrows(SegLoopException.class, () -> new CorrectionIntake(p).accept(axial.id(), lease.token(), seg, null, 1.0));
				assertTrue(e.getMessage().contains(seg.getFileName().toString()) && e.getMessage().contains(axial.path().getFileName().toString())
					&& e.getMessage().contains("does not fit"), e.getMessage());
			}
			assertTrue(p.corrections().all().isEmpty(), "nothing stored");
			assertEquals(QueueStatus.IN_PROGRESS, p.queue().entry(axial.id()).orElseThrow().status(), "the lease still stands");
		}
	}

	@Test
	void aSegmentationGivenForAnImageThatIsNoDicomSeriesIsRefused() throws IOException {
		try (ProjectStore p = Projects.ofSamples(dir, 1, ProjectSettings.defaults())) {
			Projects.predict(p);
			ImageQueue.Lease lease = p.queue().next("erin").orElseThrow();
			Path seg = segs.get(DicomSegProjects.axial().seriesUid());
			SegLoopException e = assertThrows(SegLoopException.class, () -> new CorrectionIntake(p).accept(lease.imageId(), lease.token(), seg, null, 1.0));
			assertTrue(e.getMessage().contains("is not a DICOM series"), e.getMessage());
		}
	}

	@Test
	void aClassLabelImageImportedAsTheProposalOfAnImageThatIsNoDicomSeriesIsStoredAsIs() throws IOException {
		try (ProjectStore p = Projects.ofSamples(dir, 1, ProjectSettings.defaults())) {
			ImageRecord image = p.images().all().get(0);
			LabelVolume disks = DicomSegProjects.disks(image.width(), image.height(), 2);
			LabelVolume plane = new LabelVolume(image.width(), image.height(), 1, 1, new int[][] { disks.labels()[1] }, new double[] { 1, 1, 1 });
			Path tiff = dir.resolve("labels.tif");
			LabelFiles.write(plane, tiff, org.segloop.core.image.Calibration.none());
			Prediction pr = new LabelImport(p).asProposal(image.id(), tiff);
			assertSame(plane, LabelFiles.read(p.files().resolve(pr.classesFile()), image, -1, "proposal"), "label TIFF");
			assertEquals(1, pr.instanceCount());
		}
	}

	@Test
	void importingAProposalForAnImageThatIsAlreadyCorrectedIsRefusedClearly() throws IOException {
		try (ProjectStore p = ProjectStore.open(dir.resolve("first/project"), ProjectStore.Access.READ_WRITE)) {
			ImageRecord corrected = p.images().all().stream().filter(r -> DicomSeries.isManifest(r.path())) // the project holds a TIFF too
				.filter(r -> p.queue().entry(r.id()).orElseThrow().status() == QueueStatus.CORRECTED).findFirst().orElseThrow();
			Prediction before = p.predictions().latest(corrected.id()).orElseThrow();
			Path seg = segs.get(DicomSeries.load(corrected.path()).seriesUid());
			SegLoopException e = assertThrows(SegLoopException.class, () -> new LabelImport(p).asProposal(corrected.id(), seg));
			assertTrue(e.getMessage().contains("image " + corrected.id() + " is already corrected") && e.getMessage().contains("not corrected yet")
				&& !e.getMessage().contains("SQLITE"), e.getMessage());
			assertEquals(before.id(), p.predictions().latest(corrected.id()).orElseThrow().id(), "the proposal is unchanged");
			assertEquals(QueueStatus.CORRECTED, p.queue().entry(corrected.id()).orElseThrow().status());
		}
	}

	@Test
	void segmentsThatShareOnlyTheGenericTissueCodeWithTheModelsClassAreRefusedNamingTheSegment() throws IOException {
		try (ProjectStore p = secondProject()) {
			ImageRecord axial = image(p, DicomSegProjects.axial().seriesUid());
			DicomSeries series = DicomSeries.load(axial.path());
			LabelVolume disks = DicomSegProjects.disks(series.columns(), series.rows(), series.depth());
			int[][] two = new int[disks.slices()][];
			for (int z = 0; z < two.length; z++) {
				two[z] = disks.labels()[z].clone();
				for (int i = 0; i < two[z].length / 2; i++) if (two[z][i] != 0) two[z][i] = 2; // the upper half: another organ
			}
			LabelVolume organs = new LabelVolume(disks.width(), disks.height(), disks.slices(), 1, two, disks.spacing());
			Code tissue = Code.TISSUE;
			Path other = dir.resolve("organs.dcm");
			SegmentationWriter.write(axial.path(), series, organs, List.of(
				new Segment(1, new SegmentClasses.SegmentClass(1, "liver", tissue, tissue), Segment.Algorithm.MANUAL, ""),
				new Segment(2, new SegmentClasses.SegmentClass(2, "spleen", tissue, tissue), Segment.Algorithm.MANUAL, "")),
				new SegmentationWriter.Content("other tool", "x", "x"), other);
			SegLoopException e = assertThrows(SegLoopException.class, () -> new LabelImport(p).asProposal(axial.id(), other));
			assertTrue(e.getMessage().contains("'liver'") && e.getMessage().contains("[nucleus]") && e.getMessage().contains("generic"), e.getMessage());
			assertTrue(p.predictions().latest(axial.id()).isEmpty(), "nothing stored");

			// one segment and a model of one object class: the generic code is unambiguous, and the segment is that class
			Path sole = dir.resolve("sole.dcm");
			SegmentationWriter.write(axial.path(), series, disks, List.of(
				new Segment(1, new SegmentClasses.SegmentClass(1, "Segment 1", tissue, tissue), Segment.Algorithm.MANUAL, "")),
				new SegmentationWriter.Content("other tool", "x", "x"), sole);
			Prediction pr = new LabelImport(p).asProposal(axial.id(), sole);
			assertSame(disks, LabelFiles.read(p.files().resolve(pr.classesFile()), axial, -1, "proposal"), "sole segment");
		}
	}

	@Test
	void aSegmentationWhoseOrientationOrSpacingIsNotANumberDoesNotSlipThroughTheGeometryCheck() throws IOException {
		try (ProjectStore p = secondProject()) {
			ImageRecord axial = image(p, DicomSegProjects.axial().seriesUid());
			Path original = segs.get(DicomSegProjects.axial().seriesUid());
			for (String tag : List.of("orientation", "spacing")) {
				Path seg = java.nio.file.Files.copy(original, dir.resolve("nan-" + tag + ".dcm"));
				org.segloop.testutil.DicomProjects.edit(List.of(seg), a -> {
					com.pixelmed.dicom.AttributeList shared = ((com.pixelmed.dicom.SequenceAttribute) a.get(com.pixelmed.dicom.TagFromName.SharedFunctionalGroupsSequence))
						.getItem(0).getAttributeList();
					boolean o = tag.equals("orientation");
					com.pixelmed.dicom.AttributeList item = ((com.pixelmed.dicom.SequenceAttribute) shared.get(o ? com.pixelmed.dicom.TagFromName.PlaneOrientationSequence
						: com.pixelmed.dicom.TagFromName.PixelMeasuresSequence)).getItem(0).getAttributeList();
					com.pixelmed.dicom.Attribute at = new com.pixelmed.dicom.DecimalStringAttribute(o ? com.pixelmed.dicom.TagFromName.ImageOrientationPatient
						: com.pixelmed.dicom.TagFromName.PixelSpacing);
					try {
						for (String v : (o ? "NaN\\0\\0\\0\\NaN\\0" : "NaN\\NaN").split("\\\\")) at.addValue(v);
					}
					catch (com.pixelmed.dicom.DicomException e) {
						throw new IllegalStateException(e);
					}
					item.put(at);
				});
				SegLoopException e = assertThrows(SegLoopException.class, () -> new LabelImport(p).asProposal(axial.id(), seg), tag);
				assertTrue(e.getMessage().contains("does not fit") && e.getMessage().contains("NaN"), e.getMessage());
				assertTrue(p.predictions().latest(axial.id()).isEmpty(), "nothing stored");
			}
		}
	}

	/** A Segmentation of disks written by SegLoop's writer on a series generated from {@code spec}. */
	private Path segOf(DicomSeriesMaker.Spec spec, String name) throws IOException {
		DicomSeriesMaker.writeSeries(spec, dir.resolve(name), z -> "s" + z + ".dcm");
		Path manifest = DicomInputs.expand(List.of(dir.resolve(name)), dir.resolve(name + "-series")).images().get(0);
		DicomSeries series = DicomSeries.load(manifest);
		SegmentClasses classes = SegmentClasses.of(ModelPackage.open(Fixtures.BUNDLED_MODEL));
		Path seg = dir.resolve(name + ".dcm");
		SegmentationWriter.write(manifest, series, DicomSegProjects.disks(series.columns(), series.rows(), series.depth()),
			List.of(new Segment(1, classes.all().get(0), Segment.Algorithm.MANUAL, "")), new SegmentationWriter.Content("test", "test", "test"), seg);
		return seg;
	}

	private static ImageRecord image(ProjectStore p, String seriesUid) {
		return p.images().all().stream().filter(r -> DicomSeries.load(r.path()).seriesUid().equals(seriesUid)).findFirst().orElseThrow();
	}

	private static ImageQueue.Lease leaseOf(ProjectStore p, long imageId) {
		for (int i = 0; i < 3; i++) {
			ImageQueue.Lease l = p.queue().next("lease-" + i).orElseThrow();
			if (l.imageId() == imageId) return l;
		}
		throw new AssertionError("image " + imageId + " was not served");
	}

	private static void assertSame(LabelVolume expected, LabelVolume actual, String what) {
		assertEquals(List.of(expected.width(), expected.height(), expected.slices()), List.of(actual.width(), actual.height(), actual.slices()), what);
		long pixels = 0;
		for (int z = 0; z < expected.slices(); z++)
			for (int i = 0; i < expected.labels()[z].length; i++) {
				assertEquals(expected.labels()[z][i], actual.labels()[z][i], what + ": slice " + z + " pixel " + i);
				if (expected.labels()[z][i] != 0) pixels++;
			}
		assertTrue(pixels > 100, "labels hold pixels");
	}
}
