package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.gui.Roi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.JournalEvent;
import org.segloop.core.project.ProjectException;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.QueueStatus;
import org.segloop.testutil.Projects;

/** What Annotate Next and Accept do underneath: proposal as ROIs in, corrected ROIs out, stored exactly. */
class AnnotationSessionTest {

	@TempDir
	Path dir;

	@Test
	void aStackOpensWithItsCalibrationAndComesBackSliceBySlice() throws IOException {
		Path stack = Projects.sampleStack(dir.resolve("stack.tif"), 96, 80, 3);
		Path project;
		try (ProjectStore p = org.segloop.core.loop.ProjectSetup.init(dir.resolve("p"), org.segloop.testutil.Fixtures.BUNDLED_MODEL, List.of(stack),
			ProjectSettings.defaults()))
		{
			Projects.predict(p);
			project = p.folder();
		}
		try (AnnotationSession session = AnnotationSession.open(project, "ana")) {
			AnnotationSession.Proposal p = session.next().orElseThrow();
			assertEquals(3, p.image().getNSlices());
			assertEquals(2.5, p.image().getCalibration().pixelDepth, 1e-9);
			assertEquals("micron", p.image().getCalibration().getUnit());
			assertTrue(p.rois().stream().allMatch(r -> r.getZPosition() >= 1 && r.getZPosition() <= 3), "every ROI on its slice");
			assertTrue(p.rois().stream().map(Roi::getZPosition).distinct().count() == 3);
			Correction c = session.accept(p.rois());
			assertEquals(1.0, c.objectF1(), 1e-12, "the unchanged proposal comes back identical, slice by slice");
			assertEquals(0.0, c.fractionChanged());
		}
	}

	@Test
	void theLastAcceptCanBeUndoneAndComesBackAsItWasAccepted() throws IOException {
		Path project = Projects.predictedSamples(dir, 2);
		try (AnnotationSession session = AnnotationSession.open(project, "ana")) {
			AnnotationSession.Proposal first = session.next().orElseThrow();
			List<Roi> corrected = new ArrayList<>(first.rois());
			corrected.remove(3);
			Correction c = session.accept(corrected);
			AnnotationSession.Proposal second = session.next().orElseThrow();

			AnnotationSession.Proposal back = session.undoLastAccept();
			assertEquals(first.lease().imageId(), back.lease().imageId());
			assertEquals(corrected.size(), back.rois().size(), "the ROIs as accepted, not the proposal");
			var store = session.store();
			assertEquals(0, store.corrections().all().size());
			assertEquals(QueueStatus.IN_PROGRESS, store.queue().entry(back.lease().imageId()).orElseThrow().status());
			assertEquals(QueueStatus.PREDICTED, store.queue().entry(second.lease().imageId()).orElseThrow().status(), "the image shown meanwhile went back");
			assertTrue(store.events().stream().anyMatch(e -> e.what() == JournalEvent.ACCEPT_UNDONE));
			LabelVolume before = LabelFiles.read(store.files().resolve(c.maskFile()), back.record(), -1, "old");
			Correction again = session.accept(back.rois());
			LabelVolume after = LabelFiles.read(store.files().resolve(again.maskFile()), back.record(), -1, "new");
			assertArrayEquals(before.labels()[0], after.labels()[0], "accepting the undone ROIs again stores the same labels");
			assertThrows(ProjectException.class, () -> AnnotationSession.open(project, "x"));
		}
	}

	@Test
	void anAcceptWhoseStoredMaskWasTamperedWithIsNotUndoneFromIt() throws IOException {
		Path project = Projects.predictedSamples(dir, 1);
		try (AnnotationSession session = AnnotationSession.open(project, "ana")) {
			AnnotationSession.Proposal first = session.next().orElseThrow();
			Correction c = session.accept(first.rois());
			Path mask = session.store().files().resolve(c.maskFile());
			byte[] b = java.nio.file.Files.readAllBytes(mask);
			b[b.length - 1] ^= 1;
			java.nio.file.Files.write(mask, b);
			ProjectException e = assertThrows(ProjectException.class, session::undoLastAccept);
			assertTrue(e.getMessage().contains("does not match its sha256") && e.getMessage().contains(first.record().path().toString()), e.getMessage());
			assertEquals(1, session.store().corrections().all().size(), "the accept stands");
		}
	}

