package org.segloop.core.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import org.segloop.core.UserAction;
import org.segloop.core.model.AxisDescription;
import org.segloop.core.model.AxisSize;
import org.segloop.core.model.AxisType;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.ModelPackageException;
import org.segloop.core.model.ProcessingStep;
import org.segloop.core.model.TensorDescription;
import org.segloop.core.model.WeightSet;
import org.segloop.core.util.OrtLogging;

/**
 * One ONNX Runtime session for a model package, created once and reused for every tile, slice and
 * image. Input and output tensors are direct, native-order buffers allocated once per tile shape
 * and bound to the session (outputs are pinned), so a tile costs one {@code OrtSession.run} and no
 * copies or allocation.
 *
 * <p>Threading: {@link #run} blocks until the model has run; ORT parallelises inside one run with
 * {@link RuntimeOptions#intraOpThreads()} threads. A {@link TileTensors} belongs to one caller at a
 * time. Close the model when done; its tensors become invalid.
 */
public final class OnnxModel implements AutoCloseable {

	private final ModelPackage pkg;
	private final OrtEnvironment env;
	private final OrtSession session;
	private final String inputName;
	private final String outputName;
	private final int stepsInGraph;
	private final Map<String, TileTensors> tensors = new HashMap<>();
	private final List<OnnxTensor> weights; // overriding initializers: ORT reads them for the session's whole life

	private OnnxModel(ModelPackage pkg, OrtEnvironment env, OrtSession session, String inputName, String outputName, int stepsInGraph,
		List<OnnxTensor> weights)
	{
		this.weights = weights;
		this.pkg = pkg;
		this.env = env;
		this.session = session;
		this.inputName = inputName;
		this.outputName = outputName;
		this.stepsInGraph = stepsInGraph;
	}

	/**
	 * Creates the session. Blocks for the time ORT needs to optimise the graph (typically < 1 s), and
	 * the first time a model is seen, for a test load in a child process ({@link ModelProbe}).
	 */
	public static OnnxModel load(ModelPackage pkg, RuntimeOptions options) {
		return load(pkg, options, null);
	}

