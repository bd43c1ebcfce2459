package org.segloop.testutil;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Small ONNX models "from elsewhere", built with {@link OnnxBuilder}. */
public final class TestModels {

	private TestModels() {}

	/**
	 * An RGB, channels-last model with a fixed 96×96 input that outputs raw logits for
	 * (background, object): object where the mean of the normalised channels exceeds 0.5.
	 */
	public static Path rgbChannelsLast(Path file) throws IOException {
		float[] w = new float[2 * 3];
		for (int c = 0; c < 3; c++) {
			w[c] = -10f / 3; // background: -10 * mean
			w[3 + c] = 10f / 3; // object: +10 * mean
		}
		return new OnnxBuilder().input("image", 1L, 96L, 96L, 3L).output("logits", 1L, 2L, 96L, 96L)
			.initializer("w", new long[] { 2, 3, 1, 1 }, w).initializer("b", new long[] { 2 }, new float[] { 5f, -5f })
			.node("Transpose", List.of("image"), List.of("nchw"), "perm", new long[] { 0, 3, 1, 2 })
			.node("Conv", List.of("nchw", "w", "b"), List.of("logits"), "kernel_shape", new long[] { 1, 1 })
			.write(file);
	}

	/** A 3D model (N, 1, Z, Y, X) with dynamic sizes: 3×3×3 mean filter, then logits as above. */
	public static Path volumetric(Path file) throws IOException {
		float[] mean = new float[27];
		java.util.Arrays.fill(mean, 1f / 27);
		return new OnnxBuilder().input("volume", 1L, 1L, "d", "h", "w").output("logits", 1L, 2L, "d", "h", "w")
			.initializer("k", new long[] { 1, 1, 3, 3, 3 }, mean)
			.initializer("w", new long[] { 2, 1, 1, 1, 1 }, new float[] { -10f, 10f })
			.initializer("b", new long[] { 2 }, new float[] { 5f, -5f })
			.node("Conv", List.of("volume", "k"), List.of("smooth"), "kernel_shape", new long[] { 3, 3, 3 }, "pads",
				new long[] { 1, 1, 1, 1, 1, 1 })
			.node("Conv", List.of("smooth", "w", "b"), List.of("logits"), "kernel_shape", new long[] { 1, 1, 1 })
			.write(file);
	}

	/** A model whose weights are said to live at {@code location} (e.g. outside its folder). */
	public static Path externalData(Path file, String location) throws IOException {
		return new OnnxBuilder().input("x", 1L, 1L, "h", "w").output("y", 1L, 1L, "h", "w")
			.externalInitializer("w", new long[] { 1, 1, 1, 1 }, location)
			.node("Conv", List.of("x", "w"), List.of("y"), "kernel_shape", new long[] { 1, 1 })
			.write(file);
	}
}
