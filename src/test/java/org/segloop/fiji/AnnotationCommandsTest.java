package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.app.StatusService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.QueueStatus;
import org.segloop.testutil.Fixtures;

/** New Project → Annotate Next → edit → Toggle Uncertainty → Accept Correction → Skip → Export, headless through SciJava's CommandService, as a macro would run them. */
class AnnotationCommandsTest {

	@TempDir
	Path dir;

	@Test
	void aScriptedSessionStoresWhatWasLeftOnTheImage() throws Exception {
		Path images = Files.createDirectories(dir.resolve("images"));
		for (int i = 1; i <= 3; i++)
			Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples").resolve(String.format("nuclei_%02d.tif", i)), images.resolve("cell_" + i + ".tif"));
		Path project = dir.resolve("project");
		try (Context context = new Context(CommandService.class, SegLoopService.class, StatusService.class)) {
			CommandService commands = context.service(CommandService.class);
			// New Project and Export offer the registries' names, so they are DynamicCommands, which CommandService.run cannot return: run as modules
			ModuleService modules = context.service(ModuleService.class);
			Module created = modules.run(commands.getCommand(NewProjectCommand.class), true, "project", project.toFile(), "images", images.toFile(), "model",
				Fixtures.BUNDLED_MODEL.toFile(), "strategy", "hybrid", "scorer", "entropy").get();
			assertTrue(((String) created.getOutput("message")).contains("3 images predicted"), (String) created.getOutput("message"));
			CommandModule opened = commands.run(OpenProjectCommand.class, true, "project", project.toFile(), "annotator", "ana").get();
			assertTrue(((String) opened.getOutput("message")).contains("predicted=3"), (String) opened.getOutput("message"));
			CommandModule next = commands.run(AnnotateNextCommand.class, true, "project", project.toFile(), "annotator", "ana").get();
			ImagePlus image = (ImagePlus) next.getOutput("image");
			Overlay overlay = image.getOverlay();
			int proposed = overlay.size();
			assertTrue(((String) next.getOutput("message")).contains(proposed + " proposed objects"));
			overlay.remove(0);
			overlay.add(new Roi(10, 10, 8, 8));
			commands.run(ToggleUncertaintyCommand.class, true).get();
			assertEquals(proposed + 1, overlay.size(), "the heat is laid over the image");
			assertTrue(overlay.get(overlay.size() - 1) instanceof ij.gui.ImageRoi);
			commands.run(ToggleLabelsCommand.class, true).get();
			assertEquals("SegLoop labels", overlay.get(overlay.size() - 1).getName(), "objects filled in colour");
			commands.run(ToggleLabelsCommand.class, true).get();
			commands.run(ToggleLabelsCommand.class, true).get();
			assertEquals(proposed + 2, overlay.size(), "toggling twice removes and adds it again");

			CommandModule accept = commands.run(AcceptCorrectionCommand.class, true, "next", true).get();
			assertTrue(((String) accept.getOutput("message")).startsWith("accepted image"), (String) accept.getOutput("message"));
			SegLoopService segloop = context.service(SegLoopService.class);
			boolean shown = segloop.withSession(s -> s.current().isPresent());
			assertTrue(shown, "the next image is shown after an accept");

			commands.run(SkipImageCommand.class, true, "reason", "blurred").get();
			try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
				assertEquals(1, p.corrections().all().size());
				assertEquals(1L, p.queue().counts().get(QueueStatus.SKIPPED));
				assertEquals(1L, p.queue().counts().get(QueueStatus.IN_PROGRESS), "the third image is leased and shown");
				assertTrue(p.corrections().all().get(0).objectF1() < 1);
				assertTrue(p.corrections().all().get(0).objectF1() > 0.9, "the heat overlay was not taken for an object");
			}
			Path out = dir.resolve("export");
			Module exported = modules.run(commands.getCommand(ExportDatasetCommand.class), true, "project", project.toFile(), "format", "coco", "out", out.toFile(),
				"split", "1,0,0", "seed", 1L).get();
			assertTrue(((String) exported.getOutput("message")).startsWith("exported 1 corrected image"), (String) exported.getOutput("message"));
			assertTrue(Files.isRegularFile(out.resolve("annotations/instances_train.json")));
		}
	}

	@Test
	void annotateNextBeforeAnyPredictionSaysHowManyImagesToPredictNotThatTheWorkIsDone() throws Exception {
		Path project;
		try (ProjectStore p = org.segloop.testutil.Projects.ofSamples(dir, 2, org.segloop.core.project.ProjectSettings.defaults())) {
			project = p.folder();
		}
		try (Context context = new Context(CommandService.class, SegLoopService.class, StatusService.class)) {
			CommandModule next = context.service(CommandService.class).run(AnnotateNextCommand.class, true, "project", project.toFile(), "annotator", "ana")
				.get();
			assertEquals(null, next.getOutput("image"));
			assertEquals("nothing to annotate yet in " + project + ": 2 image(s) have no proposal — predict them first (Plugins › SegLoop › Predict Images)",
				next.getOutput("message"));
			// the command the message names does it, and the queue serves
			CommandModule predicted = context.service(CommandService.class).run(PredictImagesCommand.class, true, "project", project.toFile(),
				"annotator", "ana").get();
			assertEquals("2 image(s) predicted, 0 left", predicted.getOutput("message"));
			next = context.service(CommandService.class).run(AnnotateNextCommand.class, true, "project", project.toFile(), "annotator", "ana").get();
			assertTrue(next.getOutput("image") != null, String.valueOf(next.getOutput("message")));
		}
	}

	@Test
	void aPaintedLabelImageIsStoredAsPainted() throws Exception {
		Path project = org.segloop.testutil.Projects.predictedSamples(dir, 1);
		try (Context context = new Context(CommandService.class, SegLoopService.class, StatusService.class)) {
			CommandService commands = context.service(CommandService.class);
			commands.run(AnnotateNextCommand.class, true, "project", project.toFile(), "annotator", "ana").get();
			ImagePlus labels = (ImagePlus) commands.run(EditLabelsCommand.class, true).get().getOutput("labels");
			assertEquals(384, labels.getWidth());
			var ip = labels.getProcessor();
			ip.setValue(0);
			ip.fill(new Roi(0, 0, 100, 100));        // erase a corner
			ip.setValue(999);
			ip.fill(new ij.gui.OvalRoi(150, 150, 20, 20)); // paint a new object
			short[] painted = ((short[]) ip.getPixels()).clone();
			commands.run(AcceptCorrectionCommand.class, true, "source", "label image", "next", false).get();
			try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
				var c = p.corrections().all().get(0);
				var stored = org.segloop.core.output.LabelFiles.read(p.files().resolve(c.maskFile()), p.images().byId(c.imageId()).orElseThrow(), -1, "s");
				for (int i = 0; i < painted.length; i++) assertEquals(painted[i] & 0xffff, stored.labels()[0][i], "pixel " + i);
				assertEquals("instance", c.kind());
			}
		}
	}

	@Test
	void fineTuneModelMakesANewVersionAndReScoresTheQueue() throws Exception {
		Path project;
		try (ProjectStore p = org.segloop.testutil.Projects.ofCells(Files.createDirectories(dir.resolve("cells")), 6, 128, 21)) {
			org.segloop.testutil.Projects.predict(p);
			org.segloop.testutil.Projects.correctWithTruth(p, "ana", 4);
			project = p.folder();
		}
		try (Context context = new Context(CommandService.class, SegLoopService.class, StatusService.class)) {
			CommandModule tuned = context.service(CommandService.class).run(FineTuneCommand.class, true, "project", project.toFile(), "annotator", "ana",
				"epochs", 2, "time_budget", 0.0, "learning_rate", 0.001, "seed", 42L, "rescore", true).get();
			String message = (String) tuned.getOutput("message");
			assertTrue(message.startsWith("version 2: held-out Dice") && message.endsWith("2 queued image(s) re-scored"), message);
			CommandModule notDue = context.service(CommandService.class).run(FineTuneCommand.class, true, "project", project.toFile(), "annotator", "ana",
				"epochs", 2, "time_budget", 0.0, "learning_rate", 0.001, "seed", 42L, "rescore", true, "every", 1).get();
			assertEquals("not due: 0 new correction(s) since the last fine-tuning, 1 needed", notDue.getOutput("message"));
		}
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			assertEquals(2, p.models().current().id());
			assertEquals(0, p.predictions().pending(2).size());
		}
	}

	@Test
	void theJarsAnnotationIndexListsTheAnnotationCommands() throws IOException {
		String index = Files.readString(Path.of("target", "classes", "META-INF", "json", "org.scijava.plugin.Plugin"), StandardCharsets.UTF_8);
		for (String menu : new String[] { "Plugins>SegLoop>New Project...", "Plugins>SegLoop>Open Project...", "Plugins>SegLoop>Annotate Next", "Plugins>SegLoop>Accept Correction",
			"Plugins>SegLoop>Skip", "Plugins>SegLoop>Toggle Uncertainty Overlay", "Plugins>SegLoop>Export...", "Plugins>SegLoop>Undo Last Accept", "Plugins>SegLoop>Edit as Label Image", "Plugins>SegLoop>Toggle Label Overlay",
			"Plugins>SegLoop>Queue Panel", "Plugins>SegLoop>Fine-tune Model", "Plugins>SegLoop>Predict Images" })
			assertTrue(index.contains(menu), menu);
		assertTrue(index.contains(SegLoopService.class.getName()));
	}
}
