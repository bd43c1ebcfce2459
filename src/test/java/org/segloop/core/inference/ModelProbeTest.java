package org.segloop.core.inference;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.model.ModelPackageException;
import org.segloop.core.util.Hashing;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.IsolatedCache;
import org.segloop.testutil.OnnxBuilder;

/** Unknown models are test-loaded in a child JVM so that an ORT crash cannot take this one down. */
@ExtendWith(IsolatedCache.class)
class ModelProbeTest {

	@TempDir
	Path dir;

	@Test
	void aModelThatLoadsIsRememberedByItsHash() {
		Path onnx = Fixtures.bundledModel().onnxFile();
		ModelProbe.ensureLoadsSafely(onnx);
		assertTrue(Files.exists(IsolatedCache.folder().resolve("probed").resolve(Hashing.sha256(onnx))));
	}

	@Test
	void aGraphOnnxRuntimeRejectsGivesItsMessage() throws IOException {
		Path onnx = new OnnxBuilder().input("x", 1L, 1L, 8L, 8L).output("y", 1L, 1L, 8L, 8L)
			.node("NoSuchOperator", List.of("x"), List.of("y")).write(dir.resolve("bad.onnx"));
		ModelPackageException e = assertThrows(ModelPackageException.class, () -> ModelProbe.ensureLoadsSafely(onnx));
		assertTrue(e.getMessage().contains("ONNX Runtime cannot load it") && e.getMessage().contains("NoSuchOperator"), e.getMessage());
		assertTrue(Files.notExists(IsolatedCache.folder().resolve("probed").resolve(Hashing.sha256(onnx))));
	}

	@Test
	void aChildProcessThatDiesIsReportedWithoutHarmingThisJvm() {
		Path onnx = Fixtures.bundledModel().onnxFile();
		// a JVM option the child cannot start with stands in for a native crash while loading
		ModelPackageException e = assertThrows(ModelPackageException.class,
			() -> ModelProbe.ensureLoadsSafely(onnx, List.of("-XX:+ThisOptionDoesNotExist")));
		assertTrue(e.getMessage().contains("die (exit code"), e.getMessage());
	}
}
