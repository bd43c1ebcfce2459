package org.segloop.testutil;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program of dcmtk, the independent DICOM implementation the tests check generated files
 * with and compress them with ({@code apt-get install -y dcmtk}; {@code .ci/run} installs it).
 */
public final class Dcmtk {

	/** Exit code and combined output of one run. */
	public record Run(int exit, String output) {}

	private Dcmtk() {}

	/** Runs the command (a dcmtk program and its arguments); fails the test when the program is missing or hangs. */
	public static Run run(String... command) throws IOException {
		if (!Files.isExecutable(Path.of("/usr/bin", command[0]))) fail("this test needs dcmtk's " + command[0] + ": apt-get install -y dcmtk");
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			if (!p.waitFor(120, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				fail(command[0] + " did not finish");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			fail("interrupted");
		}
		return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	/** Runs the command and fails the test unless it exits with 0. */
	public static String require(String... command) throws IOException {
		Run r = run(command);
		if (r.exit() != 0) fail(String.join(" ", command) + " failed: " + r.output());
		return r.output();
	}
}
