package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test program in a child JVM on an X display: Xvfb ({@code apt-get install -y xvfb};
 * .ci/run installs it) or the display in $DISPLAY. Real windows need a display, and a child JVM
 * keeps ImageJ's windows and AWT threads out of the test JVM.
 */
final class OnDisplay {

	private OnDisplay() {}

	/** Runs {@code main} with {@code args}, fails the test if it does not end in time; returns what it printed. */
	static String run(Path dir, Class<?> main, int timeoutSeconds, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		if (System.getenv("DISPLAY") == null) {
			if (!Files.isExecutable(Path.of("/usr/bin/xvfb-run"))) fail("GUI tests need an X display: apt-get install -y xvfb (or set DISPLAY)");
			command.addAll(List.of("/usr/bin/xvfb-run", "-a", "-s", "-screen 0 1280x1024x24"));
		}
		command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=false", "-cp",
			System.getProperty("java.class.path"), main.getName()));
		command.addAll(List.of(args));
		Path log = Files.createTempFile(dir, main.getSimpleName(), ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
		if (!ended) process.descendants().forEach(ProcessHandle::destroyForcibly);
		if (!ended) process.destroyForcibly();
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertTrue(ended, main.getSimpleName() + " hung (a dialog? a deadlock?): " + output);
		return output;
	}
}
