package org.segloop.core.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.correction.KeySlices;
import org.segloop.core.correction.SliceRole;
import org.segloop.core.metrics.CorrectionMetrics;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.JournalEvent;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.Projects;

/**
 * Accepting a stack corrected on key slices through the annotation loop: the completed volume is
 * stored and measured, the roles are recorded with the correction (and journalled), and the
 * two-argument accept stores the labels as given, with roles that say which slices changed.
 */
class KeySliceAcceptTest {

	static final int W = 64, H = 48, D = 8;

	@TempDir
	Path dir;

	private ProjectStore stackProject() throws IOException {
		Path stack = Projects.sampleStack(dir.resolve("stack.tif"), W, H, D);
		ProjectStore p = ProjectSetup.init(dir.resolve("project"), Fixtures.BUNDLED_MODEL, List.of(stack), ProjectSettings.defaults());
		Projects.predict(p);
		return p;
	}

	private static LabelVolume proposalInstances(ProjectStore p, AnnotationLoop.Leased leased) {
		return LabelFiles.read(p.files().resolve(leased.proposal().instancesFile()), leased.record(), -1, "proposal");
	}

	private static void square(int[] plane, int x0, int y0, int size, int label) {
		for (int y = y0; y < y0 + size; y++)
			for (int x = x0; x < x0 + size; x++) plane[y * W + x] = label;
	}

	@Test
	void aStackCorrectedOnTwoKeySlicesIsStoredCompletedWithItsRoles() throws IOException {
		try (ProjectStore p = stackProject()) {
			AnnotationLoop loop = new AnnotationLoop(p, "ana");
			AnnotationLoop.Leased leased = loop.next().leased().orElseThrow();
			LabelVolume proposal = proposalInstances(p, leased);
			LabelVolume painted = LabelFiles.read(p.files().resolve(leased.proposal().instancesFile()), leased.record(), -1, "proposal");
			int object = proposal.max() + 1; // a new object, painted on slices 1 and 5
			square(painted.labels()[1], 4, 4, 10, object);
			square(painted.labels()[5], 8, 8, 10, object);

			Correction c = loop.accept(painted, CorrectionMetrics.Kind.INSTANCE, KeySlices.interpolating(5));
			assertArrayEquals(new int[] { 1, 5 }, c.roles().edited());
			assertArrayEquals(new int[] { 2, 3, 4 }, c.roles().interpolated());
			assertArrayEquals(new int[] { 0, 6, 7 }, c.roles().kept());
			assertEquals(c.roles(), p.corrections().all().get(0).roles(), "the roles are stored with the correction");
			assertTrue(p.events().stream().anyMatch(e -> e.what() == JournalEvent.ACCEPTED && e.detail().contains("slices edited 2, interpolated 3, kept 3")),
				p.events().toString());

			LabelVolume stored = LabelFiles.read(p.files().resolve(c.maskFile()), leased.record(), -1, "stored");
			for (int z : new int[] { 1, 5 }) assertArrayEquals(painted.labels()[z], stored.labels()[z]);
			for (int z : new int[] { 0, 6, 7 }) assertArrayEquals(proposal.labels()[z], stored.labels()[z]);
			for (int z = 2; z <= 4; z++) assertEquals(object, stored.labels()[z][12 * W + 12], "the new object runs through slice " + z);
			assertTrue(c.fractionChanged() > 0, "measured against the proposal");

			// undone and accepted as given: the same painted slices are edited, nothing is interpolated
			loop.undoLastAccept();
			Correction given = loop.accept(painted, CorrectionMetrics.Kind.INSTANCE);
			assertArrayEquals(new int[] { 1, 5 }, given.roles().edited());
			assertEquals(6, given.roles().count(SliceRole.KEPT));
			LabelVolume asGiven = LabelFiles.read(p.files().resolve(given.maskFile()), leased.record(), -1, "stored");
			for (int z = 0; z < D; z++) assertArrayEquals(painted.labels()[z], asGiven.labels()[z]);
		}
	}

	@Test
	void aTwoDimensionalCorrectionHasNoRoles() throws IOException {
		try (ProjectStore p = Projects.ofSamples(dir, 1, ProjectSettings.defaults())) {
			Projects.predict(p);
			AnnotationLoop loop = new AnnotationLoop(p, "ana");
			AnnotationLoop.Leased leased = loop.next().leased().orElseThrow();
			Correction c = loop.accept(proposalInstances(p, leased), null, KeySlices.interpolating());
			assertNull(c.roles());
			assertNull(p.corrections().all().get(0).roles());
		}
	}
}
