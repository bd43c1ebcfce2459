package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.testutil.Projects;

/**
 * The desktop workflow with real ImageJ windows and the ROI Manager, on an X display (see
 * {@link OnDisplay}). Screenshots land in target/gui-screenshots/.
 */
class GuiSessionTest {

	@TempDir
	Path dir;

	@Test
	void threeImagesInARowWithTheRoiManagerTheBrushAndAMacroAreStoredExactly() throws Exception {
		Path project = Projects.predictedSamples(dir, 3);
		String output = OnDisplay.run(dir, GuiSessionMain.class, 180, project.toString(), Path.of("target", "gui-screenshots").toAbsolutePath().toString());
		assertTrue(output.contains("DONE"), output);
		int shown = Integer.parseInt(output.lines().filter(l -> l.startsWith("SHOWN")).findFirst().orElseThrow().replaceAll(".* ", ""));
		int left = Integer.parseInt(output.lines().filter(l -> l.startsWith("LEFT")).findFirst().orElseThrow().substring(5).trim());
		assertTrue(shown > 10, output);
		assertEquals(shown, left, "one deleted, one drawn: " + output);
		assertTrue(output.contains("CORRECTIONS 3 {new=0, predicted=0, in_progress=0, corrected=3, skipped=0, failed=0, removed=0}"),
			"the example macro corrected the rest of the queue: " + output);
		assertTrue(output.contains("FINETUNE true"), "Fine-tune Model runs as a macro command in the launcher: " + output);
		assertTrue(output.contains("MACRO ERROR true"), "a failing command stops the macro and logs why: " + output);
		assertTrue(output.contains("BRIDGE EXPORT true"), "a command with registry choices runs through the bridge, and the macro waits: " + output);
		assertTrue(output.contains("BRIDGE UNKNOWN true"), "an unknown format stops the macro with the reason in the Log: " + output);
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
