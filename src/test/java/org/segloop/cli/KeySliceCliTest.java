package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.bench.CtPhantom;
import org.segloop.core.bench.CtPhantomSeries;
import org.segloop.core.correction.SliceRoles;
import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.dicom.seg.SegmentClasses;
import org.segloop.core.dicom.seg.SegmentationReader;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.LabelTiffReader;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.nifti.NiftiFiles;
import org.segloop.core.nifti.NiftiImage;
import org.segloop.core.nifti.NiftiReader;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.ProjectStore;
import org.segloop.testutil.DicomTools;

/**
 * A CT series corrected on three key slices from the command line: {@code accept --interpolate}
 * completes the volume (the slices between interpolated, the rest as proposed), stores the roles
 * with the correction, and the 3D work exports as DICOM SEG, NIfTI and TIFF with its lesion as one
 * object through the slices. A second series, accepted from a TIFF with {@code --max-gap}, keeps
 * the proposal across a wider gap.
 */
class KeySliceCliTest {

	static final Path CT_MODEL = Path.of("models", "ct-organ-unet3d");
	static final int W = 64, H = 64, D = 16;

	@TempDir
	Path dir;

	@Test
	void aCtSeriesCorrectedOnKeySlicesIsCompletedStoredWithItsRolesAndExported() throws Exception {
		CtPhantomSeries.write(dir.resolve("in/a"), 2, W, H, D, "PHANTOM2");
		CtPhantomSeries.write(dir.resolve("in/b"), 3, W, H, D, "PHANTOM3");
		Path project = dir.resolve("p");
		CliTest.Run init = CliTest.cli("init", project, "--images", dir.resolve("in"), "--model", CT_MODEL);
		assertEquals(0, init.code(), init.err());
		CliTest.Run predict = CliTest.cli("predict", project, "--quiet");
		assertEquals(0, predict.code(), predict.err());

		// the first image served: slices 3, 7 and 11 painted (the phantom's truth, plus a lesion on 3 and 7)
		JsonObject lease = next(project);
		long id = lease.get("id").getAsLong();
		Path manifest = manifestOf(project, id);
		LabelVolume proposal = proposal(project, id);
		CtPhantom.Volume truth = CtPhantom.generate(seedOf(manifest), W, H, D);
		LabelVolume painted = copy(proposal);
		int[] centre = organCentre(truth, 7);
		for (int z : new int[] { 3, 7, 11 }) {
			painted.labels()[z] = truth.classes()[z].clone();
			if (z != 11) disc(painted.labels()[z], centre[0], centre[1], 2.5, CtPhantom.LESION);
			painted.labels()[z][0] = painted.labels()[z][0] == 0 ? 1 : 0; // an edit whatever the model proposed there
		}
		Path mask = dir.resolve("painted.nii.gz");
		NiftiFiles.writeLabels(painted, manifest, ImageSources.read(manifest).calibration(), mask);
		CliTest.Run accept = CliTest.cli("accept", project, id, "--mask", mask, "--token", lease.get("token").getAsString(), "--kind", "semantic",
			"--interpolate", "--json");
		assertEquals(0, accept.code(), accept.err());
		JsonObject roles = JsonParser.parseString(accept.out()).getAsJsonObject().getAsJsonObject("sliceRoles");
		assertEquals("3,7,11", roles.get("edited").getAsString());
		assertEquals("4-6,8-10", roles.get("interpolated").getAsString());
		assertEquals("0-2,12-15", roles.get("kept").getAsString());

		LabelVolume stored;
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			Correction c = p.corrections().all().get(0);
			assertEquals(SliceRoles.fromJson(roles.toString()), c.roles());
			ImageRecord record = p.images().byId(id).orElseThrow();
			stored = LabelFiles.read(p.files().verifiedFor(record, c.maskFile(), "correction"), record, -1, "correction");
		}
		for (int z : new int[] { 3, 7, 11 }) assertArrayEquals(painted.labels()[z], stored.labels()[z], "edited slice " + z + " is stored as painted");
		for (int z : new int[] { 0, 1, 2, 12, 13, 14, 15 }) assertArrayEquals(proposal.labels()[z], stored.labels()[z], "slice " + z + " keeps the proposal");
		int lesionAtCentre = centre[1] * W + centre[0];
		for (int z = 3; z <= 6; z++) assertEquals(CtPhantom.LESION, stored.labels()[z][lesionAtCentre], "the lesion runs through slice " + z);

		// the second image: edits on slices 3 and 8 are 4 slices apart, wider than --max-gap 3
		JsonObject second = next(project);
		long id2 = second.get("id").getAsLong();
		LabelVolume proposal2 = proposal(project, id2);
		LabelVolume painted2 = copy(proposal2);
		for (int z : new int[] { 3, 8 }) painted2.labels()[z][W + 1] = painted2.labels()[z][W + 1] == 0 ? 1 : 0;
		Path tiff = dir.resolve("painted2.tif");
		LabelFiles.write(painted2, tiff, ImageSources.read(manifestOf(project, id2)).calibration().withoutValueFunction());
		CliTest.Run accept2 = CliTest.cli("accept", project, id2, "--mask", tiff, "--token", second.get("token").getAsString(), "--kind", "semantic",
			"--interpolate", "--max-gap", "3");
		assertEquals(0, accept2.code(), accept2.err());
		assertTrue(accept2.out().contains("edited 2 slices (3, 8), interpolated 0, kept 14"), accept2.out());

