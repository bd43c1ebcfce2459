package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.project.ProjectSettings;
import org.segloop.testutil.CtPhantomProjects;

/** A CT phantom volume corrected slice-wise in ImageJ's real windows on an X display (see {@link OnDisplay} and {@link GuiCtCorrectionMain}). */
class GuiCtCorrectionTest {

	@TempDir
	Path dir;

	private static String line(String output, String prefix) {
		return output.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " in: " + output));
	}

	@Test
	void aVolumeIsWalkedByUncertaintyAndItsTwoEditedKeySlicesAreAcceptedWithInterpolation() throws Exception {
		Path project = CtPhantomProjects.predicted(dir, 21, 64, 64, 16, ProjectSettings.defaults());
		Path shots = Path.of("target", "gui-screenshots").toAbsolutePath();
		String output = OnDisplay.run(dir, GuiCtCorrectionMain.class, 240, project.toString(), shots.toString());
		assertTrue(output.contains("DONE"), output);
		String[] ranking = line(output, "RANKING ").substring(8).split(" ");
		assertEquals(16, ranking.length, output);
		assertEquals("OPENED " + ranking[0] + " of 16", line(output, "OPENED"), "opened at the most uncertain slice");
		assertEquals("MACRO NEXT " + ranking[1], line(output, "MACRO NEXT"), "the command by macro");
		assertEquals("KEY F4 " + ranking[1] + " -> " + ranking[2], line(output, "KEY F4"), "its key on the image window");
		assertEquals("MACRO PREVIOUS " + ranking[1], line(output, "MACRO PREVIOUS"));
		assertEquals("PANEL SLICES 16 FIRST " + ranking[0] + " MARKED 1", line(output, "PANEL SLICES"), "the list marks the slice shown (rank 2)");
		assertEquals("PANEL CHOSE " + ranking[5] + " SHOWN " + ranking[5] + " MARKED 5", line(output, "PANEL CHOSE"), "a row chosen shows its slice");
		assertTrue(line(output, "KEY SLICES").startsWith("KEY SLICES 5,9 "), output);
		String stored = line(output, "STORED");
		assertTrue(stored.matches("STORED semantic 16 centre \\d{4}22222\\d{7} kept as proposed true"),
			"a lesion (class 2) on the two key slices as drawn and on the three between, interpolated; the rest as proposed: " + stored + "\n" + output);
		assertTrue(line(output, "EXPORT dicom-seg").startsWith("EXPORT dicom-seg exported 1 image(s)"), output);
		assertTrue(line(output, "EXPORT nifti").startsWith("EXPORT nifti exported 1 image(s)"), output);
		String voxels = line(output, "LESION VOXELS");
		assertTrue(voxels.matches("LESION VOXELS stored (\\d+) nifti \\1") && !voxels.contains("stored 0 "), "the NIfTI holds the completed volume: " + voxels);
		assertEquals("ROLES edited [4, 8] interpolated [5, 6, 7] kept 11", line(output, "ROLES"), "the roles stored with the correction (0-based planes)");
	}
}
