package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One open project, used at once by macro and script threads and by the queue panel (see
 * {@link SessionThreadsMain}): everything they store is exact and consistent, no error escapes,
 * and the panel's Swing components are only touched on the Event Dispatch Thread.
 */
class SessionThreadsTest {

	@TempDir
	Path dir;

	@Test
	void commandThreadsAndTheQueuePanelWorkingAtOnceStoreExactlyWhatWasShown() throws Exception {
		String output = OnDisplay.run(dir, SessionThreadsMain.class, 180, dir.resolve("work").toString());
		output.lines().filter(l -> l.matches("(ERRORS|EDT VIOLATIONS|EXACT|AUDIT|JOURNAL|PENDING|PANEL MESSAGE) .*")).forEach(System.out::println);
		assertTrue(output.contains("DONE"), output);
		assertTrue(output.contains("ERRORS 0 "), "no error escapes any thread: " + output);
		assertTrue(output.contains("EDT VIOLATIONS 0 "), "the panel's Swing work runs on the Event Dispatch Thread: " + output);
		String exact = line(output, "EXACT");
		String[] n = exact.split(" ");
		assertEquals(n[1], n[3], "every correction is exactly the proposal shown when it was accepted: " + output);
		assertTrue(Integer.parseInt(n[3]) >= 2, "the threads accepted images: " + output);
		assertTrue(output.contains("AUDIT []"), output);
		assertTrue(line(output, "JOURNAL").startsWith("JOURNAL true"), "one journal event per accept, skip and prediction: " + output);
		assertTrue(output.contains("PENDING 0"), "the panel predicted the images that had no proposal: " + output);
	}

	private static String line(String output, String start) {
		return output.lines().filter(l -> l.startsWith(start + " ")).findFirst().orElseThrow(() -> new AssertionError("no " + start + " in: " + output));
	}
}
