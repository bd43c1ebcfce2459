package org.segloop.core.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.bench.CtPhantom;
import org.segloop.core.project.ModelVersions.ModelVersion;
import org.segloop.core.project.ProjectAudit;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.training.FineTuneResult;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.training.FineTuner;
import org.segloop.core.training.TrainingSample;
import org.segloop.core.work.Cancellation;
import org.segloop.testutil.CtPhantomProjects;
import org.segloop.testutil.Projects;

/**
 * The loop closes in 3D: corrected CT volumes (phantom series, their true classes accepted as
 * corrections) fine-tune the bundled 3D model into a child version that ONNX Runtime serves.
 */
class FineTune3dJobTest {

	static final int W = 64, H = 64, D = 16;

	/**
	 * Crops of whole volumes (16 × 64 × 64: the model's held-out tile is one 20 × 80 × 80 run) at
	 * the default learning rate: the bundled weights outline the organ roughly (held-out Dice 0.72),
	 * so a few epochs on perfect corrections beat them.
	 */
	static final FineTuneSettings QUICK = new FineTuneSettings(6, 6, 1e-3, 2, 64, 2, 0.2, 4, 42, 0, 1.0, 16);

	@Test
	void eachCorrectedVolumeIsOneTrainingSampleWithItsExactClassesAndVoxelSize(@TempDir Path dir) throws Exception {
		try (ProjectStore p = CtPhantomProjects.of(dir, CtPhantomProjects.CT_MODEL, 2, W, H, D, 300)) {
			Projects.predict(p);
			CtPhantomProjects.correctWithTruth(p, "rad", 2, W, H, D);
			CorrectionSamples.Loaded loaded = CorrectionSamples.load(p, CtPhantomProjects.ctModel(), CorrectionSamples.latestPerImage(p));
			assertEquals(2, loaded.byImage().size());
			for (var e : loaded.byImage().entrySet()) {
				assertEquals(1, e.getValue().size(), "one sample per volume");
				TrainingSample s = e.getValue().get(0);
				assertEquals(List.of(W, H, D, 1), List.of(s.width(), s.height(), s.depth(), s.channels()));
				assertArrayEquals(CtPhantom.SPACING, s.spacing(), 1e-6);
				long imageId = Long.parseLong(e.getKey().substring(0, e.getKey().indexOf(':')));
				int[][] truth = CtPhantom.generate(CtPhantomProjects.seedOf(p, imageId), W, H, D).classes();
				int[] flat = new int[W * H * D];
				for (int z = 0; z < D; z++) System.arraycopy(truth[z], 0, flat, z * W * H, W * H);
				assertArrayEquals(flat, s.classes(), "classes slice by slice, in the series' order");
			}
		}
	}

	@Test
	void correctedVolumesFineTuneAChildVersionWhoseWeightsOnnxRuntimeServes(@TempDir Path dir) throws Exception {
		try (ProjectStore p = CtPhantomProjects.of(dir, CtPhantomProjects.CT_MODEL, 7, W, H, D, 100)) {
			Projects.predict(p);
			ModelVersion parent = p.models().current();
			CtPhantomProjects.correctWithTruth(p, "rad", 5, W, H, D);
			List<FineTuneResult.Epoch> epochs = new ArrayList<>();
			FineTuneJob.Outcome o = new FineTuneJob(p).run(QUICK, new FineTuner.Listener() {
				@Override
				public void epoch(FineTuneResult.Epoch e, boolean best) {
					epochs.add(e);
				}
			}, new Cancellation());

			assertTrue(o.improved(), "held-out Dice " + o.result().startDice() + " -> " + o.result().heldOutDice() + " " + epochs);
			ModelVersion v = p.models().current();
			assertEquals(o.version().id(), v.id());
			assertEquals(parent.id(), v.parentId());
			assertTrue(v.heldOutDice() > v.parentHeldOutDice(), v.heldOutDice() + " vs parent " + v.parentHeldOutDice());
			var training = JsonParser.parseString(v.training()).getAsJsonObject();
			assertEquals(5, training.getAsJsonArray("corrections").size());
			assertEquals(16, training.getAsJsonObject("settings").get("cropDepth").getAsInt());

			List<Long> pending = p.predictions().pending(v.id());
			assertEquals(2, pending.size(), "the uncorrected volumes wait for the new version's scores");
			Predictor.Report r = Projects.predict(p);
			assertEquals(2, r.predicted());
			long changed = pending.stream().filter(id -> !p.predictions().find(id, v.id()).orElseThrow().classesFile()
				.equals(p.predictions().find(id, parent.id()).orElseThrow().classesFile())).count();
			assertTrue(changed > 0, "the new version proposes differently");
			assertEquals(List.of(), ProjectAudit.run(p));
		}
	}
}