	/**
	 * As {@link #load(ModelPackage, RuntimeOptions)}, with some of the graph's weights replaced
	 * (a fine-tuned version). The package's file is never rewritten: the session is made from a copy
	 * of its bytes with the values replaced, or, for weights stored outside the file, from the file
	 * plus initializer overrides.
	 *
	 * @param overrides weights by initializer name, or null
	 * @throws ModelPackageException when a weight does not match an initializer's name and shape
	 */
	public static OnnxModel load(ModelPackage pkg, RuntimeOptions options, WeightSet overrides) {
		ModelProbe.ensureLoadsSafely(pkg.onnxFile());
		if (overrides != null) overrides.checkFits(pkg);
		// Weights are written into a copy of the graph's bytes when they can be, so ORT optimises the
		// session fully. Otherwise they are passed as initializer overrides, which ALL_OPT ignores (its
		// layout transforms pre-pack convolution weights from the file; measured: outputs of the
		// original weights), so such sessions use EXTENDED_OPT.
		byte[] patched = overrides != null && pkg.canWriteWeights(overrides) ? pkg.onnxWithWeights(overrides) : null;
		boolean asInitializers = overrides != null && patched == null;
		OrtEnvironment env = OrtLogging.environment();
		List<OnnxTensor> weights = new java.util.ArrayList<>();
		try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
			if (asInitializers)
				for (Map.Entry<String, WeightSet.Tensor> w : overrides.tensors().entrySet()) {
					OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(w.getValue().values()), w.getValue().shape());
					weights.add(t);
					so.addInitializer(w.getKey(), t);
				}
			so.setIntraOpNumThreads(options.intraOpThreads());
			so.setInterOpNumThreads(1);
			so.setOptimizationLevel(!options.optimize() ? OrtSession.SessionOptions.OptLevel.NO_OPT
				: asInitializers ? OrtSession.SessionOptions.OptLevel.EXTENDED_OPT : OrtSession.SessionOptions.OptLevel.ALL_OPT);
			Optional<byte[]> withSoftmax = options.softmaxInGraph() ? softmaxGraph(pkg, patched) : Optional.empty();
			OrtSession session = withSoftmax.isPresent() ? env.createSession(withSoftmax.get(), so)
				: patched != null ? env.createSession(patched, so) : env.createSession(pkg.onnxFile().toString(), so);
			try {
				String output = checkOutput(pkg, session);
				if (withSoftmax.isPresent()) output = pkg.softmaxOutputName();
				return new OnnxModel(pkg, env, session, checkInput(pkg, session), output, withSoftmax.isPresent() ? 1 : 0, weights);
			}
			catch (RuntimeException e) {
				session.close();
				weights.forEach(OnnxTensor::close);
				throw e;
			}
		}
		catch (OrtException e) {
			weights.forEach(OnnxTensor::close);
			throw new ModelPackageException(pkg.onnxFile(), "ONNX Runtime cannot load it: " + firstLine(e.getMessage()),
				"check that the model was exported with a standard opset (13 or newer) and runs in onnxruntime", e);
		}
	}

	/**
	 * A softmax declared as the first postprocessing step runs in the graph (it is then part of
	 * every run, bare or not).
	 */
	private static Optional<byte[]> softmaxGraph(ModelPackage pkg, byte[] patched) {
		List<ProcessingStep> post = pkg.description().output().processing();
		int channelAxis = pkg.description().output().indexOf(AxisType.CHANNEL);
		if (post.isEmpty() || !(post.get(0) instanceof ProcessingStep.Softmax) || channelAxis < 0) return Optional.empty();
		return patched != null ? pkg.onnxWithSoftmax(patched, channelAxis) : pkg.onnxWithSoftmax(channelAxis);
	}

	/**
	 * How many of the package's postprocessing steps the session's output already includes; the
	 * caller applies the rest.
	 */
	public List<ProcessingStep> remainingPostprocessing() {
		List<ProcessingStep> post = pkg.description().output().processing();
		return post.subList(stepsInGraph, post.size());
	}

	public ModelPackage modelPackage() {
		return pkg;
	}

	public String inputName() {
		return inputName;
	}

	/** The graph output that {@link #run} reads (the appended softmax's, when there is one). */
	public String outputName() {
		return outputName;
	}

	/** Direct buffers and bound tensors for one input/output shape, created on first use. */
	public TileTensors tensors(long[] inputShape, long[] outputShape) {
		String key = Arrays.toString(inputShape) + Arrays.toString(outputShape);
		TileTensors t = tensors.get(key);
		if (t == null) {
			t = new TileTensors(inputShape, outputShape);
			tensors.put(key, t);
		}
		return t;
	}

	/** Runs the model on {@code t.input()}, writing into {@code t.output()}. */
	public void run(TileTensors t) {
		try (OrtSession.Result r = session.run(Map.of(inputName, t.inputTensor), Map.of(outputName, t.outputTensor))) {
			// the output was written into the pinned buffer; nothing to copy
		}
		catch (OrtException e) {
			throw new InferenceException(pkg.onnxFile(), describeRunFailure(t, e),
				"check the axes and sizes in rdf.yaml against the model; checking the package shows the details", e,
				UserAction.CHECK_MODEL.on(pkg.source()));
		}
	}

	/** Runs the bare session on an input tensor without pinned outputs (used by checks and benchmarks). */
	public float[] runUnpinned(FloatBuffer input, long[] shape, long[][] outputShape) throws OrtException {
		try (OnnxTensor in = OnnxTensor.createTensor(env, input, shape);
			OrtSession.Result r = session.run(Map.of(inputName, in), Set.of(outputName)))
		{
			OnnxTensor out = (OnnxTensor) r.get(0);
			outputShape[0] = out.getInfo().getShape();
			FloatBuffer b = out.getFloatBuffer();
			float[] a = new float[b.remaining()];
			b.get(a);
			return a;
		}
	}

	/** The raw session, for benchmarks that compare against a bare {@code OrtSession.run}. */
	public OrtSession session() {
		return session;
	}

	public OrtEnvironment environment() {
		return env;
	}

	private String describeRunFailure(TileTensors t, OrtException e) {
		String msg = firstLine(e.getMessage());
		try {
			long[][] actual = new long[1][];
			t.input.rewind();
			runUnpinned(t.input, t.inputShape, actual);
			if (!Arrays.equals(actual[0], t.outputShape)) return "the model's output shape " + Arrays.toString(actual[0])
				+ " contradicts rdf.yaml, which implies " + Arrays.toString(t.outputShape) + " for input " + Arrays.toString(t.inputShape);
		}
		catch (OrtException | RuntimeException ignored) {
			// the model cannot run this input shape at all; report the original error
		}
		return "the model failed on an input of shape " + Arrays.toString(t.inputShape) + ": " + msg;
	}

	private static String checkInput(ModelPackage pkg, OrtSession session) throws OrtException {
		Map<String, NodeInfo> inputs = session.getInputInfo();
		if (inputs.size() != 1) throw new ModelPackageException(pkg.onnxFile(), "has " + inputs.size()
			+ " inputs " + inputs.keySet() + "; SegLoop runs models with one image input", "export the model with a single input");
		NodeInfo info = inputs.values().iterator().next();
		checkTensor(pkg, info, pkg.description().input().axes().size(), "input");
		checkFixedInputSizes(pkg, ((TensorInfo) info.getInfo()).getShape());
		return info.getName();
	}

	/**
	 * Where the graph fixes an input axis (channels, a size), rdf.yaml must say the same, or every
	 * tile segment cuts by rdf.yaml's rule would fail in ONNX Runtime.
	 */
	private static void checkFixedInputSizes(ModelPackage pkg, long[] graphShape) {
		TensorDescription in = pkg.description().input();
		for (int i = 0; i < graphShape.length; i++) {
			AxisDescription axis = in.axes().get(i);
			long fixed = graphShape[i];
			if (fixed <= 0 || axis.type() == AxisType.BATCH) continue;
			if (axis.type() == AxisType.CHANNEL && in.channelCount() > 0 && in.channelCount() != fixed) throw new ModelPackageException(
				pkg.description().rdfFile(), "the input's channel axis lists " + in.channelCount() + " channel name(s) " + axis.channelNames()
					+ " but the ONNX graph takes " + fixed + " channels", "list one name per input channel in the input's channel_names");
			if (axis.type() == AxisType.SPACE && !(axis.size() instanceof AxisSize.Fixed f && f.size() == fixed))
				throw new ModelPackageException(pkg.description().rdfFile(), "the input axis '" + axis.id() + "' has size " + sizeText(axis.size())
					+ " but the ONNX graph fixes it to " + fixed, "set the input axis '" + axis.id() + "' to size: " + fixed);
		}
	}

	private static String sizeText(AxisSize size) {
		return size instanceof AxisSize.Parameterized p ? "{min: " + p.min() + ", step: " + p.step() + "}"
			: size instanceof AxisSize.Fixed f ? String.valueOf(f.size()) : "(any)";
	}

	private static String checkOutput(ModelPackage pkg, OrtSession session) throws OrtException {
		Map<String, NodeInfo> outputs = session.getOutputInfo();
		String wanted = pkg.description().output().id();
		NodeInfo info = outputs.containsKey(wanted) ? outputs.get(wanted) : outputs.values().iterator().next();
		checkTensor(pkg, info, pkg.description().output().axes().size(), "output");
		return info.getName();
	}

	private static void checkTensor(ModelPackage pkg, NodeInfo info, int declaredRank, String what) {
		if (!(info.getInfo() instanceof TensorInfo ti) || ti.type != OnnxJavaType.FLOAT)
			throw new ModelPackageException(pkg.onnxFile(), "its " + what + " '" + info.getName() + "' is " + info.getInfo()
				+ "; SegLoop exchanges float32 tensors", "export the model with a float32 " + what);
		if (ti.getShape().length != declaredRank) throw new ModelPackageException(pkg.description().rdfFile(),
			"declares " + declaredRank + " axes for the " + what + " but the ONNX graph's '" + info.getName() + "' has rank "
				+ ti.getShape().length + " " + Arrays.toString(ti.getShape()),
			"list exactly the model's axes in rdf.yaml, in the graph's order");
	}

	static String firstLine(String s) {
		if (s == null) return "";
		int nl = s.indexOf('\n');
		return nl < 0 ? s : s.substring(0, nl);
	}

	@Override
	public void close() {
		tensors.values().forEach(TileTensors::close);
		tensors.clear();
		try {
			session.close();
		}
		catch (OrtException e) {
			throw new IllegalStateException("closing ONNX session", e);
		}
		finally {
			weights.forEach(OnnxTensor::close);
		}
	}

	/** One shape's reusable input and output buffers, bound to ORT tensors. */
	public final class TileTensors implements AutoCloseable {

		private final long[] inputShape;
		private final long[] outputShape;
		private final FloatBuffer input;
		private final FloatBuffer output;
		private final OnnxTensor inputTensor;
		private final OnnxTensor outputTensor;

		private TileTensors(long[] inputShape, long[] outputShape) {
			this.inputShape = inputShape.clone();
			this.outputShape = outputShape.clone();
			this.input = direct(inputShape);
			this.output = direct(outputShape);
			try {
				this.inputTensor = OnnxTensor.createTensor(env, input, inputShape);
				this.outputTensor = OnnxTensor.createTensor(env, output, outputShape);
			}
			catch (OrtException e) {
				throw new IllegalStateException("cannot create tensors of shape " + Arrays.toString(inputShape), e);
			}
		}

		/** Fill this (absolute puts) before {@link OnnxModel#run}. */
		public FloatBuffer input() {
			return input;
		}

		/** Read this (absolute gets) after {@link OnnxModel#run}. */
		public FloatBuffer output() {
			return output;
		}

		public long[] inputShape() {
			return inputShape.clone();
		}

		public long[] outputShape() {
			return outputShape.clone();
		}

		@Override
		public void close() {
			inputTensor.close();
			outputTensor.close();
		}

		private static FloatBuffer direct(long[] shape) {
			long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
			return ByteBuffer.allocateDirect(Math.toIntExact(n * 4)).order(ByteOrder.nativeOrder()).asFloatBuffer();
		}
	}
}
