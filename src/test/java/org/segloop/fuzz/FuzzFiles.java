package org.segloop.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.segloop.core.SegLoopException;

/**
 * Where the fuzz harnesses put their inputs, and the contract every reader keeps: whatever the
 * bytes, it returns a result or throws a {@link SegLoopException} that names the file it read.
 * Anything else that escapes (NullPointerException, ArithmeticException, OutOfMemoryError, a
 * StackOverflowError, …) is a finding, and so is a hang (each harness has a time bound).
 */
final class FuzzFiles {

	private static final java.util.regex.Pattern JAVA_THROWABLE = java.util.regex.Pattern.compile("\\b(java|javax|org|com)\\.[\\w.$]*(Exception|Error)\\b");

	private FuzzFiles() {}

	/** A fresh folder for one harness, removed when the JVM ends. */
	static Path folder(String name) {
		try {
			Path dir = Files.createTempDirectory("segloop-fuzz-" + name);
			dir.toFile().deleteOnExit();
			return dir;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static Path write(Path file, byte[] bytes) {
		try {
			Files.createDirectories(file.getParent());
			return Files.write(file, bytes);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A refusal is typed and says which file it is about, by name. */
	static void assertNamesFile(SegLoopException e, Path expected) {
		assertNotNull(e.file(), () -> "a refusal names its file: " + e.getMessage());
		assertTrue(e.getMessage().contains(expected.getFileName().toString()) || e.getMessage().contains(e.file().getFileName().toString()),
			() -> "the message names the file: " + e.getMessage());
		// the message may quote the file (e.g. a header that says "Exception"), but not name a Java exception class
		assertTrue(!JAVA_THROWABLE.matcher(e.getMessage()).find(), () -> "a message, not an exception's name: " + e.getMessage());
	}
}
