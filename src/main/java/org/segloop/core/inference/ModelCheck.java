package org.segloop.core.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import ai.onnxruntime.OrtException;

import org.segloop.core.UserAction;
import org.segloop.core.image.Calibration;
import org.segloop.core.model.AxisDescription;
import org.segloop.core.model.AxisSize;
import org.segloop.core.model.AxisType;
import org.segloop.core.model.ModelDescription;
import org.segloop.core.model.ModelPackageException;
import org.segloop.core.model.TensorDescription;
import org.segloop.core.util.Npy;

/**
 * Runs a package's test input through preprocessing, the ONNX model and postprocessing as one
 * whole tensor (as bioimage.io defines the test) and compares with the test output. Whatever
 * {@code segment} would reject is rejected here too: the output's shape must be the one rdf.yaml
 * implies ({@link OutputShape}, the rule segment binds its buffers by), for the test input and for
 * the smallest tiles the size rules admit.
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
		checkTileSizes(model);
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
		checkOutputShape(model, input.shape(), spatialSizes(in, input.shape()), actualShape[0]);
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

	/**
	 * Runs a zero tile of the smallest and the next admissible size per axis (what segment uses for
	 * small images) and checks the output shapes: a size rule the model does not honour fails here,
	 * not in the middle of a segmentation.
	 */
	static void checkTileSizes(OnnxModel model) {
		TensorDescription in = model.modelPackage().description().input();
		List<AxisDescription> space = in.spatialAxes();
		if (space.stream().allMatch(a -> a.size() instanceof AxisSize.Fixed)) return;
		int[] smallest = new int[space.size()];
		for (int i = 0; i < smallest.length; i++) smallest[i] = space.get(i).size().atLeast(1);
		int[] next = new int[space.size()];
		for (int i = 0; i < next.length; i++) next[i] = space.get(i).size().atLeast(smallest[i] + 1);
		for (int[] sizes : List.of(smallest, next)) {
			TensorLayout layout = TensorLayout.of(in, Math.max(1, in.channelCount()), sizes);
			FloatBuffer zeros = ByteBuffer.allocateDirect(layout.size() * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
			long[][] actualShape = new long[1][];
			try {
				model.runUnpinned(zeros, layout.shape(), actualShape);
			}
			catch (OrtException e) {
				throw new InferenceException(model.modelPackage().description().rdfFile(), "the model fails on a tile of "
					+ tileText(sizes) + " " + Arrays.toString(layout.shape()) + ", which the input's size rule " + rules(space)
					+ " admits (segment uses such tiles): " + OnnxModel.firstLine(e.getMessage()),
					"set the input axes' size min and step in rdf.yaml to sizes the model takes", e);
			}
			checkOutputShape(model, layout.shape(), sizes, actualShape[0]);
		}
	}

	/** The model's output for an input must have the shape rdf.yaml implies; segment binds its buffers by it. */
	private static void checkOutputShape(OnnxModel model, long[] inputShape, int[] inSpatial, long[] actual) {
		ModelDescription d = model.modelPackage().description();
		TensorDescription out = d.output();
		String recordHint = ", then re-record the test tensors";
		UserAction.On record = UserAction.RECORD_TEST_TENSORS.on(d.root());
		if (actual.length != out.axes().size()) throw new InferenceException(d.rdfFile(),
			"the model's output has shape " + Arrays.toString(actual) + " but rdf.yaml declares " + out.axes().size() + " output axes",
			"list exactly the model's output axes in rdf.yaml" + recordHint, record);
		long[] expected = OutputShape.layout(out, inSpatial).shape();
		if (Arrays.equals(actual, expected)) return;
		int c = out.indexOf(AxisType.CHANNEL);
		if (c >= 0 && actual[c] != expected[c]) throw new InferenceException(d.rdfFile(),
			"the model's output '" + out.id() + "' has " + actual[c] + " channels but rdf.yaml lists " + out.channelCount()
				+ " channel name(s) " + out.axes().get(c).channelNames() + " (output shape " + Arrays.toString(actual) + ")",
			"list one name per output channel in the output's channel_names" + recordHint, record);
		Path rdf = d.rdfFile();
		String what = Arrays.stream(inSpatial).allMatch(v -> v == inSpatial[0]) && inSpatial.length > 1
			? "a tile of " + tileText(inSpatial) : "an input of shape " + Arrays.toString(inputShape);
		throw new InferenceException(rdf, "for " + what + " the model's output has shape " + Arrays.toString(actual)
			+ " but rdf.yaml implies " + Arrays.toString(expected) + " (input size rule " + rules(d.input().spatialAxes()) + ")",
			"correct the sizes in rdf.yaml: the input's min and step to sizes the model keeps, the output's size and halo" + recordHint, record);
	}

	private static int[] spatialSizes(TensorDescription t, long[] shape) {
		int[] sizes = new int[t.spatialAxes().size()];
		for (int i = 0, s = 0; i < shape.length; i++)
			if (t.axes().get(i).type() == AxisType.SPACE) sizes[s++] = (int) shape[i];
		return sizes;
	}

	private static String tileText(int[] sizes) {
		return String.join("×", Arrays.stream(sizes).mapToObj(String::valueOf).toList());
	}

	/** The size rules as rdf.yaml writes them, e.g. "{min: 64, step: 16}" or "y: 96, x: {min: 64, step: 16}". */
	private static String rules(List<AxisDescription> space) {
		List<String> texts = space.stream().map(a -> a.size() instanceof AxisSize.Parameterized p ? "{min: " + p.min() + ", step: " + p.step() + "}"
			: a.size() instanceof AxisSize.Fixed f ? String.valueOf(f.size()) : "any").toList();
		if (texts.stream().distinct().count() == 1) return texts.get(0);
		List<String> named = new java.util.ArrayList<>();
		for (int i = 0; i < space.size(); i++) named.add(space.get(i).id() + ": " + texts.get(i));
		return String.join(", ", named);
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
