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

	/**
	 * How a generated network resembles a public segmentation network (torchvision FCN/DeepLab,
	 * segmentation_models): RGB input that expects ImageNet normalisation, features at 1/stride,
	 * raw logits resized back to the input size with {@code Resize} (sizes taken from the input's
	 * Shape), and optionally an auxiliary head ({@code out} and {@code aux}, as the models' dict
	 * outputs are exported), per-image class scores as the first output (segmentation_models'
	 * {@code aux_params}), channels-last tensors and a fixed size.
	 *
	 * @param fixedSize input height and width, or 0 for dynamic ("height", "width")
	 */
	public record Network(boolean channelsLast, int fixedSize, boolean aux, int stride, boolean scoresFirst) {

		public static Network torchvisionLike() {
			return new Network(false, 0, true, 4, false);
		}
	}

	/** ImageNet's mean and std of RGB values scaled to 0..1, as torchvision normalises. */
	public static final double[] IMAGENET_MEAN = { 0.485, 0.456, 0.406 }, IMAGENET_STD = { 0.229, 0.224, 0.225 };

	/**
	 * A 3-class network (background, red cell, green cell) on ImageNet-normalised RGB: after the
	 * right normalisation, dark pixels are background, red ones class 1, green ones class 2. The
	 * graph's outputs declare no sizes (as when shape inference cannot follow the Resize).
	 */
	public static Path rgbNetwork(Path file, Network n) throws IOException {
		// logits per class from the normalised (r, g, b): background -2(r+g), red 4r-2g, green 4g-2r
		float[] w = { -2, -2, 0, 4, -2, 0, -2, 4, 0 };
		float[] half = new float[w.length];
		for (int i = 0; i < w.length; i++) half[i] = w[i] / 2;
		OnnxBuilder b = new OnnxBuilder();
		Object[] inDims = n.fixedSize() > 0
			? (n.channelsLast() ? new Object[] { 1L, (long) n.fixedSize(), (long) n.fixedSize(), 3L } : new Object[] { 1L, 3L, (long) n.fixedSize(), (long) n.fixedSize() })
			: (n.channelsLast() ? new Object[] { "batch", "height", "width", 3L } : new Object[] { "batch", 3L, "height", "width" });
		b.input("input", inDims);
		String image = "input";
		if (n.channelsLast()) {
			b.node("Transpose", List.of("input"), List.of("nchw"), "perm", new long[] { 0, 3, 1, 2 });
			image = "nchw";
		}
		b.initializer("head.weight", new long[] { 3, 3, 1, 1 }, w).initializer("head.bias", new long[] { 3 }, new float[3])
			.initializer("aux.weight", new long[] { 3, 3, 1, 1 }, half)
			.initializer("starts", new long[] { 1 }, new long[] { 2 }).initializer("ends", new long[] { 1 }, new long[] { 4 })
			.initializer("batch_and_classes", new long[] { 2 }, new long[] { 1, 3 })
			.node("AveragePool", List.of(image), List.of("features"), "kernel_shape", new long[] { n.stride(), n.stride() }, "strides",
				new long[] { n.stride(), n.stride() })
			.node("Shape", List.of(image), List.of("shape"))
			.node("Slice", List.of("shape", "starts", "ends"), List.of("hw"))
			.node("Concat", List.of("batch_and_classes", "hw"), List.of("sizes"), "axis", 0L);
		head(b, "head", "head.bias", "out", n.channelsLast());
		if (n.scoresFirst()) {
			b.node("ReduceMean", List.of("head.logits"), List.of("label"), "axes", new long[] { 2, 3 }, "keepdims", 0L);
			b.output("label", "batch", 3L);
		}
		if (n.aux()) head(b, "aux", null, "aux", n.channelsLast());
		Object[] outDims = n.channelsLast() ? new Object[] { "Transposeout_dim_0", "Transposeout_dim_1", "Transposeout_dim_2", "Transposeout_dim_3" }
			: new Object[] { "Resizeout_dim_0", "Resizeout_dim_1", "Resizeout_dim_2", "Resizeout_dim_3" };
		b.output("out", outDims);
		if (n.aux()) b.output("aux", outDims);
		return b.write(file);
	}

	private static void head(OnnxBuilder b, String name, String bias, String output, boolean channelsLast) {
		List<String> conv = bias == null ? List.of("features", name + ".weight") : List.of("features", name + ".weight", bias);
		b.node("Conv", conv, List.of(name + ".logits"), "kernel_shape", new long[] { 1, 1 });
		String resized = channelsLast ? name + ".resized" : output;
		b.node("Resize", List.of(name + ".logits", "", "", "sizes"), List.of(resized), "mode", "linear");
		if (channelsLast) b.node("Transpose", List.of(resized), List.of(output), "perm", new long[] { 0, 2, 3, 1 });
	}

	/**
	 * A one-channel model that pools by {@code factor} and scales its logits back by the same
	 * factor: its output has the input's size only for multiples of {@code factor}.
	 */
	public static Path needsMultiplesOf(Path file, int factor) throws IOException {
		return new OnnxBuilder().input("x", 1L, 1L, "h", "w").output("y", 1L, 2L, "h2", "w2")
			.initializer("w", new long[] { 2, 1, 1, 1 }, new float[] { -0.01f, 0.01f })
			.initializer("b", new long[] { 2 }, new float[] { 1f, -1f })
			.initializer("scales", new long[] { 4 }, new float[] { 1, 1, factor, factor })
			.node("AveragePool", List.of("x"), List.of("p"), "kernel_shape", new long[] { factor, factor }, "strides", new long[] { factor, factor })
			.node("Conv", List.of("p", "w", "b"), List.of("small"), "kernel_shape", new long[] { 1, 1 })
			.node("Resize", List.of("small", "", "scales"), List.of("y"), "mode", "nearest")
			.write(file);
	}

	/** A one-channel model of valid (unpadded) 3×3 convolutions: its output is 2 pixels smaller than its input per axis. */
	public static Path validConvolutions(Path file) throws IOException {
		float[] w = new float[2 * 9];
		for (int k = 0; k < 9; k++) {
			w[k] = -0.01f / 9;
			w[9 + k] = 0.01f / 9;
		}
		return new OnnxBuilder().input("x", 1L, 1L, "h", "w").output("y", 1L, 2L, "h2", "w2")
			.initializer("w", new long[] { 2, 1, 3, 3 }, w).initializer("b", new long[] { 2 }, new float[] { 1f, -1f })
			.node("Conv", List.of("x", "w", "b"), List.of("y"), "kernel_shape", new long[] { 3, 3 })
			.write(file);
	}
}
