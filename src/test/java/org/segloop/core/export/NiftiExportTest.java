package org.segloop.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.image.ImageSources;
import org.segloop.core.loop.CorrectionIntake;
import org.segloop.core.metrics.CorrectionMetrics;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.nifti.Nibabel;
import org.segloop.core.nifti.NiftiFiles;
import org.segloop.core.nifti.NiftiImage;
import org.segloop.core.nifti.NiftiReader;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.DicomProjects;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.DicomSeriesMaker.Spec;
import org.segloop.testutil.Projects;

/**
 * A project of DICOM series (one oblique, one gantry-tilted), predicted and corrected with NIfTI
 * masks, exported as NIfTI pairs and as nnU-Net: nibabel reads every file with the series' own
 * geometry (LPS → RAS), its spacing, exact Hounsfield units and the corrected labels.
 */
class NiftiExportTest {

	private static final int W = 40, H = 32, Z = 4;
	private static final double TILT_SHIFT_MM = 0.9;

	@TempDir
	Path dir;

	private final Spec oblique = DicomProjects.oblique("1.2.826.0.1.3680043.9.7.20", "1.2.826.0.1.3680043.9.7.20.1", W, H, Z);
	private final Spec tilted = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.21", "1.2.826.0.1.3680043.9.7.21.1", W, H, Z)
		.withRescale(true, 1, 0).withVoxels((xy, z) -> (xy * 11 + z * 97) % 3000 - 1100);
	/** by case id (the series' display name): the spec, whether tilted, the accepted labels */
	private final Map<String, Spec> specs = new HashMap<>();
	private final Map<String, LabelVolume> masks = new HashMap<>();
	private Path project;

	@BeforeEach
	void correctedDicomProject() throws Exception {
		DicomSeriesMaker.writeSeries(oblique, dir.resolve("in/oblique"), z -> "o" + z);
		DicomProjects.writeTilted(tilted, dir.resolve("in/tilted"), TILT_SHIFT_MM);
		try (ProjectStore p = DicomProjects.project(dir, List.of(dir.resolve("in")))) {
			project = p.folder();
			Projects.predict(p);
			for (int n = 0; n < 2; n++) {
				ImageQueue.Lease lease = p.queue().next("ann").orElseThrow();
				ImageRecord record = p.images().byId(lease.imageId()).orElseThrow();
				DicomSeries s = DicomSeries.load(record.path());
				specs.put(s.displayName(), s.seriesUid().equals(oblique.seriesUid()) ? oblique : tilted);
				LabelVolume mask = box(4 + 6 * n, 3 + 5 * n);
				Path file = dir.resolve("mask" + n + ".nii.gz");
				NiftiFiles.writeLabels(mask, record.path(), ImageSources.read(record.path()).calibration(), file);
				new CorrectionIntake(p).accept(lease.imageId(), lease.token(), file, CorrectionMetrics.Kind.SEMANTIC, 20.0);
				masks.put(s.displayName(), mask);
			}
		}
		assertEquals(2, specs.size());
	}

	@Test
	void niftiPairsCarryTheSeriesGeometrySpacingExactHounsfieldUnitsAndTheCorrections() throws Exception {
		Path out = export("nifti");
		for (String id : specs.keySet()) {
			Path image = out.resolve("train/images/" + id + ".nii.gz"), labels = out.resolve("train/labels/" + id + ".nii.gz");
			List<Nibabel.Seen> seen = Nibabel.read(image, labels);
			checkImage(id, seen.get(0));
			checkLabels(id, seen.get(1));
			NiftiImage own = NiftiReader.read(image); // SegLoop's reader sees the same
			Nibabel.assertAffine(seen.get(0).sform(), own.sform(), 1e-9, "own reader's sform");
			for (int i = 0; i < W * H * Z; i += 37) assertEquals(seen.get(0).values()[i], own.value(i), 0);
		}
	}