	@Test
	void aPrefetchedProposalIsTheOneAFreshReadGives() throws IOException {
		Path project = Projects.predictedSamples(dir, 3);
		List<String> withPrefetch = new ArrayList<>(), without = new ArrayList<>();
		for (boolean prefetch : new boolean[] { true, false }) {
			Path copy = dir.resolve("copy-" + prefetch);
			org.segloop.core.util.Folders.copyTree(project, copy);
			try (AnnotationSession session = AnnotationSession.open(copy, "ana", prefetch)) {
				for (var p = session.next(); p.isPresent(); p = session.next()) {
					(prefetch ? withPrefetch : without).add(p.get().lease().imageId() + ":" + p.get().rois().size() + ":"
						+ p.get().rois().get(0).getName() + ":" + p.get().image().getTitle());
					session.accept(p.get().rois());
				}
			}
		}
		assertEquals(3, without.size());
		assertEquals(without, withPrefetch, "same images in the same order with the same proposals");
	}

	@Test
	void aCorrectedProposalIsStoredExactlyAsTheRoisWereLeft() throws IOException, InterruptedException {
		Path project = Projects.predictedSamples(dir, 2);
		try (AnnotationSession session = AnnotationSession.open(project, "ana")) {
			AnnotationSession.Proposal proposal = session.next().orElseThrow();
			assertEquals(384, proposal.image().getWidth());
			assertEquals(proposal.image().getWidth(), proposal.uncertainty().getWidth());
			int proposed = proposal.rois().size();
			assertTrue(proposed > 10);
			List<Roi> corrected = new ArrayList<>(proposal.rois());
			corrected.remove(0);                      // the scientist deletes one object
			corrected.add(new Roi(5, 5, 6, 6));       // and draws one
			Correction c = session.accept(corrected);
			assertTrue(c.objectF1() < 1 && c.objectF1() > 0.9, "one of many objects changed: " + c.objectF1());
			assertEquals("ana", c.annotator());
			assertTrue(c.secondsSpent() >= 0);

			var record = session.store().images().byId(c.imageId()).orElseThrow();
			LabelVolume stored = LabelFiles.read(session.store().files().resolve(c.maskFile()), record, -1, "stored");
			LabelVolume expected = RoiLabels.toLabels(corrected, 384, 384, 1, 1, new double[] { 1, 1, 1 });
			assertArrayEquals(expected.labels()[0], stored.labels()[0], "the project holds exactly what was drawn");

			assertThrows(IllegalStateException.class, () -> session.accept(corrected), "nothing is leased after an accept");
			AnnotationSession.Proposal second = session.next().orElseThrow();
			assertTrue(second.lease().imageId() != c.imageId());
			try (ProjectStore other = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
				assertEquals(QueueStatus.IN_PROGRESS, other.queue().entry(second.lease().imageId()).orElseThrow().status(), "readers see the lease");
			}
			assertThrows(ProjectException.class, () -> AnnotationSession.open(project, "ben"), "one writer at a time");
			Throwable[] fromAnotherThread = new Throwable[1];
			Thread other = new Thread(() -> {
				try {
					session.skip("from another thread");
				}
				catch (Throwable t) {
					fromAnotherThread[0] = t;
				}
			}, "macro thread");
			other.start();
			other.join();
			assertTrue(fromAnotherThread[0] instanceof IllegalStateException && fromAnotherThread[0].getMessage().contains("'macro thread'"),
				"a session is its thread's alone (its connection's transactions would interleave): " + fromAnotherThread[0]);
			assertEquals(QueueStatus.IN_PROGRESS, session.store().queue().entry(second.lease().imageId()).orElseThrow().status(), "and nothing changed");
			session.skip("blurred");
			assertTrue(session.next().isEmpty(), "queue done");
		}
	}
}
