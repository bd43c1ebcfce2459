package org.segloop.core.model;

import java.nio.file.Path;
import java.util.List;

/**
 * What rdf.yaml says about a model, validated, with every file path resolved inside the package
 * root.
 *
 * @param formatVersion e.g. "0.5.3" or "0.4.10"
 * @param name human-readable model name
 * @param rdfFile the rdf.yaml this came from
 * @param inputs input tensors (SegLoop runs models with exactly one)
 * @param outputs output tensors; the first is the segmentation output
 * @param onnx ONNX weights
 * @param torchscript TorchScript weights, or null when the package has none
 * @param settings {@code config.segloop}, or defaults
 */
public record ModelDescription(String formatVersion, String name, Path rdfFile, List<TensorDescription> inputs,
	List<TensorDescription> outputs, Weights onnx, Weights torchscript, SegLoopSettings settings)
{

	public ModelDescription {
		inputs = List.copyOf(inputs);
		outputs = List.copyOf(outputs);
	}

	/** A weights file with its declared hash (null when the rdf does not declare one). */
	public record Weights(Path source, String sha256, Integer opsetVersion) {}

	public Path root() {
		return rdfFile.getParent();
	}

	public TensorDescription input() {
		return inputs.get(0);
	}

	public TensorDescription output() {
		return outputs.get(0);
	}
}
