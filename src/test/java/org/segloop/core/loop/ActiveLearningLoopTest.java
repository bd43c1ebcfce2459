package org.segloop.core.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.JournalEvent;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectException;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.project.QueueStatus;
import org.segloop.core.queue.Candidate;
import org.segloop.testutil.Projects;

/** The headless loop on the bundled model and sample images: predict, rank, lease, correct. */
class ActiveLearningLoopTest {

	@TempDir
	Path dir;

	private ProjectStore project(int images, ProjectSettings settings) throws IOException {
		return Projects.ofSamples(dir, images, settings);
	}

	private static Predictor.Report predict(ProjectStore p) {
		return Projects.predict(p);
	}

	@Test
	void predictingScoresEveryImageAndTheQueueServesTheMostUncertainFirst() throws IOException {
		try (ProjectStore p = project(3, ProjectSettings.defaults())) {
			Predictor.Report report = predict(p);
			assertEquals(3, report.predicted());
			assertEquals(0, predict(p).predicted(), "a second run has nothing left to do");
			long model = p.models().current().id();
			List<Candidate> top = p.queue().peek(3);
			assertEquals(3, top.size());
			for (int i = 1; i < top.size(); i++) assertTrue(top.get(i - 1).score() >= top.get(i).score(), "descending uncertainty");
			for (Candidate c : top) {
				Prediction pr = p.predictions().find(c.imageId(), model).orElseThrow();
				assertTrue(p.files().isIntact(pr.classesFile()) && p.files().isIntact(pr.uncertaintyFile()) && p.files().isIntact(pr.instancesFile()));
				assertTrue(pr.instanceCount() > 10, "sample images hold many nuclei");
				assertTrue(pr.objectUncertainty().startsWith("[{\"label\":1"), pr.objectUncertainty());
			}
			ImageQueue.Lease lease = p.queue().next("ana").orElseThrow();
			assertEquals(top.get(0).imageId(), lease.imageId());
			assertEquals(lease, p.queue().next("ana").orElseThrow(), "asking again returns the same lease");
			assertNotEquals(lease.imageId(), p.queue().next("ben").orElseThrow().imageId(), "another annotator gets another image");
		}
	}

	@Test
	void anAcceptedCorrectionIsStoredWithWhatChangedAndWhoChangedIt() throws IOException {
		try (ProjectStore p = project(2, ProjectSettings.defaults())) {
			predict(p);
			ImageQueue.Lease lease = p.queue().next("ana").orElseThrow();
			ImageRecord image = p.images().byId(lease.imageId()).orElseThrow();
			Prediction proposal = p.predictions().latest(lease.imageId()).orElseThrow();
			LabelVolume labels = LabelFiles.read(p.files().resolve(proposal.instancesFile()), image, -1, "proposal");
			int[] plane = labels.labels()[0];
			int deleted = 0;
			for (int i = 0; i < plane.length; i++) if (plane[i] == 1) { plane[i] = 0; deleted++; } // the scientist deletes object 1
			Path mask = dir.resolve("corrected.tif");
			LabelFiles.write(labels, mask, new Calibration(1, 1, 1, "pixel", 0, 1, ""));

			Correction c = new CorrectionIntake(p).accept(lease.imageId(), lease.token(), mask, null, 42.0);
			assertEquals("instance", c.kind());
			assertEquals("ana", c.annotator());
			assertEquals(42.0, c.secondsSpent());
			assertEquals(deleted / (double) plane.length, c.fractionChanged(), 1e-9);
			assertTrue(c.objectF1() > 0.9 && c.objectF1() < 1, "one object of many removed: " + c.objectF1());
			assertTrue(p.files().isIntact(c.maskFile()));
			assertEquals(QueueStatus.CORRECTED, p.queue().entry(lease.imageId()).orElseThrow().status());
			assertEquals(1, p.corrections().summary().get(0).corrections());
			assertTrue(p.events().stream().anyMatch(e -> e.what() == JournalEvent.ACCEPTED && e.who().equals("ana")));
			ProjectException again = assertThrows(ProjectException.class,
				() -> new CorrectionIntake(p).accept(lease.imageId(), lease.token(), mask, null, null));
			assertTrue(again.getMessage().contains("corrected"), again.getMessage());
		}
	}

