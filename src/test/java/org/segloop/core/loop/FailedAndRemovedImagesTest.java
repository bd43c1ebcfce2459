package org.segloop.core.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.UserAction;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.JournalEvent;
import org.segloop.core.project.ProjectAudit;
import org.segloop.core.project.ProjectException;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.project.QueueStatus;
import org.segloop.core.queue.Candidate;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.Projects;

/** Images that cannot be predicted, images taken out of a project, and files replaced on purpose, in the headless core. */
class FailedAndRemovedImagesTest {

	@TempDir
	Path dir;

	private static List<Long> servable(ProjectStore p) {
		return p.queue().peek(10).stream().map(Candidate::imageId).sorted().toList();
	}

	@Test
	void anImageThatCannotBePredictedIsSetAsideWithItsReasonUntilRetried() throws IOException {
		try (ProjectStore p = Projects.ofSamples(dir, 3, ProjectSettings.defaults())) {
			ImageRecord second = p.images().byId(2).orElseThrow();
			Path away = Files.move(second.path(), dir.resolve("away.tif"));

			Predictor.Report first = Projects.predict(p);
			assertEquals(2, first.predicted(), "the others go on");
			assertEquals(1, first.failures().size());
			assertTrue(first.failures().get(0).contains("nuclei_02.tif") && first.failures().get(0).contains("gone"), first.failures().toString());
			assertEquals(QueueStatus.FAILED, p.queue().entry(2).orElseThrow().status());
			List<ImageQueue.Failure> failed = p.queue().failures();
			assertEquals(1, failed.size());
			assertEquals(second.path(), failed.get(0).path());
			assertEquals(first.failures().get(0), failed.get(0).reason(), "the reason is stored");
			assertEquals(List.of(1L, 3L), servable(p), "a failed image is not served");
			assertTrue(p.events().stream().anyMatch(e -> e.what() == JournalEvent.PREDICTION_FAILED && e.imageId() == 2));

			Predictor.Report again = Projects.predict(p);
			assertEquals(List.of(), again.failures(), "a failed image does not fail every later run");
			assertEquals(1, again.failedBefore());

			Files.move(away, second.path());
			assertEquals(1, p.queue().retryFailed());
			assertEquals(QueueStatus.NEW, p.queue().entry(2).orElseThrow().status(), "back as it was before it failed");
			assertEquals(1, Projects.predict(p).predicted());
			assertEquals(List.of(1L, 2L, 3L), servable(p));
			assertEquals(List.of(), ProjectAudit.run(p));
		}
	}

	@Test
	void acceptingAnImageThatIsNotLeasedSaysWhatBecameOfItAndTheFixForThat() throws IOException {
		try (ProjectStore p = Projects.ofSamples(dir, 3, ProjectSettings.defaults())) {
			Projects.predict(p);
			long corrected = Projects.correctNext(p, "ana", dir).imageId();
			ImageQueue.Lease lease = p.queue().next("ana").orElseThrow();
			long removed = lease.imageId(), failed = 6 - corrected - removed;
			p.queue().remove(List.of(removed), "ana");
			p.queue().markFailed(failed, "unreadable");
			Path mask = Projects.proposalAsMask(p, removed, dir, v -> {});
			CorrectionIntake intake = new CorrectionIntake(p);

			ProjectException gone = assertThrows(ProjectException.class, () -> intake.accept(removed, lease.token(), mask, null, 1.0));
			assertEquals("image " + removed + " was removed from the project", gone.problem());
			assertEquals(List.of(UserAction.ADD_IMAGES.on(p.folder(), p.images().byId(removed).orElseThrow().path())), gone.remedies(),
				"adding its file again brings it back");
			ProjectException done = assertThrows(ProjectException.class, () -> intake.accept(corrected, lease.token(), mask, null, 1.0));
			assertEquals("image " + corrected + " is already corrected", done.problem());
			ProjectException setAside = assertThrows(ProjectException.class, () -> intake.accept(failed, lease.token(), mask, null, 1.0));
			assertEquals("image " + failed + " failed and is set aside", setAside.problem());
			assertEquals(List.of(UserAction.SHOW_STATUS.on(p.folder())), setAside.remedies(), "the status shows why and how to retry");
		}
	}

	@Test
	void aDeliberatelyReplacedFileIsReRegisteredItsOldProposalsDroppedAndItIsPredictedAgain() throws IOException {
		try (ProjectStore p = Projects.ofSamples(dir, 2, ProjectSettings.defaults())) {
			Projects.predict(p);
			ImageRecord before = p.images().byId(2).orElseThrow();
			Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples/nuclei_05.tif"), before.path(), StandardCopyOption.REPLACE_EXISTING);
			assertThrows(ProjectException.class, () -> p.images().verify(before));

			ImageRecord after = p.images().replace(List.of(before.path())).get(0);
			assertEquals(before.id(), after.id());
			assertFalse(before.sha256().equals(after.sha256()));
			p.images().verify(p.images().byId(2).orElseThrow());
			assertTrue(p.predictions().latest(2).isEmpty(), "the old content's proposal is dropped");
			assertEquals(QueueStatus.NEW, p.queue().entry(2).orElseThrow().status());
			assertTrue(p.events().stream().anyMatch(e -> e.what() == JournalEvent.RE_REGISTERED && e.detail().contains(before.sha256())
				&& e.detail().contains(after.sha256())), "journalled with both hashes");
			Predictor.Report again = Projects.predict(p);
			assertEquals(1, again.predicted());
			assertEquals(3, again.orphansRemoved(), "the dropped proposal's three files are swept");
			assertEquals(after.sha256(), p.predictions().latest(2).orElseThrow().imageSha256());
			assertEquals(List.of(), ProjectAudit.run(p));

			ImageQueue.Lease lease = p.queue().next("ana").orElseThrow();
			Path mask = Projects.proposalAsMask(p, lease.imageId(), dir, v -> {});
			new CorrectionIntake(p).accept(lease.imageId(), lease.token(), mask, null, 5.0);
			Path corrected = p.images().byId(lease.imageId()).orElseThrow().path();
			assertEquals(List.of(), p.images().replace(List.of(corrected)), "an unchanged file is left as it is");
			Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples/nuclei_06.tif"), corrected, StandardCopyOption.REPLACE_EXISTING);
			ProjectException refused = assertThrows(ProjectException.class, () -> p.images().replace(List.of(corrected)));
			assertTrue(refused.getMessage().contains("has 1 correction(s) of its old content")
				&& refused.getMessage().contains("remove image " + lease.imageId() + " from the project"), refused.getMessage());
			assertTrue(refused.remedies().contains(UserAction.REMOVE_IMAGE.on(p.folder(), lease.imageId())), refused.remedies().toString());
		}
	}