		// exports of the 3D work
		String caseId = manifest.getFileName().toString().replace(DicomSeries.SUFFIX, "");
		CliTest.Run seg = CliTest.cli("export", project, "--format", "dicom-seg", "--out", dir.resolve("seg"), "--quiet");
		assertEquals(0, seg.code(), seg.err());
		Path segFile = dir.resolve("seg/segmentations/" + caseId + ".dcm");
		assertEquals(List.of(), DicomTools.dciodvfyErrors(segFile), DicomTools.run("dciodvfy", segFile.toString()));
		LabelVolume fromSeg = SegmentationReader.read(segFile, manifest, DicomSeries.load(manifest), SegmentClasses.of(ModelPackage.open(CT_MODEL)));
		for (int z = 0; z < D; z++) assertArrayEquals(stored.labels()[z], fromSeg.labels()[z], "DICOM SEG slice " + z);

		CliTest.Run nifti = CliTest.cli("export", project, "--format", "nifti", "--out", dir.resolve("nii"), "--split", "1,0,0", "--quiet");
		assertEquals(0, nifti.code(), nifti.err());
		NiftiImage labels = NiftiReader.read(dir.resolve("nii/train/labels/" + caseId + ".nii.gz"));
		assertEquals(List.of(W, H, D), List.of(labels.dims()[0], labels.dims()[1], labels.dims()[2]));
		for (int z = 0; z < D; z++)
			for (int i = 0; i < W * H; i++) assertEquals(stored.labels()[z][i], labels.value((long) z * W * H + i), 0, "NIfTI slice " + z + " voxel " + i);

		CliTest.Run tiffs = CliTest.cli("export", project, "--format", "tiff", "--out", dir.resolve("tif"), "--split", "1,0,0", "--quiet");
		assertEquals(0, tiffs.code(), tiffs.err());
		String provenance = Files.readString(dir.resolve("tif/provenance.json"));
		assertTrue(provenance.contains("\"interpolated\": \"4-6,8-10\""), "the provenance says which slices were interpolated:\n" + provenance);
		LabelTiffReader.Stack classes = LabelTiffReader.readStack(dir.resolve("tif/train/classes/" + caseId + ".tif"));
		LabelTiffReader.Stack objects = LabelTiffReader.readStack(dir.resolve("tif/train/masks/" + caseId + ".tif"));
		assertEquals(D, classes.slices());
		for (int z = 0; z < D; z++)
			for (int i = 0; i < W * H; i++) assertEquals(stored.labels()[z][i], classes.pages().value(z, i), 0, "TIFF classes slice " + z);
		// the painted and interpolated lesion is one object through slices 3 to 7
		double lesion = objects.pages().value(3, lesionAtCentre);
		assertNotEquals(0, lesion);
		for (int z = 4; z <= 7; z++) assertEquals(lesion, objects.pages().value(z, lesionAtCentre), 0, "one lesion object on slice " + z);
	}

	@Test
	void maxGapWithoutInterpolateOrBelowOneIsWrongUsage() {
		for (Object[] args : List.of(new Object[] { "--max-gap", "4" }, new Object[] { "--interpolate", "--max-gap", "0" })) {
			List<Object> a = new java.util.ArrayList<>(List.of("accept", dir.resolve("p"), "1", "--mask", dir.resolve("m.tif"), "--token", "t"));
			a.addAll(List.of(args));
			CliTest.Run r = CliTest.cli(a.toArray());
			assertEquals(2, r.code(), r.err());
			assertTrue(r.err().contains("--max-gap"), r.err());
			assertFalse(r.err().contains("Exception"), r.err());
		}
		assertFalse(Files.exists(dir.resolve("p")));
	}

	private static JsonObject next(Path project) {
		CliTest.Run next = CliTest.cli("next", project, "--annotator", "ana", "--json");
		assertEquals(0, next.code(), next.err());
		return JsonParser.parseString(next.out()).getAsJsonObject();
	}

	private static Path manifestOf(Path project, long id) {
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			Path path = p.images().byId(id).orElseThrow().path();
			assertTrue(DicomSeries.isManifest(path), path.toString());
			return path;
		}
	}

	/** The phantom seed of a series: which folder its files are in. */
	private static long seedOf(Path manifest) {
		return DicomSeries.load(manifest).slices().get(0).path().getParent().getFileName().toString().equals("a") ? 2 : 3;
	}

	private static LabelVolume proposal(Path project, long id) {
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			ImageRecord record = p.images().byId(id).orElseThrow();
			var prediction = p.predictions().latest(id).orElseThrow();
			LabelVolume v = LabelFiles.read(p.files().verifiedFor(record, prediction.classesFile(), "proposal"), record, -1, "proposal");
			assertNotNull(v);
			return v;
		}
	}

	private static LabelVolume copy(LabelVolume v) {
		int[][] planes = new int[v.labels().length][];
		for (int z = 0; z < planes.length; z++) planes[z] = v.labels()[z].clone();
		return new LabelVolume(v.width(), v.height(), v.slices(), v.frames(), planes, v.spacing());
	}

	private static int[] organCentre(CtPhantom.Volume truth, int z) {
		long sx = 0, sy = 0, n = 0;
		for (int i = 0; i < W * H; i++)
			if (truth.classes()[z][i] != 0) {
				sx += i % W;
				sy += i / W;
				n++;
			}
		assertTrue(n > 0, "the phantom has an organ on slice " + z);
		return new int[] { (int) (sx / n), (int) (sy / n) };
	}

	private static void disc(int[] plane, double cx, double cy, double r, int label) {
		IntStream.range(0, W * H).filter(i -> Math.hypot(i % W - cx, i / W - cy) <= r).forEach(i -> plane[i] = label);
	}
}
