package org.segloop.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.segloop.core.SegLoopException;
import org.segloop.core.util.OrtLogging;

import ai.onnxruntime.OrtLoggingLevel;

/**
 * Where diagnostics go, so that stdout carries only the program's own output (results, JSON).
 * Libraries print to {@code System.out}: ImageJ 1 writes its messages there in headless mode
 * ("Unsupported format or file not found"), and so does PixelMed's JPEG lossless codec while
 * probing ("JPEGLosslessImageReaderSpi.canDecodeInput() = false"). {@link Main#main} keeps the real stdout for the program and points {@code System.out}
 * at stderr; with {@code --log FILE} such messages and stack traces are appended to FILE
 * instead. ONNX Runtime's native logger writes to the process's stderr on its own; it prints
 * only fatal messages unless {@code --verbose} asks for its warnings.
 */
final class Diagnostics implements AutoCloseable {

	private static volatile PrintStream stream = System.err;

	private final PrintStream previousOut;
	private final PrintStream previousStream;
	private final PrintStream file;

	private Diagnostics(Path log) {
		previousOut = System.out;
		previousStream = stream;
		if (log == null) {
			file = null;
			return;
		}
		try {
			file = new PrintStream(new FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new SegLoopException(log, "cannot be opened for the log: " + e.getMessage(), "give --log a file in a folder you can write to");
		}
		System.setOut(file);
		stream = file;
	}

	/** Points library output and stack traces at {@code log} (null: leave them where they are) until closed; sets ORT's log level. */
	static Diagnostics open(Path log, boolean verbose) {
		if (verbose) OrtLogging.setLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING);
		return new Diagnostics(log);
	}

	/** Where stack traces and library messages go: stderr, or the --log file. */
	static PrintStream stream() {
		return stream;
	}

	/**
	 * Takes the process's stdout for the program and sends everything else that prints to
	 * {@code System.out} to stderr. Called once, first thing in {@code main}.
	 */
	static PrintStream claimStdout() {
		PrintStream stdout = System.out;
		System.setOut(System.err);
		return stdout;
	}

	@Override
	public void close() {
		if (file == null) return;
		System.setOut(previousOut);
		stream = previousStream;
		file.close();
	}
}
