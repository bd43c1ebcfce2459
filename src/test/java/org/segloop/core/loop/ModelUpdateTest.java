package org.segloop.core.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.ModelVersions.ModelVersion;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.queue.Candidate;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.work.Cancellation;
import org.segloop.testutil.Projects;

/** The loop's model step: fine-tune when due, keep only a better version, and let it re-rank the queue. */
class ModelUpdateTest {

	@TempDir
	Path dir;

	@Test
	void fewerNewCorrectionsThanAskedForIsNotDueAndTrainsNothing() throws Exception {
		try (ProjectStore p = Projects.ofCells(dir, 6, 128, 3)) {
			Projects.predict(p);
			Projects.correctWithTruth(p, "ana", 4);
			AtomicInteger steps = new AtomicInteger();
			ModelUpdate.Outcome o = new ModelUpdate(p).run(new ModelUpdate.Request(FineTuneJobTest.QUICK, 5, true, RuntimeOptions.defaults()),
				new ModelUpdate.Listener() {
					@Override
					public void step(int epoch, int step, int stepsPerEpoch) {
						steps.incrementAndGet();
					}
				}, new Cancellation());
			assertEquals(new ModelUpdate.NotDue(4, 5), o);
			assertEquals(0, steps.get());
			assertEquals(1, p.models().all().size());
			assertTrue(ModelUpdate.notDue(p, 4).isEmpty(), "four new corrections are enough for every=4");
			assertTrue(ModelUpdate.notDue(p, 0).isEmpty(), "every=0: always due");
		}
	}

	@Test
	void aRunThatKeepsTheParentRecordsNoVersionAndReScoresNothing() throws Exception {
		try (ProjectStore p = Projects.ofCells(dir, 6, 128, 9)) {
			Projects.predict(p);
			Projects.correctWithTruth(p, "ana", 4);
			ModelVersion parent = p.models().current();
			List<Double> queueScores = p.queue().entries(10).stream().map(e -> e.score()).toList();
			AtomicInteger rescored = new AtomicInteger();
			// steps too small to move the held-out Dice: no epoch can beat the parent
			FineTuneSettings still = FineTuneSettings.defaults().withEpochs(1, 1).withTimeBudget(0).withLearningRate(1e-9);
			ModelUpdate.Outcome o = new ModelUpdate(p).run(ModelUpdate.Request.of(still), new ModelUpdate.Listener() {
				@Override
				public void rescored(int done, int total, ImageRecord image) {
					rescored.incrementAndGet();
				}
			}, new Cancellation());

			ModelUpdate.KeptParent kept = (ModelUpdate.KeptParent) o;
			assertEquals(parent.id(), kept.parent().id());
			assertFalse(kept.result().improved());
			assertEquals(4, kept.corrections().size());
			assertEquals(List.of(parent.id()), p.models().all().stream().map(ModelVersion::id).toList(), "no version recorded");
			assertEquals(parent.id(), p.models().current().id());
			assertEquals(0, rescored.get());
			assertEquals(queueScores, p.queue().entries(10).stream().map(e -> e.score()).toList(), "the queue keeps its scores");
			assertEquals(new ModelUpdate.NotDue(0, 1), ModelUpdate.notDue(p, 1).orElseThrow(), "the run counts for 'every' though it kept the parent");
		}
	}

	@Test
	void aBetterVersionReScoresTheQueueSoItsOrderFollowsTheNewScores() throws Exception {
		try (ProjectStore p = Projects.ofCells(dir, 12, 128, 5)) {
			Projects.predict(p);
			ModelVersion parent = p.models().current();
			Projects.correctWithTruth(p, "ana", 8);
			AtomicInteger rescored = new AtomicInteger(), safePoints = new AtomicInteger(), steps = new AtomicInteger();
			ModelUpdate.Outcome o = new ModelUpdate(p).run(ModelUpdate.Request.of(FineTuneJobTest.QUICK), new ModelUpdate.Listener() {
				@Override
				public void step(int epoch, int step, int stepsPerEpoch) {
					steps.incrementAndGet();
				}

				@Override
				public void rescored(int done, int total, ImageRecord image) {
					assertEquals(4, total);
					rescored.incrementAndGet();
				}

				@Override
				public void safePoint() {
					safePoints.incrementAndGet();
				}
			}, new Cancellation());

			ModelUpdate.Improved improved = (ModelUpdate.Improved) o;
			ModelVersion v = improved.version();
			assertEquals(v.id(), p.models().current().id());
			assertEquals(parent.id(), improved.parent().id());
			assertTrue(improved.result().heldOutDice() > improved.result().startDice());
			assertEquals(4, improved.rescoredImages(), "the four uncorrected images");
			assertEquals(4, rescored.get());
			assertTrue(safePoints.get() > steps.get() + rescored.get(), "a safe point after every step, tile and image: " + safePoints.get());
			assertEquals(List.of(), p.predictions().pending(v.id()));

			var reduction = p.settings().reduction();
			List<Candidate> queue = p.queue().peek(4);
			assertEquals(4, queue.size());
			for (Candidate c : queue)
				assertEquals(p.predictions().find(c.imageId(), v.id()).orElseThrow().scores().value(reduction), c.score(), 1e-9,
					"image " + c.imageId() + " is ranked by the new version's score");
			List<Long> byNewScore = queue.stream()
				.sorted(Comparator.comparingDouble((Candidate c) -> -p.predictions().find(c.imageId(), v.id()).orElseThrow().scores().value(reduction)))
				.map(Candidate::imageId).toList();
			assertEquals(byNewScore, queue.stream().map(Candidate::imageId).toList(), "served most uncertain first, by the new scores");
			assertTrue(queue.stream().anyMatch(c -> p.predictions().find(c.imageId(), parent.id()).orElseThrow().scores().value(reduction) != c.score()),
				"the parent's scores are gone from the queue");
		}
	}
}
