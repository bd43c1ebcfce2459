package org.segloop.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.StarterPackage;
import org.segloop.core.model.WeightSet;
import org.segloop.testutil.TestModels;

/**
 * Weights that cannot be written into the graph's bytes (here: stored in an external data file)
 * reach ONNX Runtime as initializer overrides instead, and are honoured.
 */
class WeightOverridesTest {

	@TempDir
	Path dir;

	@Test
	void externallyStoredWeightsAreServedAsInitializerOverrides() throws Exception {
		Path source = Files.createDirectories(dir.resolve("source"));
		Path onnx = TestModels.externalData(source.resolve("model.onnx"), "weights.bin");
		Files.write(source.resolve("weights.bin"), ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(2f).array());
		StarterPackage.create(onnx, dir.resolve("pkg"), "external", p -> {});
		ModelPackage pkg = ModelPackage.open(dir.resolve("pkg"));
		WeightSet three = new WeightSet(Map.of("w", new WeightSet.Tensor(new long[] { 1, 1, 1, 1 }, new float[] { 3f })));
		assertFalse(pkg.canWriteWeights(three), "the weight lives outside the ONNX file");
		float[] ones = new float[16 * 16];
		Arrays.fill(ones, 1f);
		RuntimeOptions raw = new RuntimeOptions(1, true, false);
		long[][] shape = new long[1][];
		try (OnnxModel own = OnnxModel.load(pkg, raw); OnnxModel overridden = OnnxModel.load(pkg, raw, three)) {
			assertEquals(2f, own.runUnpinned(FloatBuffer.wrap(ones), new long[] { 1, 1, 16, 16 }, shape)[0], 1e-6f);
			float[] out = overridden.runUnpinned(FloatBuffer.wrap(ones), new long[] { 1, 1, 16, 16 }, shape);
			assertTrue(Arrays.stream(toDouble(out)).allMatch(v -> Math.abs(v - 3) < 1e-6), "every output is 3 × 1: " + out[0]);
		}
	}

	private static double[] toDouble(float[] f) {
		double[] d = new double[f.length];
		for (int i = 0; i < f.length; i++) d[i] = f[i];
		return d;
	}
}
