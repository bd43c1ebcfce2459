package org.segloop.core.util;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;

/**
 * The one ONNX Runtime environment of the process, created with SegLoop's log level. ORT's native
 * logger writes straight to the process's stderr, past Java; at its default level (warning) it
 * prints lines such as "[W:onnxruntime:…] Removing initializer …" and repeats every error that
 * also comes back to Java as an {@code OrtException}. So only fatal messages are printed unless
 * the user asks for more ({@code segloop --verbose}). The environment is a process-wide
 * singleton whose level is fixed when it is first created, so every SegLoop class gets it here —
 * before any other ORT class (such as SessionOptions), because creating it is also where ORT's
 * native library is first loaded: from SegLoop's cache (see NativeLibraries).
 */
public final class OrtLogging {

	private static volatile OrtLoggingLevel level = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;

	private OrtLogging() {}

	/** Sets the native log level; it takes effect only if no ORT environment exists yet in this process. */
	public static void setLevel(OrtLoggingLevel value) {
		level = value;
	}

	public static OrtLoggingLevel level() {
		return level;
	}

	private static OrtEnvironment environment;

	public static synchronized OrtEnvironment environment() {
		if (environment == null) {
			NativeLibraries.prepareOnnxRuntime();
			environment = OrtEnvironment.getEnvironment(level, "segloop");
			NativeLibraries.removeOnnxRuntimeTemporaryFolder();
		}
		return environment;
	}
}
