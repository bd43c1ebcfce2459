package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Roi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.segloop.core.correction.KeySlices;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.uncertainty.SliceRanking;
import org.segloop.fiji.imagej.CommandBridge;
import org.segloop.testutil.CtPhantomProjects;

/**
 * A CT phantom volume (64 × 64 × 16) predicted by the bundled CT model and corrected in Fiji
 * headless: it opens at its most uncertain slice, the slice commands walk the ranking, the organ and
 * lesions come as ROIs on their slices, and what is accepted is a class mask.
 */
class CtVolumeCorrectionTest {

	@TempDir
	Path dir;

	private static int shownSlice(ImagePlus image) {
		return image.getZ() - 1;
	}

	@Test
	void aVolumeOpensAtItsMostUncertainSliceAndTheSliceCommandsWalkTheRanking() throws Exception {
		Path project = CtPhantomProjects.predicted(dir, 11, 64, 64, 16, ProjectSettings.defaults());
		try (Context context = new Context(CommandService.class, SegLoopService.class, StatusService.class)) {
			CommandService commands = context.service(CommandService.class);
			SegLoopService segloop = context.service(SegLoopService.class);
			CommandModule next = commands.run(AnnotateNextCommand.class, true, "project", project.toFile(), "annotator", "ana").get();
			ImagePlus image = (ImagePlus) next.getOutput("image");
			List<SliceRanking.Slice> ranked = segloop.withSession(s -> s.current().orElseThrow().slices().ranked());
			assertEquals(16, ranked.size());
			assertEquals(ranked.get(0).slice(), shownSlice(image), "opened at the most uncertain slice");
			assertTrue(((String) next.getOutput("message")).contains("most uncertain slice " + (ranked.get(0).slice() + 1)), (String) next.getOutput("message"));

			CommandModule step = commands.run(NextUncertainSliceCommand.class, true).get();
			assertEquals(ranked.get(1).slice(), shownSlice(image));
			assertTrue(((String) step.getOutput("message")).startsWith("slice " + (ranked.get(1).slice() + 1) + ": 2 of 16"), (String) step.getOutput("message"));
			commands.run(NextUncertainSliceCommand.class, true).get();
			assertEquals(ranked.get(2).slice(), shownSlice(image));
			commands.run(PreviousUncertainSliceCommand.class, true).get();
			commands.run(PreviousUncertainSliceCommand.class, true).get();
			assertEquals(ranked.get(0).slice(), shownSlice(image), "back at the most uncertain");
			CommandModule stuck = commands.run(PreviousUncertainSliceCommand.class, true).get();
			assertEquals(ranked.get(0).slice(), shownSlice(image), "stays at the end of the ranking");
			assertTrue(((String) stuck.getOutput("message")).contains("is the most uncertain"), (String) stuck.getOutput("message"));
			// after the user scrolled by hand, the next step goes on from the slice shown
			image.setPosition(1, ranked.get(9).slice() + 1, 1);
			commands.run(NextUncertainSliceCommand.class, true).get();
			assertEquals(ranked.get(10).slice(), shownSlice(image));

			// unchanged ROIs accepted with interpolation on: the proposal's class mask, exactly
			CommandModule accept = commands.run(AcceptCorrectionCommand.class, true, "next", false, "interpolate", true).get();
			assertTrue(((String) accept.getOutput("message")).startsWith("accepted image"), (String) accept.getOutput("message"));
			try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
				Correction c = p.corrections().all().get(0);
				assertEquals("semantic", c.kind(), "the CT model is corrected as classes, so the organ is kept");
				var record = p.images().byId(c.imageId()).orElseThrow();
				Prediction pr = p.predictions().latest(c.imageId()).orElseThrow();
				LabelVolume stored = LabelFiles.read(p.files().resolve(c.maskFile()), record, -1, "stored");
				LabelVolume proposed = LabelFiles.read(p.files().resolve(pr.classesFile()), record, -1, "proposal");
				for (int z = 0; z < 16; z++) assertArrayEquals(proposed.labels()[z], stored.labels()[z], "slice " + (z + 1));
			}
		}
	}

	@Test
	void theOrganAndItsLesionsAreRoisOnTheirSlicesAndALesionDrawnOnTwoKeySlicesIsInterpolatedBetweenThem() throws Exception {
		Path project = CtPhantomProjects.predicted(dir, 12, 64, 64, 16, ProjectSettings.defaults());
		CtPhantomProjects.truthAsProposal(project, 12, 64, 64, 16); // an organ with lesions, whatever the provisional weights propose
		LabelVolume proposed, instances;
		try (AnnotationSession session = AnnotationSession.open(project, "ana", false)) {
			OverlayView view = new OverlayView();
			AnnotationSession.Proposal p = LoopActions.next(session, view).orElseThrow();
			Prediction pr = session.store().predictions().latest(p.record().id()).orElseThrow();
			proposed = LabelFiles.read(session.store().files().resolve(pr.classesFile()), p.record(), -1, "proposal");
			instances = pr.instancesFile() == null ? null : LabelFiles.read(session.store().files().resolve(pr.instancesFile()), p.record(), -1, "proposal");
			assertTrue(p.rois().stream().anyMatch(r -> "1".equals(r.getProperty(RoiLabels.CLASS))), "the organ as ROIs");
			assertTrue(p.rois().stream().anyMatch(r -> "2".equals(r.getProperty(RoiLabels.CLASS))), "the lesions as ROIs");
			for (Roi roi : p.rois()) {
				int z = roi.getZPosition();
				assertTrue(z >= 1 && z <= 16, "each ROI on its slice: " + roi.getName());
				int cls = Integer.parseInt(roi.getProperty(RoiLabels.CLASS));
				assertTrue(roi.getName().startsWith(cls == 1 ? "organ " : "lesion "), roi.getName());
				if (cls == 2 && instances != null) { // a lesion ROI carries its instance label, found on its slice
					int label = Integer.parseInt(roi.getProperty(RoiLabels.LABEL));
					assertTrue(java.util.Arrays.stream(instances.labels()[z - 1]).anyMatch(l -> l == label), roi.getName());
				}
			}
			List<Roi> edited = new ArrayList<>(view.rois());
			for (int z : new int[] { 5, 9 }) { // a lesion drawn on two key slices, unnamed: the instance class
				Roi lesion = new OvalRoi(40, 8, 8, 8);
				lesion.setPosition(0, z, 1);
				edited.add(lesion);
			}
			Roi organ = new OvalRoi(4, 50, 6, 6); // named: its class
			organ.setName("organ");
			organ.setPosition(0, 5, 1);
			edited.add(organ);
			Correction c = session.accept(edited, KeySlices.interpolating());
			assertArrayEquals(new int[] { 4, 8 }, c.roles().edited(), "the two key slices");
			assertArrayEquals(new int[] { 5, 6, 7 }, c.roles().interpolated(), "the slices between them");
			assertEquals(11, c.roles().kept().length, "16 slices: 2 edited, 3 interpolated, the rest kept");
		}
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			Correction c = p.corrections().all().get(0);
			assertEquals("semantic", c.kind());
			LabelVolume stored = LabelFiles.read(p.files().resolve(c.maskFile()), p.images().byId(c.imageId()).orElseThrow(), -1, "stored");
			for (int z = 4; z <= 8; z++) assertEquals(2, stored.labels()[z][12 * 64 + 44], "the lesion on slice " + (z + 1) + ", drawn or interpolated");
			assertEquals(1, stored.labels()[4][53 * 64 + 7], "the drawn organ on slice 5");
			for (int z = 0; z < 16; z++)
				if (z < 4 || z > 8) assertArrayEquals(proposed.labels()[z], stored.labels()[z], "slice " + (z + 1) + " keeps the proposal");
			Roi lesion = new OvalRoi(40, 8, 8, 8), organ = new OvalRoi(4, 50, 6, 6);
			for (int z : new int[] { 4, 8 })
				for (int i = 0; i < 64 * 64; i++)
					if (!lesion.contains(i % 64, i / 64) && !(z == 4 && organ.contains(i % 64, i / 64)))
						assertEquals(proposed.labels()[z][i], stored.labels()[z][i], "key slice " + (z + 1) + " is the proposal outside what was drawn, pixel " + i);
		}
	}

	@Test
	void theSliceCommandsHaveTheirKeysInFijiAndInThePlainImageJLauncher() throws Exception {
		try (Context context = new Context(CommandService.class, SegLoopService.class, StatusService.class)) {
			CommandService commands = context.service(CommandService.class);
			var next = commands.getCommand(NextUncertainSliceCommand.class);
			var previous = commands.getCommand(PreviousUncertainSliceCommand.class);
			assertEquals("Plugins > SegLoop > Next Uncertain Slice", next.getMenuPath().getMenuString());
			assertEquals("F4", CommandBridge.shortcut(next));
			assertEquals("F3", CommandBridge.shortcut(previous));
			assertEquals("", CommandBridge.shortcut(commands.getCommand(AcceptCorrectionCommand.class)), "no key where none is declared");
		}
	}
}
