package org.segloop.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text of a starter rdf.yaml. Every line SegLoop had to guess ends in a comment with GUESS and
 * what to check; lines the graph or the test run determined say where they came from.
 */
final class StarterRdf {

	/**
	 * What {@link StarterPackage} learned.
	 *
	 * @param inTrial the input shape the test run used; outShape the chosen output's shape for it
	 * @param offsets per space axis (input order), output size minus input size in the test run (0, or negative for valid convolutions)
	 * @param others further outputs at the input's size (the choice among them is a guess)
	 * @param post softmax, sigmoid, none (the graph ends in one) or probabilities (the output sums to 1)
	 */
	record Spec(String name, String inAxes, long[] inDeclared, long[] inTrial, String outAxes, String output, long[] outShape,
		int[] offsets, List<String> others, int outChannels, String post, String producer, long opset) {}

	private StarterRdf() {}

	static String text(Spec p, String sha) {
		StringBuilder s = new StringBuilder();
		s.append("# Starter package written by SegLoop from the ONNX graph. Check every line marked GUESS; after editing,\n");
		s.append("# re-record the test tensors from this file, then check the package against them.\n");
		s.append("type: model\nformat_version: 0.5.3\n");
		s.append("name: ").append(quote(p.name())).append('\n');
		s.append("description: ").append(quote("Imported ONNX model " + p.name())).append('\n');
		s.append("authors:\n  - name: unknown  # fill in\ncite:\n  - text: unknown  # fill in\nlicense: unknown  # fill in\n");
		s.append("inputs:\n  - id: input\n    axes:  # GUESS: which axis is the channel, from the graph's input shape ")
			.append(Arrays.toString(p.inDeclared())).append('\n');
		int inC = p.inAxes().indexOf('c');
		int inChannels = inC < 0 ? 1 : (int) p.inTrial()[inC];
		for (int i = 0; i < p.inAxes().length(); i++) {
			char a = p.inAxes().charAt(i);
			if (a == 'b') s.append("      - type: batch\n");
			else if (a == 'c') s.append("      - type: channel\n        channel_names: ").append(names("channel", inChannels))
				.append(p.inDeclared()[i] > 0 ? "\n" : "  # GUESS: the graph leaves the channel count open\n");
			else {
				s.append("      - type: space\n        id: ").append(a).append('\n');
				if (p.inDeclared()[i] > 0) s.append("        size: ").append(p.inDeclared()[i]).append('\n');
				else s.append("        size: {min: 64, step: 16}  # GUESS: dynamic in the graph; set the sizes the model takes (e.g. step 32 for 5 poolings)\n");
			}
		}
		s.append("    data:\n      type: float32\n");
		s.append("    preprocessing:  # GUESS: percentile normalisation per channel; replace it with what the model was trained with.\n");
		s.append("      # ImageNet-trained RGB networks (torchvision, segmentation_models) take RGB / 255, then ImageNet mean and std:\n");
		s.append("      #   - id: scale_linear\n      #     kwargs: {gain: 0.00392156862745098, offset: 0}\n");
		s.append("      #   - id: fixed_zero_mean_unit_variance\n");
		s.append("      #     kwargs: {mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], axis: channel}\n");
		s.append("      - id: scale_range\n        kwargs: {axes: [").append(String.join(", ", StarterPackage.spatialOf(p.inAxes()).split("")))
			.append("], mode: per_sample, min_percentile: 1.0, max_percentile: 99.8}\n");
		s.append("outputs:\n  - id: ").append(quote(p.output()));
		if (!p.others().isEmpty()) s.append("  # GUESS: the graph's first output at the input's size; also fitting: ")
			.append(String.join(", ", p.others())).append(". To segment with another, set id to its name and re-record the test tensors");
		s.append('\n');
		s.append("    axes:  # from a test run: '").append(p.output()).append("' has shape ").append(Arrays.toString(p.outShape()))
			.append(" for an input of ").append(Arrays.toString(p.inTrial())).append('\n');
		for (int i = 0; i < p.outAxes().length(); i++) {
			char a = p.outAxes().charAt(i);
			if (a == 'b') s.append("      - type: batch\n");
			else if (a == 'c') s.append("      - type: channel\n        channel_names: ")
				.append(p.outChannels() == 1 ? "[foreground]" : names("class", p.outChannels()).replaceFirst("class0", "background"))
				.append("  # GUESS: one name per output channel (").append(p.outChannels()).append(" in the test run); name your classes\n");
			else {
				int offset = p.offsets()[StarterPackage.spatialOf(p.inAxes()).indexOf(a)];
				s.append("      - type: space\n        id: ").append(a).append("\n        size: {tensor_id: input, axis_id: ").append(a)
					.append(offset == 0 ? "}\n" : ", offset: " + offset + "}  # the output is " + -offset + " smaller than the input in the test run\n");
			}
		}
		s.append("    data:\n      type: float32\n");
		switch (p.post()) {
			case "softmax", "sigmoid" -> s.append("    postprocessing:  # GUESS: the graph ends in '").append(p.producer())
				.append("', not in Softmax/Sigmoid, so its output is taken as raw logits\n      - id: ").append(p.post())
				.append(p.post().equals("softmax") ? "\n        kwargs: {axis: channel}\n" : "\n");
			case "probabilities" -> s.append("    # GUESS: no postprocessing: in the test run the output lies in [0, 1] and sums to 1 over its channels\n");
			default -> s.append("    # no postprocessing: the graph ends in ").append(p.producer()).append('\n');
		}
		s.append("weights:\n  onnx:\n    source: model.onnx\n    sha256: ").append(sha).append('\n');
		if (p.opset() > 0) s.append("    opset_version: ").append(p.opset()).append('\n');
		s.append("config:\n  segloop:\n");
		s.append("    instance_mode: components  # GUESS: objects are connected pixels of one class; 'none' for semantic-only models,")
			.append(" 'boundary' (with boundary_channel) for models with a boundary class\n");
		if (p.outChannels() > 1) s.append("    foreground_channel: -1  # GUESS: every class but channel 0 (background) makes objects;")
			.append(" set a channel index to take only that class\n");
		else s.append("    threshold: 0.5  # GUESS: probability above which a pixel is foreground\n");
		return s.toString();
	}

	/** e.g. [channel0, channel1, channel2]. */
	private static String names(String prefix, int count) {
		List<String> names = new ArrayList<>();
		for (int k = 0; k < count; k++) names.add(prefix + k);
		return "[" + String.join(", ", names) + "]";
	}

	private static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}
}
