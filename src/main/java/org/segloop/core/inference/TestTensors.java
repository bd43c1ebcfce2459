package org.segloop.core.inference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.segloop.core.model.AxisDescription;
import org.segloop.core.model.AxisType;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.ModelPackageException;
import org.segloop.core.model.TensorDescription;
import org.segloop.core.util.Hashing;
import org.segloop.core.util.Npy;

/**
 * Records a package's current behaviour as bioimage.io test tensors: a seeded synthetic input
 * (bright blobs on a noisy background) of an admissible size, and the model's output for it.
 * {@code segloop model check} then detects any later change of weights, runtime or preprocessing.
 */
public final class TestTensors {

	private TestTensors() {}

	/** Writes test_input.npy and test_output.npy next to rdf.yaml and adds them to a starter rdf.yaml. */
	public static void record(ModelPackage pkg, RuntimeOptions runtime) {
		TensorDescription in = pkg.description().input();
		long[] shape = new long[in.axes().size()];
		for (int i = 0; i < shape.length; i++) {
			AxisDescription a = in.axes().get(i);
			shape[i] = a.type() == AxisType.SPACE ? a.size().atLeast(a.id().equals("z") ? 16 : 128)
				: a.type() == AxisType.CHANNEL ? Math.max(1, in.channelCount()) : 1;
		}
		Npy.Array input = new Npy.Array(shape, blobs(shape, in));
		Npy.Array output;
		try (OnnxModel model = OnnxModel.load(pkg, runtime)) {
			output = ModelCheck.predictWhole(model, input);
		}
		Path root = pkg.description().root();
		Path rdf = pkg.description().rdfFile();
		try {
			Npy.write(root.resolve("test_input.npy"), input.shape(), input.data());
			Npy.write(root.resolve("test_output.npy"), output.shape(), output.data());
			String text = Files.readString(rdf, StandardCharsets.UTF_8);
			String marker = "    data:\n      type: float32\n";
			int first = text.indexOf(marker);
			int second = text.indexOf(marker, first + 1);
			if (first < 0 || second < 0 || text.contains("test_tensor")) throw new ModelPackageException(rdf,
				"is not a starter rdf.yaml written by 'model init'", "add test_tensor entries by hand");
			String out = text.substring(0, first) + entry("test_input.npy", root) + text.substring(first, second)
				+ entry("test_output.npy", root) + text.substring(second);
			Files.writeString(rdf, out, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new ModelPackageException(root, "cannot write test tensors: " + e.getMessage(), "check the folder is writable", e);
		}
	}

	private static String entry(String file, Path root) {
		return "    test_tensor:\n      source: " + file + "\n      sha256: " + Hashing.sha256(root.resolve(file)) + "\n";
	}

	private static float[] blobs(long[] shape, TensorDescription in) {
		int n = 1;
		for (long d : shape) n *= (int) d;
		float[] data = new float[n];
		List<AxisDescription> axes = in.axes();
		Random rnd = new Random(42);
		int[] stride = new int[shape.length];
		for (int i = shape.length - 1, s = 1; i >= 0; i--) {
			stride[i] = s;
			s *= (int) shape[i];
		}
		double[][] centres = new double[12][3];
		for (double[] c : centres) for (int k = 0; k < 3; k++) c[k] = rnd.nextDouble();
		for (int flat = 0; flat < n; flat++) {
			double[] pos = new double[3];
			int p = 0;
			for (int i = 0; i < shape.length; i++)
				if (axes.get(i).type() == AxisType.SPACE) pos[p++] = ((flat / stride[i]) % shape[i]) / (double) shape[i];
			double v = 100 + 20 * rnd.nextGaussian();
			for (double[] c : centres) {
				double d2 = 0;
				for (int k = 0; k < p; k++) d2 += (pos[k] - c[k]) * (pos[k] - c[k]);
				v += 800 * Math.exp(-d2 / 0.002);
			}
			data[flat] = (float) v;
		}
		return data;
	}
}
