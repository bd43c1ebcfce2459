package org.segloop.core.dicom.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The canary: after de-identification no marker byte is left in any copy or copy name. */
class DeidentifyFilesCanaryTest {

	@TempDir
	Path dir;

	@Test
	void noMarkerSurvivesTheBasicProfile() throws IOException {
		Path in = CanaryDicom.write(dir.resolve("in"), "PID-1", "1", "2", 3);
		List<String> before = CanaryDicom.leaks(CanaryDicom.markers(true), in);
		assertTrue(before.size() > 3, "the canary must be in the inputs: " + before);
		DeidentifyFiles.Outcome o = new DeidentifyFiles(DeidKey.random(), DeidOptions.basic(), false).run(List.of(in), dir.resolve("out"));
		assertEquals(3, o.copies().size(), o.unreadable().toString());
		assertEquals(List.of(), CanaryDicom.leaks(CanaryDicom.markers(true), dir.resolve("out")));
	}

	@Test
	void noMarkerSurvivesWithAllOptions() throws IOException {
		DeidOptions all = new DeidOptions(true, true, true);
		Path in = CanaryDicom.write(dir.resolve("in"), "PID-1", "1", "2", 2, all);
		DeidentifyFiles.Outcome o = new DeidentifyFiles(DeidKey.random(), all, false).run(List.of(in), dir.resolve("out"));
		assertEquals(2, o.copies().size(), o.unreadable().toString());
		assertEquals(List.of(), CanaryDicom.leaks(CanaryDicom.markers(false), dir.resolve("out")));
	}
}
