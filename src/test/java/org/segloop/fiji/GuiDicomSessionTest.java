package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CT series annotated in ImageJ's real windows on an X display (see {@link OnDisplay}): one
 * calibrated stack, an oval drawn with the mouse on one slice lands on that slice only, the Window
 * command changes the display and not the values. Screenshots land in target/gui-screenshots/.
 */
class GuiDicomSessionTest {

	@TempDir
	Path dir;

	@Test
	void aRoiDrawnOnSliceFourOfACtSeriesIsStoredOnSliceFourOnly() throws Exception {
		Path project = CtProjects.predicted(dir, CtProjects.disks("1.2.826.0.1.3680043.9.7.41", 6));
		Path shots = Path.of("target", "gui-screenshots").toAbsolutePath();
		String output = OnDisplay.run(dir, GuiDicomSessionMain.class, 180, project.toString(), shots.toString(), "4");
		assertTrue(output.contains("DONE"), output);
		assertTrue(output.contains("STACK 6 0.70 2.50 mm HU"), "one stack in mm and HU: " + output);
		assertTrue(output.contains("WINDOW OPENED 40.0 400.0"), "the header's window: " + output);
		assertTrue(output.contains("SLICE LABEL position 47.50 mm"), "slice 4 is labelled with its position: " + output);
		String drawn = output.lines().filter(l -> l.startsWith("DRAWN")).findFirst().orElseThrow();
		assertTrue(drawn.startsWith("DRAWN Oval") && Integer.parseInt(drawn.replaceAll(".* ", "")) > 100, "an oval was drawn with the mouse: " + drawn);
		assertTrue(output.contains("WINDOW LUNG -600.0 1500.0"), output);
		assertTrue(output.contains("HU UNCHANGED true"), output);
		assertTrue(output.contains("HEAT PLANES 6"), "the heat of every slice, each on its own: " + output);
		String stored = output.lines().filter(l -> l.startsWith("STORED")).findFirst().orElseThrow();
		assertTrue(stored.matches("STORED 6 4:\\d+"), "the label is on slice 4 only: " + stored + "\n" + output);
		assertEquals(drawn.replaceAll(".* ", ""), stored.replaceAll(".*:", ""), "the stored object is the drawn oval, pixel for pixel");
		assertTrue(Files.size(shots.resolve("dicom-1-slice-4-lung-window-heat.png")) > 10_000);
	}
}
