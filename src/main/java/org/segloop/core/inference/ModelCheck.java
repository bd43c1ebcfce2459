package org.segloop.core.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import ai.onnxruntime.OrtException;

import org.segloop.core.image.Calibration;
import org.segloop.core.model.AxisType;
import org.segloop.core.model.ModelDescription;
import org.segloop.core.model.ModelPackageException;
import org.segloop.core.model.TensorDescription;
import org.segloop.core.util.Npy;

/**
 * Runs a package's test input through preprocessing, the ONNX model and postprocessing as one
 * whole tensor (as bioimage.io defines the test) and compares with the test output.
 */
public final class ModelCheck {

	/** Outcome of a check; {@code passed()} when the largest absolute difference is within tolerance. */
	public record Report(String model, long[] inputShape, long[] outputShape, double maxAbsError, double tolerance, double seconds) {

		public boolean passed() {
			return maxAbsError <= tolerance;
		}
	}

	private ModelCheck() {}

	public static Report run(OnnxModel model, double tolerance) {
		long start = System.nanoTime();
		ModelDescription d = model.modelPackage().description();
		TensorDescription in = d.input();
		TensorDescription out = d.output();
		if (in.testTensor() == null || out.testTensor() == null) throw new ModelPackageException(d.rdfFile(),
			"declares no test tensors", "add test_tensor entries (a .npy input and the expected .npy output) to rdf.yaml");
		Npy.Array input = Npy.read(in.testTensor());
		Npy.Array expected = Npy.read(out.testTensor());
		Npy.Array actual = predictWhole(model, input);
		if (!Arrays.equals(actual.shape(), expected.shape())) throw new InferenceException(d.rdfFile(),
			"the model's output shape " + Arrays.toString(actual.shape()) + " contradicts the test output "
				+ Arrays.toString(expected.shape()) + " declared in rdf.yaml",
			"correct the output axes or the test tensor in rdf.yaml");
		double maxErr = 0;
		for (int i = 0; i < actual.data().length; i++) {
			double e = Math.abs(actual.data()[i] - expected.data()[i]);
			if (!(e <= maxErr)) maxErr = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
		}
		return new Report(d.name(), input.shape(), actual.shape(), maxErr, tolerance, (System.nanoTime() - start) / 1e9);
	}

	/**
	 * Preprocesses a raw input tensor (in the model's axis order) with statistics over the whole
	 * tensor, runs the model once, and postprocesses the output, as bioimage.io test tensors define.
	 */
	public static Npy.Array predictWhole(OnnxModel model, Npy.Array input) {
		ModelDescription d = model.modelPackage().description();
		TensorDescription in = d.input();
		TensorDescription out = d.output();
		Path source = in.testTensor() == null ? d.rdfFile() : in.testTensor();
		TensorLayout inLayout = layoutOf(in, input.shape(), d, "input", source);
		int spatial = inLayout.depth() * inLayout.height() * inLayout.width();
		float[][] channels = new float[inLayout.channels()][spatial];
		forEachVoxel(inLayout, (c, i, flat) -> channels[c][i] = input.data()[flat]);
		List<List<Object>> planes = Arrays.stream(channels).map(a -> List.<Object>of(a)).toList();
		Preprocessor pre = new Preprocessor(in.processing(), d.settings().intensityWindow(), Preprocessor.NonFinitePolicy.ZERO);
		ValuePipeline[] pipelines = pre.compile(planes, Calibration.none(), source);
		FloatBuffer buffer = ByteBuffer.allocateDirect(inLayout.size() * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
		forEachVoxel(inLayout, (c, i, flat) -> buffer.put(flat, (float) pipelines[c].apply(channels[c][i])));

		long[][] actualShape = new long[1][];
		float[] actual;
		try {
			actual = model.runUnpinned(buffer, inLayout.shape(), actualShape);
		}
		catch (OrtException e) {
			throw new InferenceException(model.modelPackage().onnxFile(), "failed on an input of shape "
				+ Arrays.toString(input.shape()) + ": " + OnnxModel.firstLine(e.getMessage()),
				"check the axes and sizes declared in rdf.yaml", e);
		}
		if (actualShape[0].length != out.axes().size()) throw new InferenceException(d.rdfFile(),
			"the model's output has shape " + Arrays.toString(actualShape[0]) + " but rdf.yaml declares " + out.axes().size() + " output axes",
			"list exactly the model's output axes in rdf.yaml");
		TensorLayout outLayout = layoutOf(out, actualShape[0], d, "output", d.rdfFile());
		Postprocessor post = new Postprocessor(model.remainingPostprocessing());
		float[][] rows = new float[outLayout.channels()][outLayout.width()];
		for (int z = 0; z < outLayout.depth(); z++)
			for (int y = 0; y < outLayout.height(); y++) {
				for (int c = 0; c < rows.length; c++)
					for (int x = 0; x < outLayout.width(); x++) rows[c][x] = actual[outLayout.index(c, z, y, x)];
				post.applyRows(rows, outLayout.width());
				for (int c = 0; c < rows.length; c++)
					for (int x = 0; x < outLayout.width(); x++) actual[outLayout.index(c, z, y, x)] = rows[c][x];
			}
		return new Npy.Array(actualShape[0], actual);
	}

	private static TensorLayout layoutOf(TensorDescription t, long[] shape, ModelDescription d, String what, Path file) {
		if (shape.length != t.axes().size()) throw new ModelPackageException(file,
			"has " + shape.length + " dimensions but the " + what + " '" + t.id() + "' declares " + t.axes().size() + " axes",
			"save the test tensor with exactly the declared axes (rdf.yaml: " + d.rdfFile().getFileName() + ")");
		int channels = 1;
		int[] spatial = new int[t.spatialAxes().size()];
		int s = 0;
		for (int i = 0; i < shape.length; i++) {
			if (t.axes().get(i).type() == AxisType.CHANNEL) channels = (int) shape[i];
			else if (t.axes().get(i).type() == AxisType.SPACE) spatial[s++] = (int) shape[i];
			else if (shape[i] != 1) throw new ModelPackageException(file, "has size " + shape[i] + " on axis '"
				+ t.axes().get(i).id() + "'", "test tensors must hold a single sample (batch size 1)");
		}
		return TensorLayout.of(t, channels, spatial);
	}

	private interface VoxelVisitor {
		void visit(int channel, int spatialIndex, int flatIndex);
	}

	private static void forEachVoxel(TensorLayout l, VoxelVisitor v) {
		for (int c = 0; c < l.channels(); c++)
			for (int z = 0, i = 0; z < l.depth(); z++)
				for (int y = 0; y < l.height(); y++)
					for (int x = 0; x < l.width(); x++, i++)
						v.visit(c, i, l.index(c, z, y, x));
	}
}