	@Test
	void nnUnetExportsOfDicomSeriesAreNiftiWithTheChannelSuffixAndTheModalityAsChannelName() throws Exception {
		Path out = export("nnunet");
		JsonObject json = JsonParser.parseString(Files.readString(out.resolve("dataset.json"))).getAsJsonObject();
		assertEquals(".nii.gz", json.get("file_ending").getAsString());
		assertEquals("CT", json.getAsJsonObject("channel_names").get("0").getAsString());
		assertTrue(!json.has("overwrite_image_reader_writer"), json.toString());
		for (String id : specs.keySet()) {
			List<Nibabel.Seen> seen = Nibabel.read(out.resolve("imagesTr/" + id + "_0000.nii.gz"), out.resolve("labelsTr/" + id + ".nii.gz"));
			checkImage(id, seen.get(0));
			checkLabels(id, seen.get(1));
			assertTrue(!Files.exists(out.resolve("imagesTr/" + id + ".json")), "no TIFF spacing sidecar for NIfTI");
		}
	}

	private Path export(String format) {
		Path out = dir.resolve("export-" + format);
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			new DatasetExport(p).export(out, ExportSettings.of(ExportFormats.byName(format)).withSplit(SplitPlan.parse("1,0,0", 1)), ProgressListener.NONE,
				new Cancellation());
		}
		return out;
	}

	private void checkImage(String id, Nibabel.Seen seen) {
		Spec s = specs.get(id);
		boolean tilt = s == tilted;
		assertArrayEquals(new int[] { W, H, Z }, seen.shape(), id);
		assertEquals("int16", seen.dtype(), "HU fit int16: " + id);
		assertEquals("mm", seen.spatialUnit());
		assertEquals(1, seen.sformCode());
		assertEquals(1, seen.qformCode());
		Nibabel.assertAffine(expectedAffine(s, tilt), seen.affine(), 1e-4, id + " affine (sform)");
		Nibabel.assertAffine(expectedRigid(s), seen.qform(), 1e-4, id + " qform");
		assertArrayEquals(new double[] { 0.7, 0.7, 2.5 }, seen.zooms(), 1e-5, id + " spacing");
		for (int z = 0; z < Z; z++)
			for (int xy = 0; xy < W * H; xy++)
				assertEquals(s.physical(xy, z), seen.values()[xy + W * H * z], 0, id + " HU at voxel " + xy + " of slice " + z);
	}

	private void checkLabels(String id, Nibabel.Seen seen) {
		assertEquals("uint8", seen.dtype());
		assertArrayEquals(new int[] { W, H, Z }, seen.shape());
		Nibabel.assertAffine(expectedAffine(specs.get(id), specs.get(id) == tilted), seen.affine(), 1e-4, id + " labels' affine");
		LabelVolume m = masks.get(id);
		int ones = 0;
		for (int z = 0; z < Z; z++)
			for (int xy = 0; xy < W * H; xy++) {
				assertEquals(m.labels()[z][xy], seen.values()[xy + W * H * z], 0, id + " label at " + xy + ", slice " + z);
				if (m.labels()[z][xy] == 1) ones++;
			}
		assertTrue(ones > 0);
	}

	/** Computed from the generator's spec, not from SegLoop's series: LPS columns (row · spacing, column · spacing, slice step, origin), x and y negated. */
	static double[][] expectedAffine(Spec s, boolean tilt) {
		double[] step = new double[3];
		for (int i = 0; i < 3; i++) step[i] = s.position(1)[i] - s.position(0)[i] + (tilt ? TILT_SHIFT_MM * s.columnDirection()[i] : 0);
		return DicomProjects.rasAffine(s, step);
	}

	/** The qform: the slice axis along the normal at the slice distance (a tilt's shear is not representable there). */
	static double[][] expectedRigid(Spec s) {
		return DicomProjects.rasAffine(s, DicomProjects.step(s));
	}

	/** Class 1 in a box of every slice, shifted per slice. */
	private static LabelVolume box(int x0, int y0) {
		int[][] planes = new int[Z][W * H];
		for (int z = 0; z < Z; z++)
			for (int y = y0; y < y0 + 8; y++)
				for (int x = x0 + z; x < x0 + z + 10; x++) planes[z][x + W * y] = 1;
		return new LabelVolume(W, H, Z, 1, planes, new double[] { 0.7, 0.7, 2.5 });
	}
}
