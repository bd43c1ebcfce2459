package org.segloop.core.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.QueueStatus;
import org.segloop.testutil.Projects;

/** One annotator's way through the queue without a display: lease, time, accept labels, skip, undo. */
class AnnotationLoopTest {

	@TempDir
	Path dir;

	/** The proposal's object labels of the leased image, as a surface would hand them back unchanged. */
	private static LabelVolume proposal(ProjectStore p, AnnotationLoop.Leased leased) {
		return LabelFiles.read(p.files().resolve(leased.proposal().instancesFile()), leased.record(), -1, "proposal");
	}

	@Test
	void anAcceptedImageIsTimedFromWhenItWasShownAndEndsTheLease() throws IOException, InterruptedException {
		try (ProjectStore p = Projects.ofSamples(dir, 2, ProjectSettings.defaults())) {
			Projects.predict(p);
			AtomicInteger prefetches = new AtomicInteger();
			AnnotationLoop loop = new AnnotationLoop(p, "ana", prefetches::incrementAndGet);
			AnnotationLoop.Leased leased = loop.next().leased().orElseThrow();
			assertEquals(QueueStatus.IN_PROGRESS, p.queue().entry(leased.lease().imageId()).orElseThrow().status());
			assertEquals(p.predictions().latest(leased.lease().imageId()).orElseThrow().id(), leased.proposal().id(), "served with its latest proposal");
			assertEquals(leased.lease(), loop.next().leased().orElseThrow().lease(), "asking again serves the image already held");
			Thread.sleep(300); // the surface reads and draws the image: not the annotator's time
			loop.shown();
			assertEquals(1, prefetches.get(), "showing an image lets the surface read the upcoming one");
			Thread.sleep(200);

			Correction c = loop.accept(proposal(p, leased), null);
			assertEquals(leased.lease().imageId(), c.imageId());
			assertEquals("ana", c.annotator());
			assertTrue(c.secondsSpent() >= 0.2 && c.secondsSpent() < 0.3 + 5, "timed from shown(): " + c.secondsSpent());
			assertEquals(1.0, c.objectF1(), 1e-12, "the unchanged proposal comes back identical");
			assertEquals(QueueStatus.CORRECTED, p.queue().entry(c.imageId()).orElseThrow().status());
			assertTrue(loop.current().isEmpty());
			assertThrows(IllegalStateException.class, () -> loop.accept(proposal(p, leased), null), "nothing is leased after an accept");
			assertThrows(IllegalStateException.class, () -> loop.skip("twice"));
		}
	}

	@Test
	void aSkippedImageLeavesTheQueueAndAnEmptyQueueServesNothing() throws IOException {
		try (ProjectStore p = Projects.ofSamples(dir, 1, ProjectSettings.defaults())) {
			Projects.predict(p);
			AnnotationLoop loop = new AnnotationLoop(p, "ana");
			long id = loop.next().leased().orElseThrow().lease().imageId();
			loop.skip("blurred");
			assertEquals(QueueStatus.SKIPPED, p.queue().entry(id).orElseThrow().status());
			assertTrue(loop.current().isEmpty());
			AnnotationLoop.Served none = loop.next();
			assertTrue(none.leased().isEmpty() && none.setAside().isEmpty(), "queue done");
			assertEquals(0, none.waitingForPrediction(), "done, not waiting for prediction");
			assertThrows(IllegalStateException.class, loop::shown);
		}
	}

	@Test
	void beforeAnyPredictionNothingIsServedAndTheImagesWaitingForAProposalAreCounted() throws IOException {
		try (ProjectStore p = Projects.ofSamples(dir, 3, ProjectSettings.defaults())) {
			AnnotationLoop.Served none = new AnnotationLoop(p, "ana").next();
			assertTrue(none.leased().isEmpty());
			assertEquals(3, none.waitingForPrediction(), "every image still needs a proposal: the surface says to predict, not that the work is done");
			Projects.predict(p);
			AnnotationLoop.Served served = new AnnotationLoop(p, "ana").next();
			assertTrue(served.leased().isPresent());
			assertEquals(0, served.waitingForPrediction());
		}
	}

	@Test
	void undoingTheLastAcceptReturnsTheImageWithTheLabelsAsAccepted() throws IOException {
		try (ProjectStore p = Projects.ofSamples(dir, 2, ProjectSettings.defaults())) {
			Projects.predict(p);
			AnnotationLoop loop = new AnnotationLoop(p, "ana");
			AnnotationLoop.Leased first = loop.next().leased().orElseThrow();
			LabelVolume edited = proposal(p, first);
			Projects.deleteObjectOne(edited);
			Correction accepted = loop.accept(edited, null);
			assertTrue(accepted.objectF1() < 1, "one object deleted");
			AnnotationLoop.Leased second = loop.next().leased().orElseThrow();
			assertNotEquals(first.lease().imageId(), second.lease().imageId());

			AnnotationLoop.Undone undone = loop.undoLastAccept();
			assertEquals(first.lease().imageId(), undone.leased().lease().imageId());
			assertEquals(accepted.id(), undone.correction().id());
			for (int z = 0; z < edited.labels().length; z++)
				assertArrayEquals(edited.labels()[z], undone.accepted().labels()[z], "the labels as accepted, not the proposal");
			assertEquals(undone.leased().lease(), loop.current().orElseThrow().lease(), "the image is current again");
			assertEquals(0, p.corrections().all().size());
			assertEquals(QueueStatus.IN_PROGRESS, p.queue().entry(first.lease().imageId()).orElseThrow().status());
			assertEquals(QueueStatus.PREDICTED, p.queue().entry(second.lease().imageId()).orElseThrow().status(), "the image leased meanwhile went back");

			Correction again = loop.accept(undone.accepted(), null);
			assertEquals(accepted.objectF1(), again.objectF1(), 1e-12, "accepting the returned labels stores the same correction");
		}
	}
}