	@Test
	void aForeignStaleOrExpiredTokenCannotAcceptAndChangesNothing() throws IOException {
		try (ProjectStore p = project(1, ProjectSettings.defaults().withLeaseMinutes(5))) {
			predict(p);
			ImageQueue.Lease lease = p.queue().next("ana").orElseThrow();
			Path mask = proposalAsMask(p, lease.imageId());
			ProjectException foreign = assertThrows(ProjectException.class,
				() -> new CorrectionIntake(p).accept(lease.imageId(), "not-the-token", mask, null, null));
			assertTrue(foreign.getMessage().contains("held by ana"), foreign.getMessage());

			Clock later = Clock.fixed(Instant.now().plus(Duration.ofMinutes(6)), ZoneOffset.UTC);
			ImageQueue future = p.queue(later);
			assertEquals(lease.imageId(), future.next("ben").orElseThrow().imageId(), "ana's lease expired; the image went back to the queue");
			assertTrue(p.events().stream().anyMatch(e -> e.what() == JournalEvent.LEASE_EXPIRED && e.who().equals("ana")));
			ProjectException stale = assertThrows(ProjectException.class,
				() -> new CorrectionIntake(p).accept(lease.imageId(), lease.token(), mask, null, null));
			assertTrue(stale.getMessage().contains("does not match") && stale.getMessage().contains("held by ben"), stale.getMessage());
			assertEquals(0, p.corrections().all().size());
		}
	}

	@Test
	void aMaskOfTheWrongSizeOrWithNonLabelValuesIsRefusedWithTheFix() throws IOException {
		try (ProjectStore p = project(1, ProjectSettings.defaults())) {
			predict(p);
			ImageQueue.Lease lease = p.queue().next("ana").orElseThrow();
			Path small = dir.resolve("small.tif");
			LabelFiles.write(new LabelVolume(10, 10, 1, 1, new int[][] { new int[100] }, new double[] { 1, 1, 1 }), small,
				new Calibration(1, 1, 1, "pixel", 0, 1, ""));
			ImageInputException e = assertThrows(ImageInputException.class,
				() -> new CorrectionIntake(p).accept(lease.imageId(), lease.token(), small, null, null));
			assertTrue(e.getMessage().contains("10×10") && e.getMessage().contains("do not crop"), e.getMessage());

			Path semantic = proposalAsMask(p, lease.imageId());
			ImageInputException classes = assertThrows(ImageInputException.class, () -> new CorrectionIntake(p).accept(lease.imageId(),
				lease.token(), semantic, org.segloop.core.metrics.CorrectionMetrics.Kind.SEMANTIC, null));
			assertTrue(classes.getMessage().contains("classes 0 to 2"), classes.getMessage());
			assertEquals(QueueStatus.IN_PROGRESS, p.queue().entry(lease.imageId()).orElseThrow().status(), "the lease is still valid");
			assertEquals(0, p.corrections().all().size());
		}
	}

	@Test
	void skippedImagesLeaveTheQueueAndRandomIsSeeded() throws IOException {
		try (ProjectStore p = project(3, ProjectSettings.defaults().withStrategy("random").withSeed(7))) {
			predict(p);
			List<Long> order = p.queue().peek(3).stream().map(Candidate::imageId).toList();
			assertEquals(order, p.queue().peek(3).stream().map(Candidate::imageId).toList());
			ImageQueue.Lease lease = p.queue().next("ana").orElseThrow();
			p.queue().skip(lease.imageId(), lease.token(), "out of focus");
			ImageQueue.Entry skipped = p.queue().entry(lease.imageId()).orElseThrow();
			assertEquals(QueueStatus.SKIPPED, skipped.status());
			assertEquals(lease.servedAt(), skipped.lastServedAt(), "when it was served stays known after the lease ends");
			assertFalse(p.queue().peek(3).stream().anyMatch(c -> c.imageId() == lease.imageId()));
		}
	}

	@Test
	void orphanFilesFromAnInterruptedWriteAreSweptAsideAndReferencedOnesKept() throws IOException {
		try (ProjectStore p = project(1, ProjectSettings.defaults())) {
			predict(p);
			String orphan = p.files().put(f -> Files.writeString(f, "left by a crash before the commit"), "tif");
			Path part = Files.writeString(p.files().resolve("incoming/new-1.tif.part"), "half");
			assertEquals(2, p.sweepOrphanFiles());
			assertFalse(Files.exists(p.files().resolve(orphan)) || Files.exists(part));
			assertEquals(1, p.files().setAside().get(0).files(), "set aside in files/.swept, not deleted");
			Prediction pr = p.predictions().latest(1).orElseThrow();
			assertTrue(p.files().isIntact(pr.classesFile()));
		}
	}

	private Path proposalAsMask(ProjectStore p, long imageId) throws IOException {
		return Projects.proposalAsMask(p, imageId, dir, v -> {});
	}
}
