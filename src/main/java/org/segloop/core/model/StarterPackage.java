package org.segloop.core.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import org.segloop.core.util.Hashing;

/**
 * Writes a starter bioimage.io package (rdf.yaml 0.5) for a bare ONNX file, from the graph's own
 * input and output shapes, so that any ONNX segmentation model can be tried in SegLoop. Axes are
 * guessed (channels first unless the last axis is small and fixed); dynamic sizes get
 * {@code {min: 64, step: 16}}; if the graph does not end in Softmax or Sigmoid, the package adds
 * one as postprocessing. Every guess is commented in the rdf.yaml for the user to check.
 */
public final class StarterPackage {

	/** What was written and guessed. */
	public record Result(Path rdf, String inputAxes, String outputAxes, String postprocessing) {}

	private StarterPackage() {}

	/** @param probe test-loads the ONNX file safely before this process opens it (see ModelProbe) */
	public static Result create(Path onnx, Path outDir, String name, java.util.function.Consumer<Path> probe) {
		OnnxFileScanner.Summary summary = OnnxFileScanner.scan(onnx);
		OnnxFileScanner.checkExternalData(onnx, summary);
		probe.accept(onnx);
		long[] inShape;
		long[] outShape;
		String outName;
		try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
			OrtSession session = org.segloop.core.inference.OrtLogging.environment().createSession(onnx.toString(), so))
		{
			if (session.getInputInfo().size() != 1) throw new ModelPackageException(onnx,
				"has " + session.getInputInfo().size() + " inputs; SegLoop runs models with one image input", "export the model with a single input");
			inShape = shape(onnx, session.getInputInfo().values().iterator().next());
			NodeInfo out = session.getOutputInfo().values().iterator().next();
			outShape = shape(onnx, out);
			outName = out.getName();
		}
		catch (OrtException e) {
			throw new ModelPackageException(onnx, "ONNX Runtime cannot load it: " + e.getMessage(), "check that it is a valid ONNX model", e);
		}
		String inAxes = guessAxes(inShape, onnx);
		String outAxes = guessAxes(outShape, onnx);
		if (!spatialOf(inAxes).equals(spatialOf(outAxes))) throw new ModelPackageException(onnx,
			"input shape " + Arrays.toString(inShape) + " and output shape " + Arrays.toString(outShape)
				+ " do not look like a segmentation model (same space axes in and out)",
			"write rdf.yaml by hand for this model");
		int outChannels = outAxes.indexOf('c') < 0 ? 1 : (int) outShape[outAxes.indexOf('c')];
		String producer = summary.producers().getOrDefault(outName, "");
		String post = producer.equals("Softmax") || producer.equals("Sigmoid") ? "none" : outChannels == 1 ? "sigmoid" : "softmax";
		try {
			Files.createDirectories(outDir);
			Path model = outDir.resolve("model.onnx");
			if (!Files.exists(model) || !Files.isSameFile(model, onnx)) Files.copy(onnx, model, StandardCopyOption.REPLACE_EXISTING);
			for (String location : summary.externalLocations()) {
				Path target = outDir.resolve(location).normalize();
				Files.createDirectories(target.getParent());
				Files.copy(onnx.toAbsolutePath().getParent().resolve(location), target, StandardCopyOption.REPLACE_EXISTING);
			}
			Path rdf = outDir.resolve("rdf.yaml");
			Files.writeString(rdf, rdfText(name, inAxes, inShape, outAxes, outShape, outChannels, post, Hashing.sha256(model),
				summary.opsetVersion(), producer), StandardCharsets.UTF_8);
			return new Result(rdf, inAxes, outAxes, post);
		}
		catch (IOException e) {
			throw new ModelPackageException(outDir, "cannot be written: " + e.getMessage(), "choose a writable folder", e);
		}
	}

	private static long[] shape(Path onnx, NodeInfo info) {
		if (!(info.getInfo() instanceof TensorInfo t)) throw new ModelPackageException(onnx,
			"'" + info.getName() + "' is not a tensor", "SegLoop needs tensor inputs and outputs");
		return t.getShape();
	}

	/** Axis letters for a shape: b first when rank allows; channels first unless only the last axis is small. */
	static String guessAxes(long[] shape, Path onnx) {
		int rank = shape.length;
		boolean firstSmall = rank >= 3 && small(shape[rank == 3 ? 0 : 1]);
		boolean lastSmall = small(shape[rank - 1]);
		boolean channelsLast = lastSmall && !firstSmall;
		return switch (rank) {
			case 2 -> "yx";
			case 3 -> channelsLast ? "yxc" : "cyx";
			case 4 -> channelsLast ? "byxc" : "bcyx";
			case 5 -> channelsLast ? "bzyxc" : "bczyx";
			default -> throw new ModelPackageException(onnx, "has a tensor of rank " + rank + " " + Arrays.toString(shape),
				"SegLoop reads 2D and 3D image models (rank 2 to 5)");
		};
	}

	private static boolean small(long dim) {
		return dim > 0 && dim <= 16;
	}

	private static String spatialOf(String axes) {
		return axes.replaceAll("[bc]", "");
	}

	private static String rdfText(String name, String inAxes, long[] inShape, String outAxes, long[] outShape, int outChannels,
		String post, String sha, long opset, String producer)
	{
		StringBuilder s = new StringBuilder();
		s.append("# Starter package written by 'segloop model init'. Check every line marked GUESS,\n");
		s.append("# then run 'segloop model check' after adding test tensors (model init writes them).\n");
		s.append("type: model\nformat_version: 0.5.3\n");
		s.append("name: ").append(quote(name)).append('\n');
		s.append("description: ").append(quote("Imported ONNX model " + name)).append('\n');
		s.append("authors:\n  - name: unknown\ncite:\n  - text: unknown\nlicense: unknown\n");
		s.append("inputs:\n  - id: input\n    axes:  # GUESS from the graph's input shape ").append(Arrays.toString(inShape)).append('\n');
		axes(s, inAxes, inShape, inAxes.indexOf('c') < 0 ? 1 : (int) inShape[inAxes.indexOf('c')], "channel", null, false);
		s.append("    data:\n      type: float32\n");
		s.append("    preprocessing:  # GUESS: percentile normalisation per channel; replace with what the model was trained with\n");
		s.append("      - id: scale_range\n        kwargs: {axes: [").append(String.join(", ", spatialOf(inAxes).split("")))
			.append("], mode: per_sample, min_percentile: 1.0, max_percentile: 99.8}\n");
		s.append("outputs:\n  - id: output\n    axes:  # GUESS from the graph's output shape ").append(Arrays.toString(outShape)).append('\n');
		axes(s, outAxes, outShape, outChannels, "class", "input", true);
		s.append("    data:\n      type: float32\n");
		if (!post.equals("none")) s.append("    postprocessing:  # the graph ends in '").append(producer)
			.append("', not in Softmax/Sigmoid, so its output is taken as raw logits\n      - id: ").append(post)
			.append(post.equals("softmax") ? "\n        kwargs: {axis: channel}\n" : "\n");
		s.append("weights:\n  onnx:\n    source: model.onnx\n    sha256: ").append(sha).append('\n');
		if (opset > 0) s.append("    opset_version: ").append(opset).append('\n');
		s.append("config:\n  segloop:\n    instance_mode: components\n");
		if (outChannels > 1) s.append("    foreground_channel: ").append(outChannels - 1).append("  # GUESS: the last class is the object class\n");
		return s.toString();
	}

	private static void axes(StringBuilder s, String letters, long[] shape, int channels, String channelPrefix, String reference,
		boolean output)
	{
		for (int i = 0; i < letters.length(); i++) {
			char a = letters.charAt(i);
			switch (a) {
				case 'b' -> s.append("      - type: batch\n");
				case 'c' -> {
					List<String> names = new ArrayList<>();
					for (int k = 0; k < channels; k++) names.add(channelPrefix + k);
					s.append("      - type: channel\n        channel_names: [").append(String.join(", ", names)).append("]\n");
				}
				default -> {
					s.append("      - type: space\n        id: ").append(a).append('\n');
					if (output && shape[i] <= 0) s.append("        size: {tensor_id: ").append(reference).append(", axis_id: ").append(a).append("}\n");
					else if (shape[i] > 0) s.append("        size: ").append(shape[i]).append('\n');
					else s.append("        size: {min: 64, step: 16}  # GUESS: dynamic in the graph; set the model's real constraint\n");
				}
			}
		}
	}

	private static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}


}
