package org.segloop.core.inference;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import ai.onnxruntime.OrtEnvironment;

import org.segloop.core.UserAction;
import org.segloop.core.model.ModelPackageException;
import org.segloop.core.util.Folders;
import org.segloop.core.util.Hashing;

/**
 * Loads an ONNX file that this machine has not loaded before in a short-lived child JVM first.
 * Malformed models have crashed ONNX Runtime's native code (onnxruntime #4349, #4585), which would
 * take Fiji down with the user's unsaved work; a crash in the child only costs the child. Models
 * that load are remembered by content hash under the cache folder, so the check runs once per
 * model (about a second).
 */
public final class ModelProbe {

	static final long TIMEOUT_SECONDS = 120;

	private ModelProbe() {}

	/** Returns when the model loads in a child JVM (or did before); otherwise throws a typed error. */
	public static void ensureLoadsSafely(Path onnx) {
		ensureLoadsSafely(onnx, List.of());
	}

	static void ensureLoadsSafely(Path onnx, List<String> extraJvmArgs) {
		if ("false".equals(System.getProperty("segloop.probe"))) return;
		Path marker = Folders.cacheRoot().resolve("probed").resolve(Hashing.sha256(onnx));
		if (Files.exists(marker)) return;
		List<String> cmd = new ArrayList<>();
		cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		cmd.add("-Xmx512m");
		cmd.add("-Djava.awt.headless=true");
		cmd.add("-Dsegloop.cache=" + Folders.cacheRoot()); // the child loads ORT from the same unpacked copy
		cmd.addAll(extraJvmArgs);
		cmd.addAll(List.of("-cp", classPath(), ProbeMain.class.getName(), onnx.toAbsolutePath().toString()));
		String output;
		int code;
		Path log = null;
		try {
			log = Files.createTempFile("segloop-probe", ".log");
			Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			p.getOutputStream().close();
			if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new ModelPackageException(onnx, "took more than " + TIMEOUT_SECONDS + " s to load in ONNX Runtime",
					"the model is too large or malformed; check the package on a machine with more memory", UserAction.CHECK_MODEL);
			}
			output = Files.readString(log, StandardCharsets.UTF_8).trim();
			code = p.exitValue();
		}
		catch (IOException e) {
			throw new ModelPackageException(onnx, "could not be test-loaded in a separate process: " + e.getMessage(),
				"check that Java can start processes here, or set -Dsegloop.probe=false for trusted models", e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new java.util.concurrent.CancellationException("interrupted while test-loading " + onnx);
		}
		finally {
			if (log != null) log.toFile().delete();
		}
		if (code == 0 && output.endsWith(ProbeMain.OK)) {
			try {
				Files.createDirectories(marker.getParent());
				Files.writeString(marker, onnx.toAbsolutePath().toString());
			}
			catch (IOException e) {
				// not remembered: the probe runs again next time, which is only slower
			}
			return;
		}
		int error = output.lastIndexOf(ProbeMain.ERROR);
		if (code == ProbeMain.EXIT_ORT_ERROR && error >= 0) throw new ModelPackageException(onnx,
			"ONNX Runtime cannot load it: " + output.substring(error + ProbeMain.ERROR.length()).trim(),
			"check that the model was exported with a standard opset (13 or newer) and runs in onnxruntime");
		throw new ModelPackageException(onnx, "made the test process that loaded it in ONNX Runtime die (exit code " + code
			+ "); SegLoop did not load it into this process"
			+ (output.isEmpty() ? "" : ". Last output: " + last(output, 300)),
			"the model file is malformed; export it again, or report it to the model's authors");
	}

	private static String classPath() {
		Set<String> entries = new LinkedHashSet<>();
		for (Class<?> c : List.of(ProbeMain.class, OrtEnvironment.class)) {
			try {
				entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
			}
			catch (URISyntaxException | RuntimeException e) {
				entries.add(System.getProperty("java.class.path"));
			}
		}
		return String.join(java.io.File.pathSeparator, entries);
	}

	private static String last(String s, int n) {
		return s.length() <= n ? s : "…" + s.substring(s.length() - n);
	}
}
