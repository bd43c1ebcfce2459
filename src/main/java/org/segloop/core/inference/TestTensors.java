package org.segloop.core.inference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;

import org.segloop.core.model.AxisDescription;
import org.segloop.core.model.AxisType;
import org.segloop.core.model.ModelDescription;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.ModelPackageException;
import org.segloop.core.model.TensorDescription;
import org.segloop.core.model.TestTensorEntries;
import org.segloop.core.util.Hashing;
import org.segloop.core.util.Npy;

/**
 * Records a package's current behaviour as bioimage.io test tensors: an input of an admissible
 * size, and the output that the package's own preprocessing, model and postprocessing give for
 * it. {@code segloop model check} then detects any later change of weights, runtime or
 * processing. Used by {@code model init} and, after the user edited rdf.yaml, by
 * {@code model record-tests}: rdf.yaml keeps every edit, only its test_tensor entries change.
 */
public final class TestTensors {

	/** The files written and their shapes. */
	public record Recorded(Path input, long[] inputShape, Path output, long[] outputShape) {}

	private TestTensors() {}

	/**
	 * Keeps the package's test input when it still fits the input's axes (else makes a seeded
	 * synthetic one: bright blobs on a noisy background), recomputes the test output, writes both
	 * .npy files and sets their test_tensor entries (source, sha256) in rdf.yaml.
	 *
	 * @throws ModelPackageException for a zipped package, or a 0.4 rdf.yaml that names no test tensors
	 * @throws InferenceException when the model's output contradicts rdf.yaml (nothing is written then)
	 */
	public static Recorded record(ModelPackage pkg, RuntimeOptions runtime) {
		ModelDescription d = pkg.description();
		Path rdf = d.rdfFile();
		if (pkg.source().getFileName().toString().toLowerCase().endsWith(".zip")) throw new ModelPackageException(pkg.source(),
			"is a .zip; test tensors are recorded into a package folder", "unzip it and give the folder");
		boolean v04 = d.formatVersion().startsWith("0.4.");
		TensorDescription in = d.input();
		TensorDescription out = d.output();
		if (v04 && (in.testTensor() == null || out.testTensor() == null)) throw new ModelPackageException(rdf,
			"declares no test_inputs/test_outputs", "add 'test_inputs: [test_input.npy]' and 'test_outputs: [test_output.npy]' to rdf.yaml");
		Npy.Array input = existingInput(in);
		if (input == null) {
			long[] shape = syntheticShape(in);
			input = new Npy.Array(shape, blobs(shape, in));
		}
		Npy.Array output;
		try (OnnxModel model = OnnxModel.load(pkg, runtime)) {
			output = ModelCheck.predictWhole(model, input);
		}
		Path root = d.root().toAbsolutePath();
		Path inFile = (in.testTensor() != null ? in.testTensor() : root.resolve("test_input.npy")).toAbsolutePath();
		Path outFile = (out.testTensor() != null ? out.testTensor() : root.resolve("test_output.npy")).toAbsolutePath();
		// everything is written beside its target first and moved into place only when rdf.yaml's new text is known
		Path inTmp = sibling(inFile), outTmp = sibling(outFile), rdfTmp = sibling(rdf);
		try {
			Npy.write(inTmp, input.shape(), input.data());
			Npy.write(outTmp, output.shape(), output.data());
			if (!v04) {
				String text = Files.readString(rdf, StandardCharsets.UTF_8);
				text = TestTensorEntries.set(text, "inputs", in.id(), relative(root, inFile), Hashing.sha256(inTmp));
				text = TestTensorEntries.set(text, "outputs", out.id(), relative(root, outFile), Hashing.sha256(outTmp));
				Files.writeString(rdfTmp, text, StandardCharsets.UTF_8);
			}
			Files.move(inTmp, inFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			Files.move(outTmp, outFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			if (!v04) Files.move(rdfTmp, rdf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException e) {
			throw new ModelPackageException(root, "cannot write test tensors: " + e.getMessage(), "check the folder is writable", e);
		}
		catch (IllegalArgumentException e) {
			throw new ModelPackageException(rdf, "cannot be updated: " + e.getMessage(), "add test_tensor entries to rdf.yaml by hand", e);
		}
		finally {
			for (Path tmp : List.of(inTmp, outTmp, rdfTmp)) try {
				Files.deleteIfExists(tmp);
			}
			catch (IOException ignored) {
				// a leftover temporary file is harmless; the package itself is consistent
			}
		}
		return new Recorded(inFile, input.shape(), outFile, output.shape());
	}

	/** The declared test input when it exists and still fits the input's axes and size rules, else null. */
	private static Npy.Array existingInput(TensorDescription in) {
		if (in.testTensor() == null || !Files.isRegularFile(in.testTensor())) return null;
		Npy.Array a;
		try {
			a = Npy.read(in.testTensor());
		}
		catch (RuntimeException e) {
			return null; // unreadable: make a new one
		}
		if (a.shape().length != in.axes().size()) return null;
		for (int i = 0; i < a.shape().length; i++) {
			AxisDescription axis = in.axes().get(i);
			long n = a.shape()[i];
			boolean fits = switch (axis.type()) {
				case CHANNEL -> in.channelCount() <= 0 || n == in.channelCount();
				case SPACE -> axis.size().admits((int) n);
				default -> n == 1;
			};
			if (!fits) return null;
		}
		return a;
	}

	private static long[] syntheticShape(TensorDescription in) {
		long[] shape = new long[in.axes().size()];
		for (int i = 0; i < shape.length; i++) {
			AxisDescription a = in.axes().get(i);
			shape[i] = a.type() == AxisType.SPACE ? a.size().atLeast(a.id().equals("z") ? 16 : 128)
				: a.type() == AxisType.CHANNEL ? Math.max(1, in.channelCount()) : 1;
		}
		return shape;
	}

	private static Path sibling(Path file) {
		return file.resolveSibling(file.getFileName() + ".recording");
	}

	private static String relative(Path root, Path file) {
		return root.relativize(file).toString().replace('\\', '/');
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
