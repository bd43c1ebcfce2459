package org.segloop.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.SegLoopException;
import org.segloop.testutil.NativeLoadMain;

/**
 * ONNX Runtime (22 MB) and SQLite unpack their native libraries into a new temporary file per
 * process by themselves, and a process killed with kill -9 leaves it behind. SegLoop unpacks them
 * once into its cache and points both libraries there.
 */
class NativeLibrariesTest {

	@TempDir
	Path dir;

	@Test
	void processesThatLoadOnnxRuntimeAndSqliteLeaveNothingInTheTemporaryFolderAndShareOneUnpackedCopy() throws Exception {
		Path tmp = Files.createDirectories(dir.resolve("tmp"));
		Path cache = dir.resolve("cache");
		Map<String, Object> first = null;
		for (int run = 0; run < 2; run++) {
			Process child = start(tmp, cache, dir.resolve("project"));
			try {
				awaitLoaded(child);
				assertEquals(List.of(), entries(tmp), "while running (run " + run + ")");
			}
			finally {
				child.destroyForcibly(); // as kill -9: no shutdown hooks, no delete-on-exit
				child.waitFor(30, TimeUnit.SECONDS);
			}
			assertEquals(List.of(), entries(tmp), "after a kill (run " + run + ")");
			Map<String, Object> unpacked = unpackedLibraries(cache);
			assertTrue(unpacked.keySet().stream().anyMatch(n -> n.contains("onnxruntime4j_jni")), unpacked.toString());
			assertTrue(unpacked.keySet().stream().anyMatch(n -> n.contains("sqlitejdbc")), unpacked.toString());
			if (first == null) first = unpacked;
			else assertEquals(first, unpacked, "the second process reuses the first one's files, unchanged");
		}
	}

	@Test
	void twoProcessesStartingAtOnceOnAnEmptyCacheBothLoadAndLeaveOneCompleteCopy() throws Exception {
		Path tmp = Files.createDirectories(dir.resolve("tmp"));
		Path cache = dir.resolve("cache");
		List<Process> children = List.of(start(tmp, cache, dir.resolve("p1")), start(tmp, cache, dir.resolve("p2")));
		try {
			for (Process child : children) awaitLoaded(child);
		}
		finally {
			for (Process child : children) {
				child.destroyForcibly();
				child.waitFor(30, TimeUnit.SECONDS);
			}
		}
		assertEquals(List.of(), entries(tmp));
		Map<String, Object> unpacked = unpackedLibraries(cache);
		assertEquals(3, unpacked.size(), "libonnxruntime, its JNI library and SQLite's, no half-written file: " + unpacked.keySet());
	}

	@Test
	void aCacheFolderThatCannotBeWrittenIsNamedWithTheFix() throws IOException {
		Path blocked = Files.writeString(dir.resolve("not-a-folder"), "a file where the cache folder should be");
		SegLoopException e = assertThrows(SegLoopException.class, () -> NativeLibraries.unpack(blocked.resolve("native"), "onnxruntime",
			List.of(NativeLibraries.class.getResource("NativeLibraries.class"))));
		assertTrue(e.getMessage().contains("onnxruntime's native library"), e.getMessage());
		assertTrue(e.fix().contains("SEGLOOP_CACHE"), e.fix());
		assertTrue(e.file().startsWith(blocked), e.file().toString());
		assertFalse(e.getMessage().contains("restore"), e.getMessage());
	}

	private static Process start(Path tmp, Path cache, Path project) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
			"-Djava.io.tmpdir=" + tmp, "-Dsegloop.cache=" + cache, "-Djava.awt.headless=true",
			"-cp", System.getProperty("java.class.path"), NativeLoadMain.class.getName(), project.toString()));
		return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
	}

	private static void awaitLoaded(Process child) throws IOException {
		BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
		for (String line; (line = out.readLine()) != null;)
			if (line.equals(NativeLoadMain.LOADED)) return;
		throw new AssertionError("the child exited with " + child.onExit().join().exitValue() + " before loading its libraries");
	}

	private static List<String> entries(Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	/** Name → (size, modification time, file key) of every file under cache/native. */
	private static Map<String, Object> unpackedLibraries(Path cache) throws IOException {
		Map<String, Object> files = new TreeMap<>();
		try (Stream<Path> s = Files.walk(cache.resolve("native"))) {
			for (Path p : s.filter(Files::isRegularFile).toList()) {
				BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
				files.put(cache.relativize(p).toString(), List.of(a.size(), a.lastModifiedTime(), String.valueOf(a.fileKey())));
			}
		}
		return files;
	}
}
