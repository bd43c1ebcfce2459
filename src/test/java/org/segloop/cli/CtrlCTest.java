package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.testutil.Fixtures;

/** Ctrl-C during `segment` stops promptly and leaves only complete output files. */
class CtrlCTest {

	@TempDir
	Path dir;

	@Test
	void interruptingSegmentLeavesNoHalfWrittenFiles() throws IOException, InterruptedException {
		Path out = dir.resolve("out");
		Path images = Fixtures.BUNDLED_MODEL.resolve("samples");
		List<String> command = new java.util.ArrayList<>();
		// a test run started in the background (nohup, &) passes SIGINT on as ignored, and a JVM cannot
		// handle a signal it was started ignoring: perl (Essential in Debian) puts the default back first
		if (Files.isExecutable(Path.of("/usr/bin/perl"))) command.addAll(List.of("/usr/bin/perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die"));
		command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
			Main.class.getName(), "segment", Fixtures.BUNDLED_MODEL.toString(), images.toString(), "--out", out.toString(), "--tile", "64",
			"--overlap", "32", "--quiet"));
		Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
		// wait until the first probability file is being written, then press Ctrl-C
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline && !hasPartFile(out)) Thread.sleep(20);
		assertTrue(hasPartFile(out), "segment never started writing: " + Files.readString(dir.resolve("log.txt")));
		new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
		assertTrue(p.waitFor(30, TimeUnit.SECONDS), "segment did not stop after Ctrl-C");
		assertEquals(130, p.exitValue());
		assertTrue(Files.readString(dir.resolve("log.txt")).contains("cancelled"));
		assertTrue(!hasPartFile(out), "half-written files left: " + list(out));
	}

	private static boolean hasPartFile(Path dir) throws IOException {
		return list(dir).stream().anyMatch(f -> f.endsWith(".part"));
	}

	private static List<String> list(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) return List.of();
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(f -> f.getFileName().toString()).toList();
		}
	}
}
