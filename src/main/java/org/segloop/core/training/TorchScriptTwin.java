package org.segloop.core.training;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import org.segloop.core.model.ModelDescription;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.ModelPackageException;
import org.segloop.core.model.WeightSet;

/**
 * A package's TorchScript weights loaded in DJL with trainable parameters, checked to map one to
 * one (name and shape) onto the ONNX graph's initializers, so that what DJL trains ONNX Runtime can
 * serve. Runs offline ({@code ai.djl.offline=true}) with the PyTorch native library from the
 * classpath; the context class loader is set for the duration of the load so that DJL finds its
 * engine inside Fiji's plugin class loader.
 *
 * <p>Not thread-safe; close it to free native memory.
 */
final class TorchScriptTwin implements AutoCloseable {

	private final Model model;
	private final ModelPackage pkg;

	private TorchScriptTwin(Model model, ModelPackage pkg) {
		this.model = model;
		this.pkg = pkg;
	}

	/**
	 * @throws ModelPackageException when the package has no TorchScript weights, they do not load, or
	 *           their parameters do not match the ONNX initializers (naming which differ)
	 */
	static TorchScriptTwin load(ModelPackage pkg) {
		ModelDescription.Weights ts = pkg.description().torchscript();
		Path rdf = pkg.description().rdfFile();
		if (ts == null) throw new ModelPackageException(rdf, "has no TorchScript weights, so the model cannot be fine-tuned",
			"add a scripted twin of the network (torch.jit.script, same parameter names as the ONNX initializers) under weights.torchscript");
		if (!Files.isRegularFile(ts.source())) throw new ModelPackageException(ts.source(), "is missing (listed as weights.torchscript)",
			"restore the file or remove weights.torchscript from rdf.yaml");
		System.setProperty("ai.djl.offline", "true");
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(TorchScriptTwin.class.getClassLoader());
		Model model = null;
		try {
			model = Model.newInstance(pkg.name(), "PyTorch");
			String file = ts.source().getFileName().toString();
			model.load(ts.source().getParent(), file.replaceFirst("\\.(pt|torchscript)$", ""), Map.of("trainParam", "true"));
			noGradientsOnThisThread();
			TorchScriptTwin twin = new TorchScriptTwin(model, pkg);
			twin.checkMapsOntoOnnx();
			return twin;
		}
		catch (ModelPackageException e) {
			model.close();
			throw e;
		}
		catch (Exception | UnsatisfiedLinkError e) {
			if (model != null) model.close();
			throw new ModelPackageException(ts.source(), "cannot be loaded as TorchScript: " + e.getMessage(),
				"export it with torch.jit.script(model).save(...) from PyTorch 1.13 to 2.7", e);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	private void checkMapsOntoOnnx() {
		Map<String, long[]> graph = pkg.initializerShapes();
		List<String> problems = new ArrayList<>();
		int count = 0;
		for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
			count++;
			long[] shape = graph.get(p.getKey());
			long[] own = p.getValue().getArray().getShape().getShape();
			if (shape == null) problems.add(p.getKey() + " (not in the ONNX graph)");
			else if (!Arrays.equals(shape, own)) problems.add(p.getKey() + " (TorchScript " + Arrays.toString(own) + ", ONNX " + Arrays.toString(shape) + ")");
		}
		if (count == 0) problems.add("the TorchScript module has no parameters");
		if (!problems.isEmpty()) throw new ModelPackageException(pkg.description().torchscript().source(),
			"does not map onto the ONNX weights: " + String.join(", ", problems.subList(0, Math.min(8, problems.size())))
				+ (problems.size() > 8 ? " and " + (problems.size() - 8) + " more" : ""),
			"export ONNX and TorchScript from the same module, keeping parameter names as initializer names "
				+ "(torch.onnx.export(..., do_constant_folding=False, keep_initializers_as_inputs=False)); fine-tuning is unavailable for this model");
	}

	Model model() {
		return model;
	}

	ModelPackage modelPackage() {
		return pkg;
	}

	/**
	 * Turns PyTorch's gradient recording off for the calling thread. It is a per-thread flag that
	 * starts on: DJL turns it off only on the thread that first loads the engine, so work on any
	 * other thread (a Fiji command's, a panel's worker) would otherwise record graphs for inference
	 * and refuse to overwrite parameters in place. The gradient collector turns it on for each step.
	 */
	static void noGradientsOnThisThread() {
		JniUtils.setGradMode(false);
	}

	/** A copy of the current parameters. */
	WeightSet weights() {
		Map<String, WeightSet.Tensor> out = new LinkedHashMap<>();
		for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
			NDArray a = p.getValue().getArray();
			out.put(p.getKey(), new WeightSet.Tensor(a.getShape().getShape(), a.toFloatArray()));
		}
		return new WeightSet(out);
	}

	/** Overwrites the parameters with the given weights (every parameter must be present, with its shape). */
	void setWeights(WeightSet weights) {
		for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
			WeightSet.Tensor t = weights.tensors().get(p.getKey());
			NDArray a = p.getValue().getArray();
			if (t == null || !Arrays.equals(t.shape(), a.getShape().getShape()))
				throw new ModelPackageException(pkg.onnxFile(), "the stored weights do not fit parameter " + p.getKey(),
					"fine-tune from the package's own weights (the stored version belongs to another model)");
			a.set(FloatBuffer.wrap(t.values()));
		}
	}

	/** Logits {@code [n, k, h, w]} of a batch {@code [n, c, h, w]} in inference mode (no gradients). */
	NDArray logits(NDManager manager, float[] images, Shape shape) {
		NDArray x = manager.create(images, shape);
		return model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
	}

	/** Writes the TorchScript module with its current parameters (a loadable .pt file). */
	void write(OutputStream out) throws IOException {
		JniUtils.writeModule((PtSymbolBlock) model.getBlock(), out, false);
	}

	@Override
	public void close() {
		model.close();
	}
}
