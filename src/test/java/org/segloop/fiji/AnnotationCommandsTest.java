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
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.testutil.Projects;

/** Annotate Next → edit → Accept Correction → Skip, headless through SciJava's CommandService, as a macro would run them. */
class AnnotationCommandsTest {

	@TempDir
	Path dir;

	@Test
	void aScriptedSessionStoresWhatWasLeftOnTheImage() throws Exception {
		Path project;
		try (ProjectStore p = Projects.ofSamples(dir, 3, ProjectSettings.defaults())) {
			Projects.predict(p);
			project = p.folder();
		}
		try (Context context = new Context(CommandService.class, SegLoopService.class)) {
			CommandService commands = context.service(CommandService.class);
			CommandModule next = commands.run(AnnotateNextCommand.class, true, "project", project.toFile(), "annotator", "ana").get();
			ImagePlus image = (ImagePlus) next.getOutput("image");
			Overlay overlay = image.getOverlay();
			int proposed = overlay.size();
			assertTrue(((String) next.getOutput("message")).contains(proposed + " proposed objects"));
			overlay.remove(0);
			overlay.add(new Roi(10, 10, 8, 8));

			CommandModule accept = commands.run(AcceptCorrectionCommand.class, true, "next", true).get();
			assertTrue(((String) accept.getOutput("message")).startsWith("accepted image"), (String) accept.getOutput("message"));
			SegLoopService segloop = context.service(SegLoopService.class);
			assertTrue(segloop.requireSession().current().isPresent(), "the next image is shown after an accept");

			commands.run(SkipImageCommand.class, true, "reason", "blurred").get();
			try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
				assertEquals(1, p.corrections().all().size());
				assertEquals(1L, p.queue().counts().get("skipped"));
				assertEquals(1L, p.queue().counts().get("in_progress"), "the third image is leased and shown");
				assertTrue(p.corrections().all().get(0).objectF1() < 1);
			}
		}
	}

	@Test
	void theJarsAnnotationIndexListsTheAnnotationCommands() throws IOException {
		String index = Files.readString(Path.of("target", "classes", "META-INF", "json", "org.scijava.plugin.Plugin"), StandardCharsets.UTF_8);
		for (String menu : new String[] { "Plugins>SegLoop>Annotate Next", "Plugins>SegLoop>Accept Correction", "Plugins>SegLoop>Skip" })
			assertTrue(index.contains(menu), menu);
		assertTrue(index.contains(SegLoopService.class.getName()));
	}
}
