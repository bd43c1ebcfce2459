package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.testutil.Projects;

/**
 * The desktop workflow with real ImageJ windows and the ROI Manager, on an X display: Xvfb
 * ({@code apt-get install -y xvfb}; .ci/run installs it) or the display in $DISPLAY. Screenshots
 * land in target/gui-screenshots/.
 */
class GuiSessionTest {

	@TempDir
	Path dir;

	@Test
	void threeImagesInARowWithTheRoiManagerTheBrushAndAMacroAreStoredExactly() throws Exception {
		Path project = Projects.predictedSamples(dir, 3);
		List<String> command = new ArrayList<>();
		if (System.getenv("DISPLAY") == null) {
			if (!Files.isExecutable(Path.of("/usr/bin/xvfb-run"))) fail("GUI tests need an X display: apt-get install -y xvfb (or set DISPLAY)");
			command.addAll(List.of("/usr/bin/xvfb-run", "-a", "-s", "-screen 0 1280x1024x24"));
		}
		command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=false", "-cp",
			System.getProperty("java.class.path"), GuiSessionMain.class.getName(), project.toString(),
			Path.of("target", "gui-screenshots").toAbsolutePath().toString()));
		Path log = dir.resolve("gui.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		boolean ended = process.waitFor(180, TimeUnit.SECONDS);
		if (!ended) process.descendants().forEach(ProcessHandle::destroyForcibly);
		if (!ended) process.destroyForcibly();
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertTrue(ended, "the GUI session hung (a dialog?): " + output);
		assertTrue(output.contains("DONE"), output);
		int shown = Integer.parseInt(output.lines().filter(l -> l.startsWith("SHOWN")).findFirst().orElseThrow().replaceAll(".* ", ""));
		int left = Integer.parseInt(output.lines().filter(l -> l.startsWith("LEFT")).findFirst().orElseThrow().substring(5).trim());
		assertTrue(shown > 10, output);
		assertEquals(shown, left, "one deleted, one drawn: " + output);
		assertTrue(output.contains("CORRECTIONS 3 {new=0, predicted=0, in_progress=0, corrected=3, skipped=0, failed=0, removed=0}"),
			"the example macro corrected the rest of the queue: " + output);
		assertTrue(output.contains("FINETUNE true"), "Fine-tune Model runs as a macro command in the launcher: " + output);
		assertTrue(output.contains("MACRO ERROR true"), "a failing command stops the macro and logs why: " + output);
		assertTrue(output.contains("PANEL ROWS 3"), "the queue panel lists the images: " + output);
		assertTrue(output.contains("PANEL PREDICT 0 image(s) predicted, 0 left"), output);
		assertTrue(output.contains("PANEL EXPORT exported 2 image(s) to") && output.contains(" true\n"), "the panel exports: " + output);
		assertTrue(output.contains("TOOLSET KEYS 5 F8 1"), "the toolset installs its five keys, and F8 lays the heat over the image: " + output);
		assertTrue(output.contains("MATCH 1 true") && output.contains("MATCH 2 true"), "the project holds exactly what the ROI Manager held: " + output);
		String brush = output.lines().filter(l -> l.startsWith("BRUSH")).findFirst().orElseThrow();
		assertTrue(brush.startsWith("BRUSH Composite") && Integer.parseInt(brush.replaceAll(".* ", "")) > 300, "a brush stroke was drawn: " + brush);
		int installed = Integer.parseInt(output.lines().filter(l -> l.startsWith("INSTALLED")).findFirst().orElseThrow().substring(10).trim());
		assertTrue(installed >= 8, "every SegLoop command is in ImageJ's Plugins menu: " + output);
		assertTrue(Files.size(Path.of("target", "gui-screenshots", "2-corrected-with-uncertainty.png")) > 10_000);
	}
}
