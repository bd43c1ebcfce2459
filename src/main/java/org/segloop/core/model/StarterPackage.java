package org.segloop.core.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import org.segloop.core.util.Hashing;

/**
 * Writes a starter bioimage.io package (rdf.yaml 0.5) for a bare ONNX file, so that any ONNX
 * segmentation model can be tried in SegLoop. What the graph and a test run determine is filled
 * in: the input's axes from its shape, and every output's real shape from running the model once
 * ({@link GraphTrial}) — exported networks often declare no output sizes (a {@code Resize} back to
 * the input size hides them). The segmentation output is the first output at the input's size;
 * its channel count gives one class name per channel. Everything else is a guess and its line
 * says GUESS: normalisation, size steps of dynamic axes, class names, raw logits or
 * probabilities, which output when several qualify, how instances are made.
 */
public final class StarterPackage {

	/** What was written: axes as letters (e.g. "bcyx"), the graph output taken, the postprocessing added. */
	public record Result(Path rdf, String inputAxes, String outputAxes, String output, String postprocessing) {}

	private StarterPackage() {}

	/** @param probe test-loads the ONNX file safely before this process opens it (see ModelProbe) */
	public static Result create(Path onnx, Path outDir, String name, java.util.function.Consumer<Path> probe) {
		OnnxFileScanner.Summary summary = OnnxFileScanner.scan(onnx);
		OnnxFileScanner.checkExternalData(onnx, summary);
		probe.accept(onnx);
		long[] declaredIn;
		GraphTrial.Outcome trial;
		String inAxes;
		Map<String, long[]> declaredOut = new java.util.LinkedHashMap<>();
		ai.onnxruntime.OrtEnvironment env = org.segloop.core.util.OrtLogging.environment(); // before SessionOptions: loads ORT from SegLoop's cache
		try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
			OrtSession session = env.createSession(onnx.toString(), so))
		{
			if (session.getInputInfo().size() != 1) throw new ModelPackageException(onnx,
				"has " + session.getInputInfo().size() + " inputs; SegLoop runs models with one image input", "export the model with a single input");
			NodeInfo input = session.getInputInfo().values().iterator().next();
			declaredIn = shape(onnx, input);
			inAxes = guessAxes(declaredIn, onnx);
			for (NodeInfo out : session.getOutputInfo().values()) declaredOut.put(out.getName(), shape(onnx, out));
			trial = GraphTrial.run(session, onnx, input.getName(), declaredIn, inAxes);
		}
		catch (OrtException e) {
			throw new ModelPackageException(onnx, "ONNX Runtime cannot load it: " + e.getMessage(), "check that it is a valid ONNX model", e);
		}
		String space = spatialOf(inAxes);
		int[] inSpace = new int[space.length()];
		for (int i = 0, s = 0; i < inAxes.length(); i++)
			if (space.indexOf(inAxes.charAt(i)) >= 0) inSpace[s++] = (int) trial.input()[i];
		// candidates: float outputs with the input's space axes, at its size (first) or smaller by a margin (valid convolutions)
		List<String> candidates = new ArrayList<>();
		Map<String, String> axesOf = new java.util.HashMap<>();
		for (boolean exact : new boolean[] { true, false })
			for (Map.Entry<String, long[]> o : trial.outputs().entrySet()) {
				String axes = trial.values().containsKey(o.getKey()) && !candidates.contains(o.getKey())
					? outputAxes(o.getValue(), declaredOut.get(o.getKey()), space, inSpace, exact, onnx) : null;
				if (axes != null) {
					candidates.add(o.getKey());
					axesOf.put(o.getKey(), axes);
				}
			}
		if (candidates.isEmpty()) throw new ModelPackageException(onnx, "has no float output with the input's space axes: for an input of shape "
			+ Arrays.toString(trial.input()) + " its outputs have shapes " + shapes(trial.outputs()),
			"SegLoop needs an output per pixel of the input; write rdf.yaml by hand for this model");
		String chosen = candidates.get(0);
		String outAxes = axesOf.get(chosen);
		long[] outShape = trial.outputs().get(chosen);
		int[] offsets = new int[space.length()];
		for (int i = 0; i < outAxes.length(); i++)
			if (space.indexOf(outAxes.charAt(i)) >= 0) offsets[space.indexOf(outAxes.charAt(i))] = (int) outShape[i] - inSpace[space.indexOf(outAxes.charAt(i))];
		int outChannels = outAxes.indexOf('c') < 0 ? 1 : (int) outShape[outAxes.indexOf('c')];
		String producer = summary.producers().getOrDefault(chosen, "");
		String post = producer.equals("Softmax") || producer.equals("Sigmoid") ? "none"
			: GraphTrial.looksLikeProbabilities(trial.values().get(chosen), outShape, outAxes.indexOf('c')) ? "probabilities"
			: outChannels == 1 ? "sigmoid" : "softmax";
		StarterRdf.Spec spec = new StarterRdf.Spec(name, inAxes, declaredIn, trial.input(), outAxes, chosen, outShape, offsets,
			candidates.subList(1, candidates.size()), outChannels, post, producer, summary.opsetVersion());
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
			Files.writeString(rdf, StarterRdf.text(spec, Hashing.sha256(model)), StandardCharsets.UTF_8);
			return new Result(rdf, inAxes, outAxes, chosen, post.equals("probabilities") ? "none" : post);
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

	/**
	 * Axis letters of an output whose test-run shape holds the input's space sizes in order
	 * ({@code exact}) or sizes smaller by an even margin of at most half (valid convolutions), or
	 * null when it does not (an auxiliary head at lower resolution, a score, an embedding). The
	 * declared shape's guess wins when it fits; otherwise channels first, then channels last.
	 */
	static String outputAxes(long[] shape, long[] declared, String space, int[] inSpace, boolean exact, Path onnx) {
		List<String> options = new ArrayList<>();
		if (declared != null && declared.length == shape.length && shape.length >= 2 && shape.length <= 5) {
			String guess = guessAxes(declared, onnx);
			if (spatialOf(guess).equals(space)) options.add(guess);
		}
		int extra = shape.length - space.length();
		if (extra == 0) options.add(space);
		if (extra == 1) options.addAll(List.of("c" + space, space + "c"));
		if (extra == 2) options.addAll(List.of("bc" + space, "b" + space + "c"));
		for (String axes : options) if (fits(axes, shape, space, inSpace, exact)) return axes;
		return null;
	}

	private static boolean fits(String axes, long[] shape, String space, int[] inSpace, boolean exact) {
		if (axes.length() != shape.length) return false;
		for (int i = 0; i < axes.length(); i++) {
			char a = axes.charAt(i);
			int s = space.indexOf(a);
			long margin = s < 0 ? 0 : inSpace[s] - shape[i];
			if (s >= 0 && (exact ? margin != 0 : margin < 0 || margin % 2 != 0 || 2 * margin > inSpace[s])) return false;
			if (a == 'b' && shape[i] != 1) return false;
		}
		return true;
	}

	private static boolean small(long dim) {
		return dim > 0 && dim <= 16;
	}

	static String spatialOf(String axes) {
		return axes.replaceAll("[bc]", "");
	}

	private static String shapes(Map<String, long[]> outputs) {
		List<String> s = new ArrayList<>();
		outputs.forEach((k, v) -> s.add(k + " " + Arrays.toString(v)));
		return String.join(", ", s);
	}
}
