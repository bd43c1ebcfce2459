package org.segloop.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segloop.core.inference.OnnxModel;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.ModelPackageException;
import org.segloop.core.model.WeightSet;
import org.segloop.core.util.Npy;
import org.segloop.testutil.Fixtures;

/**
 * Groundwork for fine-tuning (issue 5): the bundled model's TorchScript twin loads offline in DJL
 * with trainable parameters, its forward pass equals ONNX Runtime's on the test input, and every
 * parameter has an ONNX initializer of the same name and shape; changed weights are served by ORT
 * through initializer overrides exactly as DJL computes with them.
 */
public class TorchScriptTwinTest {

	/** The parameters of a package's TorchScript twin as DJL loads them. */
	public static WeightSet parametersOf(Path packageFolder) {
		try (TorchScriptTwin twin = TorchScriptTwin.load(ModelPackage.open(packageFolder))) {
			return twin.weights();
		}
	}

	@BeforeAll
	static void offline() {
		System.setProperty("ai.djl.offline", "true");
	}

	@Test
	void theTwinLoadsTrainableAndComputesWhatOnnxRuntimeComputes() throws Exception {
		Path dir = Fixtures.BUNDLED_MODEL;
		Npy.Array raw = Npy.read(dir.resolve("test_input.npy"));
		float max = 0;
		for (float v : raw.data()) max = Math.max(max, v);
		float[] scaled = raw.data().clone();
		for (int i = 0; i < scaled.length; i++) scaled[i] /= max; // the 0–1 range the model sees after its preprocessing
		Npy.Array input = new Npy.Array(raw.shape(), scaled);
		float[] ort;
		try (OrtEnvironment env = OrtEnvironment.getEnvironment(); OrtSession session = env.createSession(dir.resolve("model.onnx").toString());
			OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input.data()), input.shape());
			OrtSession.Result r = session.run(Map.of(session.getInputNames().iterator().next(), x)))
		{
			OnnxTensor out = (OnnxTensor) r.get(0);
			FloatBuffer b = out.getFloatBuffer();
			ort = new float[b.remaining()];
			b.get(ort);
		}
		try (Model model = Model.newInstance("twin", "PyTorch")) {
			model.load(dir, "model", Map.of("trainParam", "true"));
			TorchScriptTwin.noGradientsOnThisThread(); // this thread may not be the one that loaded the engine
			Map<String, Shape> parameters = new TreeMap<>();
			for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
				parameters.put(p.getKey(), p.getValue().getArray().getShape());
				assertTrue(p.getValue().requiresGradient(), p.getKey() + " is trainable");
			}
			assertTrue(parameters.size() >= 10, parameters.toString());
			Map<String, long[]> initializers = org.segloop.core.model.ModelPackage.open(dir).initializerShapes();
			for (Map.Entry<String, Shape> p : parameters.entrySet()) {
				assertTrue(initializers.containsKey(p.getKey()), "ONNX has an initializer named " + p.getKey() + "; it has " + initializers.keySet());
				assertEquals(java.util.Arrays.toString(p.getValue().getShape()), java.util.Arrays.toString(initializers.get(p.getKey())), p.getKey());
			}
			try (NDManager nd = model.getNDManager().newSubManager()) {
				NDArray x = nd.create(input.data(), new Shape(input.shape()));
				NDList out = model.getBlock().forward(new ParameterStore(nd, false), new NDList(x), false);
				float[] djl = out.singletonOrThrow().toFloatArray();
				assertEquals(ort.length, djl.length);
				double maxDiff = 0;
				for (int i = 0; i < djl.length; i++) maxDiff = Math.max(maxDiff, Math.abs(djl[i] - ort[i]));
				assertTrue(maxDiff < 1e-4, "DJL and ORT agree on the logits: max difference " + maxDiff);

				// changed weights (as fine-tuning makes them) served by ORT through initializer overrides
				Map<String, WeightSet.Tensor> changed = new java.util.LinkedHashMap<>();
				for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
					NDArray w = p.getValue().getArray();
					w.muli(1.05f).addi(0.002f);
					changed.put(p.getKey(), new WeightSet.Tensor(w.getShape().getShape(), w.toFloatArray()));
				}
				float[] djlChanged = model.getBlock().forward(new ParameterStore(nd, false), new NDList(x), false).singletonOrThrow().toFloatArray();
				long[][] outShape = new long[1][];
				ModelPackage pkg = ModelPackage.open(dir);
				RuntimeOptions logits = new RuntimeOptions(RuntimeOptions.defaults().intraOpThreads(), true, false);
				float[] ortChanged;
				try (OnnxModel served = OnnxModel.load(pkg, logits, new WeightSet(changed))) {
					ortChanged = served.runUnpinned(FloatBuffer.wrap(input.data()), input.shape(), outShape);
				}
				double served = 0, moved = 0;
				for (int i = 0; i < ortChanged.length; i++) {
					served = Math.max(served, Math.abs(ortChanged[i] - djlChanged[i]));
					moved = Math.max(moved, Math.abs(ortChanged[i] - ort[i]));
				}
				double djlMoved = 0;
				for (int i = 0; i < djl.length; i++) djlMoved = Math.max(djlMoved, Math.abs(djlChanged[i] - djl[i]));
				assertTrue(served < 1e-4, "ORT with overridden initializers equals DJL's forward pass: " + served + " (ORT moved " + moved + ", DJL moved " + djlMoved + ")");
				assertTrue(moved > 1e-2, "the overrides took effect: " + moved);

				Map<String, WeightSet.Tensor> wrong = new java.util.LinkedHashMap<>(changed);
				String first = wrong.keySet().iterator().next();
				wrong.put(first, new WeightSet.Tensor(new long[] { 1 }, new float[] { 0 }));
				ModelPackageException e = org.junit.jupiter.api.Assertions.assertThrows(ModelPackageException.class,
					() -> OnnxModel.load(pkg, logits, new WeightSet(wrong)));
				assertTrue(e.getMessage().contains(first), e.getMessage());
			}
		}
	}
}