	@Test
	void aRemovedImageIsNeitherServedPredictedExportedNorTrainedOnButComesBackWhenAddedAgain() throws IOException {
		try (ProjectStore p = Projects.ofSamples(dir, 3, ProjectSettings.defaults())) {
			Projects.predict(p);
			long corrected = Projects.correctNext(p, "ana", dir).imageId();
			ImageQueue.Lease held = p.queue().next("ben").orElseThrow();
			p.queue().remove(List.of(corrected, held.imageId()), "ana");

			assertEquals(0, p.corrections().all().size(), "what export and fine-tuning read leaves removed images out");
			assertEquals(1, p.corrections().history().size(), "the correction stays in the database");
			assertEquals(2L, p.queue().counts().get(QueueStatus.REMOVED));
			assertFalse(servable(p).contains(corrected) || servable(p).contains(held.imageId()));
			assertFalse(p.queue().next("ben").map(l -> l.imageId() == held.imageId()).orElse(false), "ben's lease ended");
			assertTrue(p.events().stream().anyMatch(e -> e.what() == JournalEvent.REMOVED && e.detail().contains("leased to ben")));
			ProjectException undo = assertThrows(ProjectException.class, () -> p.corrections().undoLast("ana"));
			assertTrue(undo.getMessage().contains("was removed"), undo.getMessage());
			ProjectException twice = assertThrows(ProjectException.class, () -> p.queue().remove(List.of(corrected), "ana"));
			assertTrue(twice.getMessage().contains("already removed"), twice.getMessage());
			assertEquals(List.of(), ProjectAudit.run(p));

			Path file = p.images().byId(corrected).orElseThrow().path();
			assertEquals(1, p.images().register(List.of(file), false).restored());
			assertEquals(QueueStatus.CORRECTED, p.queue().entry(corrected).orElseThrow().status(), "it comes back with its correction");
			assertEquals(1, p.corrections().all().size());
		}
	}

	@Test
	void anRgbImageRegisteredBeforeImagesWereCheckedFailsAloneWithTheChannelReason() throws IOException {
		java.awt.image.BufferedImage rgb = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
		rgb.setRGB(5, 5, 0x80FF20);
		Path colour = dir.resolve("colour.png");
		javax.imageio.ImageIO.write(rgb, "png", colour.toFile());
		Path grey = Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples/nuclei_01.tif"), dir.resolve("grey.tif"));
		try (ProjectStore p = ProjectStore.create(dir.resolve("project"))) {
			p.images().add(List.of(colour, grey)); // as projects made before the model check at registration hold them
			p.models().useModel(org.segloop.core.model.ModelPackage.open(Fixtures.BUNDLED_MODEL), Fixtures.BUNDLED_MODEL);
			Predictor.Report r = Projects.predict(p);
			assertEquals(1, r.predicted());
			assertEquals(1, r.failures().size());
			ImageQueue.Failure f = p.queue().failures().get(0);
			assertEquals(colour.toRealPath(), f.path());
			assertTrue(f.reason().contains("has 3 channel(s) but the model 'SegLoop nuclei U-Net 2D' needs 1 — convert the image"), f.reason());
			assertEquals(List.of(2L), servable(p));
			assertEquals(List.of(), Projects.predict(p).failures(), "the next run is not blocked by it");
		}
	}

	@Test
	void theAuditNamesRegisteredImagesThatAreMissingOrChanged() throws IOException {
		try (ProjectStore p = Projects.ofSamples(dir, 3, ProjectSettings.defaults())) {
			Path gone = p.images().byId(1).orElseThrow().path(), changed = p.images().byId(2).orElseThrow().path();
			Files.delete(gone);
			Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples/nuclei_07.tif"), changed, StandardCopyOption.REPLACE_EXISTING);
			List<String> problems = ProjectAudit.run(p);
			assertEquals(2, problems.size(), problems.toString());
			assertTrue(problems.get(0).startsWith(gone + ": was registered in the project (image 1) but is gone — put the file back"), problems.get(0));
			assertTrue(problems.get(1).startsWith(changed + ": changed after it was registered (image 2;")
				&& problems.get(1).contains("re-register the changed file"), problems.get(1));
			ProjectException reRegister = assertThrows(ProjectException.class, () -> p.images().verify(p.images().byId(2).orElseThrow()));
			assertEquals(List.of(UserAction.REPLACE_IMAGE.on(p.folder(), changed)), reRegister.remedies());
			assertEquals(1, ProjectAudit.run(p, true).size(), "a quick audit sees the missing file only");
			p.queue().remove(List.of(1L), "ana");
			assertEquals(1, ProjectAudit.run(p).size(), "a removed image's file is not looked for");
		}
	}
}
