package org.segloop.core.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.SegLoopException;
import org.segloop.core.export.ModelVersionExport;
import org.segloop.core.inference.ModelCheck;
import org.segloop.core.inference.OnnxModel;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.WeightSet;
import org.segloop.core.project.ModelVersions.ModelVersion;
import org.segloop.core.project.ProjectAudit;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.training.FineTuner;
import org.segloop.core.training.TorchScriptTwinTest;
import org.segloop.core.work.Cancellation;
import org.segloop.testutil.Projects;

/** The loop closes: corrections fine-tune the model into a new version that re-scores the queue. */
class FineTuneJobTest {

	static final FineTuneSettings QUICK = FineTuneSettings.defaults().withEpochs(8, 8).withTimeBudget(0);

	@Test
	void tooFewCorrectionsAreRefusedWithTheNumberStillNeeded(@TempDir Path dir) throws Exception {
		try (ProjectStore p = Projects.ofCells(dir, 4, 128, 3)) {
			Projects.predict(p);
			Projects.correctWithTruth(p, "ana", 2);
			SegLoopException e = assertThrows(SegLoopException.class, () -> new FineTuneJob(p).run(QUICK, new FineTuner.Listener() {}, new Cancellation()));
			assertTrue(e.getMessage().contains("has 2 corrected images; fine-tuning needs at least 4"), e.getMessage());
			assertTrue(e.getMessage().contains("correct 2 more images"), e.getMessage());
			assertEquals(1, p.models().all().size());
		}
	}

	@Test
	void aVersionThatBeatsItsParentIsRecordedWithLineageAndRescoresTheQueue(@TempDir Path dir) throws Exception {
		try (ProjectStore p = Projects.ofCells(dir, 12, 128, 5)) {
			Projects.predict(p);
			ModelVersion parent = p.models().current();
			Projects.correctWithTruth(p, "ana", 8);
			FineTuneJob.Outcome o = new FineTuneJob(p).run(QUICK, new FineTuner.Listener() {}, new Cancellation());

			assertTrue(o.improved(), "held-out Dice " + o.result().startDice() + " -> " + o.result().heldOutDice());
			ModelVersion v = p.models().current();
			assertEquals(o.version().id(), v.id());
			assertEquals(parent.id(), v.parentId());
			assertTrue(v.heldOutDice() > v.parentHeldOutDice(), v.heldOutDice() + " vs parent " + v.parentHeldOutDice());
			assertTrue(p.files().isIntact(v.weightsFile()));
			assertEquals(8, JsonParser.parseString(v.training()).getAsJsonObject().getAsJsonArray("corrections").size());
			assertEquals(parent.id(), p.models().root(v).id());

			List<Long> pending = p.predictions().pending(v.id());
			assertEquals(4, pending.size(), "the uncorrected images wait for the new version's scores");
			Predictor.Report r = Projects.predict(p);
			assertEquals(4, r.predicted());
			long changed = pending.stream().filter(id -> !p.predictions().find(id, v.id()).orElseThrow().classesFile()
				.equals(p.predictions().find(id, parent.id()).orElseThrow().classesFile())).count();
			assertTrue(changed > 0, "the new version proposes differently");
			assertEquals(List.of(), ProjectAudit.run(p));
			List<LearningCurve.Point> curve = LearningCurve.of(p);
			assertEquals(2, curve.size());
			assertEquals(8, curve.get(0).corrected());
			assertEquals(8, curve.get(1).trainedOn());
			assertTrue(curve.get(1).current());

			// the version as a bioimage.io package: standalone ONNX and TorchScript with its weights, passing its own test tensors
			Path exported = new ModelVersionExport(p).export(v, dir.resolve("exported"));
			ModelPackage pkg = ModelPackage.open(exported);
			assertTrue(Files.readString(exported.resolve("rdf.yaml")).contains("parent:\n  id: segloop-nuclei-unet2d"));
			try (OnnxModel standalone = OnnxModel.load(pkg, RuntimeOptions.defaults())) {
				assertTrue(ModelCheck.run(standalone, 1e-4).passed());
			}
			WeightSet served = VersionedModel.open(p, v).weights();
			WeightSet written = TorchScriptTwinTest.parametersOf(exported);
			for (var t : served.tensors().entrySet())
				assertArrayEquals(t.getValue().values(), written.tensors().get(t.getKey()).values(), 1e-6f, t.getKey());
			SegLoopException refused = assertThrows(SegLoopException.class, () -> new ModelVersionExport(p).export(parent, dir.resolve("base")));
			assertTrue(refused.getMessage().contains("not a fine-tuned version"), refused.getMessage());
		}
	}

	@Test
	void aCancelledRunRecordsNothing(@TempDir Path dir) throws Exception {
		try (ProjectStore p = Projects.ofCells(dir, 6, 128, 9)) {
			Projects.predict(p);
			Projects.correctWithTruth(p, "ana", 4);
			Cancellation cancel = new Cancellation();
			assertThrows(CancellationException.class, () -> new FineTuneJob(p).run(QUICK, new FineTuner.Listener() {
				@Override
				public void step(int epoch, int step, int steps) {
					if (epoch == 2) cancel.cancel();
				}
			}, cancel));
			assertEquals(1, p.models().all().size());
			assertFalse(p.models().current().isFineTuned());
			p.sweepOrphanFiles();
			try (Stream<Path> files = Files.walk(p.folder().resolve("files"))) {
				assertEquals(0, files.filter(f -> f.toString().endsWith(".weights") && !f.toString().contains("/.swept/")).count());
			}
			assertNotEquals(null, p.models().current());
		}
	}
}
