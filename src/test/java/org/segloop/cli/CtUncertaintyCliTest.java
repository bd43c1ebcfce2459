package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.segloop.core.bench.CtPhantomSeries;
import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.metrics.VoxelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.uncertainty.ObjectUncertainty;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * 3D models on a phantom DICOM series, from the command line: `next` lists the objects the model
 * is unsure of (stored with the prediction), `accept` reports the slices the correction changed and
 * the class volumes in mL, and `status` and `versions` give the mean slices edited per volume of
 * each model version. The bundled CT model's weights are provisional (they may find no lesion in a
 * small phantom), so objects are listed from a 3D model whose objects are known: a mean filter
 * thresholded into connected components.
 */
class CtUncertaintyCliTest {

	static final Path CT_MODEL = Path.of("models", "ct-organ-unet3d");
	static final int W = 64, H = 64, D = 16;
	static final double VOXEL_ML = 0.7 * 0.7 * 2.5 / 1000;

	@TempDir
	Path dir;

	@Test
	void nextListsEveryPredictedObjectMostUncertainFirstWithItsVolumeAndSlicesAsStoredWithThePrediction() throws Exception {
		CtPhantomSeries.write(dir.resolve("ct/phantom"), 3, W, H, D, "PHANTOM3");
		Path onnx = org.segloop.testutil.TestModels.volumetric(dir.resolve("vol/model.onnx"));
		org.segloop.core.model.StarterPackage.create(onnx, dir.resolve("volpkg"), "vol", f -> {});
		Path project = dir.resolve("project");
		CliTest.Run init = CliTest.cli("init", project, "--images", dir.resolve("ct"), "--model", dir.resolve("volpkg"));
		assertEquals(0, init.code(), init.err());
		CliTest.Run predict = CliTest.cli("predict", project);
		assertEquals(0, predict.code(), predict.err());

		CliTest.Run next = CliTest.cli("next", project, "--annotator", "rad", "--json");
		assertEquals(0, next.code(), next.err());
		JsonObject lease = JsonParser.parseString(next.out()).getAsJsonObject();
		long id = lease.get("id").getAsLong();
		ImageVolume image = ImageSources.read(Path.of(lease.get("image").getAsString()));

		// what is stored is what the proposal and its uncertainty map say, object by object
		List<ObjectUncertainty> stored;
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			Prediction pr = p.predictions().latest(id).orElseThrow();
			stored = ObjectUncertainty.parse(pr.objectUncertainty());
			LabelVolume instances = LabelFiles.labels(ImageSources.read(p.files().resolve(pr.instancesFile())), null, -1, "instances");
			ImageVolume map = ImageSources.read(p.files().resolve(pr.uncertaintyFile()));
			float[][] u = new float[D][];
			for (int z = 0; z < D; z++) u[z] = (float[]) map.plane(0, z, 0);
			assertFalse(stored.isEmpty(), "the filter finds the phantom's bright parts");
			assertEquals(ObjectUncertainty.measure(instances.labels(), instances.max(), u, D, VoxelVolume.of(new double[] { 0.7, 0.7, 2.5 }, "mm", D)),
				stored);
		}
		JsonObject objects = lease.getAsJsonObject("objects");
		assertEquals("object", objects.get("name").getAsString(), "a model with no foreground channel makes plain objects");
		JsonArray listed = objects.getAsJsonArray("mostUncertainFirst");
		assertEquals(stored.size(), listed.size());
		for (int i = 1; i < listed.size(); i++)
			assertTrue(listed.get(i - 1).getAsJsonObject().get("uncertainty").getAsDouble() >= listed.get(i).getAsJsonObject().get("uncertainty").getAsDouble());
		ObjectUncertainty worst = ObjectUncertainty.mostUncertainFirst(stored).get(0);
		assertEquals(worst.voxels() * VOXEL_ML, listed.get(0).getAsJsonObject().get("volumeMl").getAsDouble(), 1e-9);

