package org.segloop.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weights for a model's graph by initializer name, e.g. a fine-tuned version of a package's
 * weights. Float32 only (the weights SegLoop trains).
 */
public record WeightSet(Map<String, Tensor> tensors) {

	/** One weight: its shape and values in row-major order. */
	public record Tensor(long[] shape, float[] values) {

		public Tensor {
			if (Arrays.stream(shape).reduce(1, (a, b) -> a * b) != values.length)
				throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + values.length + " values");
		}
	}

	public WeightSet {
		tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
	}

	/**
	 * Checks that every weight names an initializer of the package's graph with the same shape.
	 *
	 * @throws ModelPackageException listing the names that differ, and why
	 */
	public void checkFits(ModelPackage pkg) {
		Map<String, long[]> graph = pkg.initializerShapes();
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
			long[] shape = graph.get(e.getKey());
			if (shape == null) problems.add(e.getKey() + " (no such initializer)");
			else if (!Arrays.equals(shape, e.getValue().shape()))
				problems.add(e.getKey() + " (graph " + Arrays.toString(shape) + ", weights " + Arrays.toString(e.getValue().shape()) + ")");
		}
		if (!problems.isEmpty()) throw new ModelPackageException(pkg.onnxFile(), "does not match the weights given for it: "
			+ String.join(", ", problems.subList(0, Math.min(8, problems.size()))) + (problems.size() > 8 ? " and " + (problems.size() - 8) + " more" : ""),
			"fine-tuned weights only fit the model they were trained from; use that model's package");
	}
}
