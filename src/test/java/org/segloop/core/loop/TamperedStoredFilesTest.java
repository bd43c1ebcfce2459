package org.segloop.core.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ProjectException;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.ImageQueue;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.Projects;

/**
 * A stored file whose content no longer matches its sha256 never reaches training or a metric
 * (issue 12, item 2): fine-tuning and accept refuse it, naming the image and the fix.
 */
class TamperedStoredFilesTest {

	@TempDir
	Path dir;

	/** Flips one bit near the end of the file: still a readable TIFF, different labels. */
	private static void tamper(Path file) throws IOException {
		byte[] b = Files.readAllBytes(file);
		b[b.length - 1] ^= 1;
		Files.write(file, b);
	}

	private static void assertNamesTheImage(ProjectException e, Path image) {
		assertTrue(e.getMessage().contains("does not match its sha256"), e.getMessage());
		assertTrue(e.getMessage().contains(image.toString()), e.getMessage());
		assertTrue(e.getMessage().contains("restore the project folder from a backup"), e.getMessage());
	}

	@Test
	void fineTuningRefusesATamperedCorrectionNamingItsImage() throws IOException {
		try (ProjectStore p = Projects.ofSamples(dir, 2, ProjectSettings.defaults())) {
			Projects.predict(p);
			Correction c = Projects.correctNext(p, "ana", dir);
			tamper(p.files().resolve(c.maskFile()));
			Path image = p.images().byId(c.imageId()).orElseThrow().path();
			ModelPackage pkg = ModelPackage.open(Fixtures.BUNDLED_MODEL);
			List<Correction> corrections = CorrectionSamples.latestPerImage(p);
			ProjectException e = assertThrows(ProjectException.class, () -> CorrectionSamples.load(p, pkg, corrections));
			assertNamesTheImage(e, image);
		}
	}

	@Test
	void acceptRefusesToMeasureAgainstATamperedProposal() throws IOException {
		try (ProjectStore p = Projects.ofSamples(dir, 1, ProjectSettings.defaults())) {
			Projects.predict(p);
			ImageQueue.Lease lease = p.queue().next("ana").orElseThrow();
			Path mask = Projects.proposalAsMask(p, lease.imageId(), dir, v -> {});
			tamper(p.files().resolve(p.predictions().latest(lease.imageId()).orElseThrow().classesFile()));
			ProjectException e = assertThrows(ProjectException.class, () -> new CorrectionIntake(p).accept(lease.imageId(), lease.token(), mask, null, 5.0));
			assertNamesTheImage(e, p.images().byId(lease.imageId()).orElseThrow().path());
			assertEquals(0, p.corrections().all().size(), "nothing recorded");
		}
	}
}