		// for people, through the printer next uses
		java.io.StringWriter text = new java.io.StringWriter();
		NextCommand.printObjects(ObjectUncertainty.mostUncertainFirst(stored), "lesion", new java.io.PrintWriter(text, true));
		assertTrue(text.toString().startsWith(stored.size() + " lesion(s), the model's least certain first"), text.toString());
		assertTrue(text.toString().contains(String.format(java.util.Locale.ROOT, "  lesion %d: uncertainty %.3f, %.2f mL (%d voxels)", worst.label(),
			worst.uncertainty(), worst.voxels() * VOXEL_ML, worst.voxels())), text.toString());
	}

	@Test
	void acceptStatusAndVersionsReportSlicesChangedAndClassVolumesInMillilitres() throws Exception {
		CtPhantomSeries.write(dir.resolve("ct/a"), 5, W, H, D, "PHANTOM5");
		CtPhantomSeries.write(dir.resolve("ct/b"), 6, W, H, D, "PHANTOM6");
		Path project = dir.resolve("project");
		assertEquals(0, CliTest.cli("init", project, "--images", dir.resolve("ct"), "--model", CT_MODEL).code());
		assertEquals(0, CliTest.cli("predict", project).code());

		// the radiologist changes every voxel of a 6 × 6 box on slices 5 to 7 (1-based) of one volume to another class
		JsonObject metrics = correctSlices(project, 4, 6, true);
		assertEquals(3, metrics.get("slicesChanged").getAsInt());
		assertEquals(D, metrics.get("slices").getAsInt());
		assertEquals("5-7", metrics.get("changedSlices").getAsString());
		// and on slice 10 only of the other
		assertEquals("10", correctSlices(project, 9, 9, false).get("changedSlices").getAsString());

		CliTest.Run status = CliTest.cli("status", project);
		assertTrue(status.out().contains("slices edited") && status.out().contains("2.0 / 16"), "(3 + 1) / 2 slices of 16: " + status.out());
		CliTest.Run versions = CliTest.cli("versions", project);
		assertTrue(versions.out().contains("slices edited") && versions.out().contains("2.0 / 16"), versions.out());
		JsonArray curve = JsonParser.parseString(CliTest.cli("versions", project, "--json").out()).getAsJsonArray();
		assertEquals(2.0, curve.get(0).getAsJsonObject().get("slicesChanged").getAsDouble());
		assertEquals(16.0, curve.get(0).getAsJsonObject().get("slices").getAsDouble());
	}

	/** Leases the next image, changes a 6 × 6 box on slices z0..z1 (0-based) to other classes, accepts it; checks the mL figures; returns the metrics. */
	private JsonObject correctSlices(Path project, int z0, int z1, boolean checkName) throws Exception {
		CliTest.Run leaseJson = CliTest.cli("next", project, "--annotator", "rad", "--json");
		assertEquals(0, leaseJson.code(), leaseJson.err());
		JsonObject lease = JsonParser.parseString(leaseJson.out()).getAsJsonObject();
		if (checkName) try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			assertEquals("lesion", NextCommand.instanceName(p, p.predictions().latest(lease.get("id").getAsLong()).orElseThrow()),
				"the CT model's instances are its lesion channel");
		}
		LabelVolume proposal = LabelFiles.labels(ImageSources.read(Path.of(lease.get("proposalClasses").getAsString())), null, -1, "proposal");
		int[][] planes = new int[D][];
		long organBefore = 0, organAfter = 0;
		for (int z = 0; z < D; z++) {
			planes[z] = proposal.labels()[z].clone();
			if (z >= z0 && z <= z1)
				for (int y = 30; y < 36; y++)
					for (int x = 30; x < 36; x++) planes[z][y * W + x] = (planes[z][y * W + x] + 1) % 3;
			for (int i = 0; i < W * H; i++) {
				if (proposal.labels()[z][i] == 1) organBefore++;
				if (planes[z][i] == 1) organAfter++;
			}
		}
		Path mask = dir.resolve("mask" + z0 + ".tif");
		LabelFiles.write(new LabelVolume(W, H, D, 1, planes, new double[] { 1, 1, 1 }), mask, Calibration.none());
		CliTest.Run accept = CliTest.cli("accept", project, lease.get("id").getAsLong(), "--mask", mask, "--token", lease.get("token").getAsString(),
			"--kind", "semantic", "--json");
		assertEquals(0, accept.code(), accept.err());
		JsonObject metrics = JsonParser.parseString(accept.out()).getAsJsonObject().getAsJsonObject("metrics");
		JsonObject organ = metrics.getAsJsonObject("volumes").getAsJsonObject("classes").getAsJsonObject("organ");
		assertEquals(organBefore * VOXEL_ML, organ.get("proposalMl").getAsDouble(), 1e-9, "the proposal's spacing: 0.7 × 0.7 × 2.5 mm");
		assertEquals((organAfter - organBefore) * VOXEL_ML, organ.get("differenceMl").getAsDouble(), 1e-9);
		return metrics;
	}

	@Test
	void acceptPrintsTheSlicesAndMillilitresForPeople() {
		JsonObject metrics = JsonParser.parseString("""
			{"slicesChanged": 2, "slices": 16, "changedSlices": "4, 9",
			 "volumes": {"unit": "mm", "voxelMl": 0.001225, "classes": {"organ": {"proposalMl": 12.5, "correctedMl": 13.25, "differenceMl": 0.75},
			   "lesion": {"proposalMl": 0.4, "correctedMl": 0.1, "differenceMl": -0.3}}}}""").getAsJsonObject();
		java.io.StringWriter text = new java.io.StringWriter();
		AcceptCommand.printSlicesAndVolumes(metrics, new java.io.PrintWriter(text, true));
		assertEquals("""
			slices changed: 2 of 16 (4, 9)
			organ: 12.50 mL proposed, 13.25 mL accepted (+0.75 mL)
			lesion: 0.40 mL proposed, 0.10 mL accepted (-0.30 mL)
			""", text.toString().replace("\r", ""));
		JsonObject pixels = JsonParser.parseString("""
			{"slicesChanged": 0, "slices": 5, "changedSlices": "",
			 "volumes": {"unit": "pixel", "voxelMl": null, "note": "the image has no physical spacing (voxels only)", "classes": {}}}""")
			.getAsJsonObject();
		text = new java.io.StringWriter();
		AcceptCommand.printSlicesAndVolumes(pixels, new java.io.PrintWriter(text, true));
		assertEquals("slices changed: 0 of 5\nvolumes in voxels only: the image has no physical spacing (voxels only)\n", text.toString().replace("\r", ""));
	}
}
