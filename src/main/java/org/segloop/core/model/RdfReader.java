package org.segloop.core.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.segloop.core.UserAction;
import org.segloop.core.model.AxisSize.Any;
import org.segloop.core.model.AxisSize.Fixed;
import org.segloop.core.model.AxisSize.Parameterized;
import org.segloop.core.model.AxisSize.Referenced;
import org.segloop.core.model.SegLoopSettings.ClassInfo;
import org.segloop.core.model.SegLoopSettings.InstanceMode;
import org.segloop.core.model.SegLoopSettings.IntensityWindow;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads a bioimage.io model rdf.yaml (format 0.5.x or 0.4.x) into a {@link ModelDescription}.
 * Only the fields SegLoop needs are read; anything it cannot honour is an error rather than being
 * silently ignored, because a wrong normalisation gives plausible-looking but wrong masks.
 */
public final class RdfReader {

	/** Processing ids SegLoop can apply, for the error message about an unknown one. */
	static final List<String> SUPPORTED_PROCESSING = List.of("scale_range", "zero_mean_unit_variance",
		"fixed_zero_mean_unit_variance", "scale_linear", "clip", "binarize", "ensure_dtype", "sigmoid",
		"softmax");

	private static final int MAX_RDF_BYTES = 4 << 20;
	private static final String SIZE_MEANING = "no model runs on tiles of more than 2^20 pixels per axis";
	private static final String HALO_MEANING = "a halo is cut from both sides of a tile of at most 2^20 pixels per axis";
	private static final String OFFSET_MEANING = "an output at the input's resolution differs from it by a border, not by more than "
		+ AxisSize.MAX_OFFSET + " pixels";

	private final Path rdf;
	private final Path root;
	private final RdfFields f;
	private boolean v04;

	private RdfReader(Path rdf) {
		this.rdf = rdf;
		this.root = rdf.toAbsolutePath().normalize().getParent(); // normalised: "../models/x" must not look like leaving the package
		this.f = new RdfFields(rdf);
	}

	public static ModelDescription read(Path rdfFile) {
		return new RdfReader(rdfFile).read();
	}

	private ModelDescription read() {
		Map<String, Object> top = f.map(load(), "");
		String format = f.string(f.require(top, "format_version", ""), "format_version");
		if (format.startsWith("0.4.")) v04 = true;
		else if (!format.startsWith("0.5.")) throw f.error("format_version",
			"is " + format + "; SegLoop reads bioimage.io model formats 0.4.x and 0.5.x");
		String type = f.optString(top, "type", "", "model");
		if (!type.equals("model")) throw f.error("type", "is '" + type + "', not 'model'");
		String name = f.optString(top, "name", "", rdf.getParent().getFileName().toString());

		List<Object> testInputs = v04 ? f.optList(top, "test_inputs", "") : List.of();
		List<Object> testOutputs = v04 ? f.optList(top, "test_outputs", "") : List.of();
		List<TensorDescription> inputs = tensors(top, "inputs", testInputs);
		List<TensorDescription> outputs = resolveChannelReferences(tensors(top, "outputs", testOutputs), inputs);
		if (inputs.size() != 1) throw f.error("inputs",
			"has " + inputs.size() + " tensors; SegLoop runs models with exactly one input");

		Map<String, Object> weights = f.map(f.require(top, "weights", ""), "weights");
		if (!weights.containsKey("onnx")) throw new ModelPackageException(rdf,
			"the package has no ONNX weights (it lists " + weights.keySet() + ")",
			"export the model to ONNX (opset 13 or newer) and add it under weights.onnx, or create a starter package from the ONNX file",
			UserAction.CREATE_MODEL_PACKAGE);
		ModelDescription.Weights onnx = weights(weights, "onnx");
		String tsKey = v04 ? "pytorch_script" : "torchscript";
		ModelDescription.Weights ts = weights.containsKey(tsKey) ? weights(weights, tsKey) : null;

		Map<String, Object> config = f.optMap(top, "config", "");
		Map<String, Object> segloop = f.optMap(config, "segloop", "config");
		SegLoopSettings settings = settings(segloop, outputs.get(0));
		return new ModelDescription(format, name, rdf, inputs, outputs, onnx, ts, settings);
	}

	private Object load() {
		try {
			if (Files.size(rdf) > MAX_RDF_BYTES) throw new ModelPackageException(rdf,
				"is larger than 4 MiB, which no model description needs", "check that this is really an rdf.yaml");
			LoaderOptions options = new LoaderOptions();
			options.setAllowDuplicateKeys(false);
			options.setMaxAliasesForCollections(50); // billion-laughs guard
			String text = utf8(Files.readAllBytes(rdf));
			DumperOptions dump = new DumperOptions();
			return new Yaml(new SafeConstructor(options), new Representer(dump), dump, options, new Yaml12Resolver()).load(text);
		}
		catch (IOException e) {
			throw new ModelPackageException(rdf, "cannot be read: " + e.getMessage(), "check the file exists and is readable", e);
		}
		catch (org.yaml.snakeyaml.reader.ReaderException e) {
			// e.g. a NUL byte: SnakeYAML's own message names the stream, not the line
			String text = "";
			try {
				text = utf8(Files.readAllBytes(rdf));
			}
			catch (IOException ignored) {
				// read a moment ago; the message below then goes without the line
			}
			int at = text.offsetByCodePoints(0, Math.min(e.getPosition(), text.codePointCount(0, text.length())));
			throw new ModelPackageException(rdf, "is not valid YAML: it holds the character U+" + String.format("%04X", e.getCodePoint())
				+ ", which YAML does not allow, at " + lineAndColumn(text, at), "remove that character (a text editor shows it as a box or ^@)", e);
		}
		catch (YAMLException e) {
			throw new ModelPackageException(rdf, "is not valid YAML: " + firstLine(e.getMessage())
				+ (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null
					? " (line " + (m.getProblemMark().getLine() + 1) + ", column " + (m.getProblemMark().getColumn() + 1) + ")" : ""),
				"fix the YAML syntax at the position named", e);
		}
	}

	/** The text, or an error naming the first byte that is not UTF-8 and its line. */
	private String utf8(byte[] bytes) {
		java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
		java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
		java.nio.charset.CoderResult r = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
			.onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(in, out, true);
		if (r.isError()) {
			int line = 1;
			for (int i = 0; i < in.position(); i++) if (bytes[i] == '\n') line++;
			throw new ModelPackageException(rdf, "is not UTF-8 text: byte " + (in.position() + 1) + " (line " + line + ", value 0x"
				+ String.format("%02X", bytes[in.position()] & 0xff) + ") is not part of a UTF-8 character",
				"save rdf.yaml as UTF-8 (in most editors: Save As, encoding UTF-8)");
		}
		out.flip();
		return out.toString();
	}

	private static String lineAndColumn(String text, int index) {
		int line = 1, column = 1;
		for (int i = 0; i < index && i < text.length(); i++) {
			if (text.charAt(i) == '\n') { line++; column = 1; }
			else column++;
		}
		return "line " + line + ", column " + column;
	}

	private List<TensorDescription> tensors(Map<String, Object> top, String key, List<Object> testTensors04) {
		List<Object> list = f.list(f.require(top, key, ""), key);
		if (list.isEmpty()) throw f.error(key, "is empty");
		List<TensorDescription> out = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			String where = key + "[" + i + "]";
			Map<String, Object> t = f.map(list.get(i), where);
			String id = f.string(f.require(t, v04 ? "name" : "id", where), where + (v04 ? ".name" : ".id"));
			List<AxisDescription> axes = v04 ? axes04(t, where) : axes05(t, where);
			String dtype;
			Path test = null;
			String testSha = null;
			if (v04) {
				dtype = f.optString(t, "data_type", where, "float32");
				if (i < testTensors04.size()) test = file(f.string(testTensors04.get(i), "test_" + key + "[" + i + "]"), "test_" + key + "[" + i + "]");
			}
			else {
				dtype = f.optString(f.optMap(t, "data", where), "type", where + ".data", "float32");
				Map<String, Object> tt = f.optMap(t, "test_tensor", where);
				if (!tt.isEmpty()) {
					test = file(f.string(f.require(tt, "source", where + ".test_tensor"), where + ".test_tensor.source"), where + ".test_tensor.source");
					testSha = f.optString(tt, "sha256", where + ".test_tensor", null);
				}
			}
			String procKey = key.equals("inputs") ? "preprocessing" : "postprocessing";
			List<ProcessingStep> steps = new ArrayList<>();
			List<Object> procs = f.optList(t, procKey, where);
			for (int p = 0; p < procs.size(); p++)
				steps.add(step(f.map(procs.get(p), where + "." + procKey + "[" + p + "]"), where + "." + procKey + "[" + p + "]"));
			out.add(new TensorDescription(id, axes, dtype, test, testSha, steps));
		}
		return out;
	}

	/** Output channel axes that refer to a fixed input channel axis get a fixed size (0.4 style). */
	private static List<TensorDescription> resolveChannelReferences(List<TensorDescription> outputs, List<TensorDescription> inputs) {
		List<TensorDescription> resolved = new ArrayList<>();
		for (TensorDescription t : outputs) {
			List<AxisDescription> axes = new ArrayList<>();
			for (AxisDescription a : t.axes()) {
				if (a.type() == AxisType.CHANNEL && a.size() instanceof Referenced r) {
					AxisSize ref = inputs.stream().filter(i -> i.id().equals(r.tensorId())).findFirst()
						.flatMap(i -> i.axis(r.axisId())).map(AxisDescription::size).orElse(null);
					if (ref instanceof Fixed f) a = new AxisDescription(a.type(), a.id(),
						new Fixed((int) Math.round(f.size() * r.scale()) + r.offset()), a.halo(), a.channelNames());
				}
				axes.add(a);
			}
			resolved.add(new TensorDescription(t.id(), axes, t.dataType(), t.testTensor(), t.testTensorSha256(), t.processing()));
		}
		return resolved;
	}

	private List<AxisDescription> axes05(Map<String, Object> t, String where) {
		List<Object> list = f.list(f.require(t, "axes", where), where + ".axes");
		List<AxisDescription> axes = new ArrayList<>();
		for (int a = 0; a < list.size(); a++) {
			String w = where + ".axes[" + a + "]";
			Map<String, Object> ax = f.map(list.get(a), w);
			String typeText = f.string(f.require(ax, "type", w), w + ".type");
			AxisType type = AxisType.parse(typeText);
			if (type == null) throw f.error(w + ".type", "is '" + typeText + "'; expected batch, channel, index, time or space");
			String id = ax.containsKey("id") ? f.string(ax.get("id"), w + ".id") : switch (type) {
				case BATCH -> "b";
				case CHANNEL -> "c";
				case INDEX -> "i";
				case TIME -> "t";
				case SPACE -> throw f.error(w + ".id", "is missing (space axes need x, y or z)");
			};
			List<String> names = List.of();
			AxisSize size;
			if (type == AxisType.CHANNEL) {
				names = f.list(f.require(ax, "channel_names", w), w + ".channel_names").stream()
					.map(o -> f.string(o, w + ".channel_names")).toList();
				if (names.isEmpty()) throw f.error(w + ".channel_names", "is empty; list one name per channel of the tensor");
				size = new Fixed(names.size());
			}
			else if (type == AxisType.BATCH) size = ax.containsKey("size") ? new Fixed(axisNumber(ax.get("size"), w + ".size", 1)) : new Any();
			else size = size05(ax.get("size"), w + ".size");
			int halo = ax.containsKey("halo") ? halo(ax.get("halo"), w + ".halo") : 0;
			axes.add(new AxisDescription(type, id, size, halo, names));
		}
		return axes;
	}

	private AxisSize size05(Object value, String w) {
		if (value == null) throw f.error(w, "is missing");
		if (!(value instanceof Map)) return new Fixed(axisNumber(value, w, 1));
		Map<String, Object> m = f.map(value, w);
		if (m.containsKey("tensor_id")) return new Referenced(f.string(m.get("tensor_id"), w + ".tensor_id"),
			f.string(f.require(m, "axis_id", w), w + ".axis_id"), 1.0,
			m.containsKey("offset") ? f.integer(m.get("offset"), w + ".offset", -AxisSize.MAX_OFFSET, AxisSize.MAX_OFFSET, OFFSET_MEANING) : 0);
		int min = axisNumber(f.require(m, "min", w), w + ".min", 1);
		int step = m.containsKey("step") ? axisNumber(m.get("step"), w + ".step", 0) : 1;
		return new Parameterized(min, step);
	}

	private List<AxisDescription> axes04(Map<String, Object> t, String where) {
		String letters = f.string(f.require(t, "axes", where), where + ".axes");
		Object shape = f.require(t, "shape", where);
		int n = letters.length();
		AxisSize[] sizes = new AxisSize[n];
		if (shape instanceof List<?>) {
			double[] fixed = f.numbers(shape, where + ".shape");
			if (fixed.length != n) throw f.error(where + ".shape", "has " + fixed.length + " entries for axes '" + letters + "'");
			for (int i = 0; i < n; i++) sizes[i] = new Fixed(f.bounded(fixed[i], where + ".shape[" + i + "]", 1, AxisSize.MAX_DECLARED, SIZE_MEANING));
		}
		else {
			Map<String, Object> m = f.map(shape, where + ".shape");
			if (m.containsKey("reference_tensor")) {
				String ref = f.string(m.get("reference_tensor"), where + ".shape.reference_tensor");
				double[] scale = m.containsKey("scale") ? f.numbers(m.get("scale"), where + ".shape.scale") : filled(n, 1);
				double[] offset = m.containsKey("offset") ? f.numbers(m.get("offset"), where + ".shape.offset") : filled(n, 0);
				if (scale.length != n || offset.length != n) throw f.error(where + ".shape", "scale/offset need " + n + " entries");
				for (int i = 0; i < n; i++)
					sizes[i] = new Referenced(ref, String.valueOf(letters.charAt(i)), scale[i],
						f.bounded(Math.round(2 * offset[i]), where + ".shape.offset[" + i + "]", -AxisSize.MAX_OFFSET, AxisSize.MAX_OFFSET,
							"0.4 offsets count twice: " + OFFSET_MEANING));
			}
			else {
				double[] min = f.numbers(f.require(m, "min", where + ".shape"), where + ".shape.min");
				double[] step = f.numbers(f.require(m, "step", where + ".shape"), where + ".shape.step");
				if (min.length != n || step.length != n) throw f.error(where + ".shape", "min/step need " + n + " entries for axes '" + letters + "'");
				for (int i = 0; i < n; i++) {
					int mn = f.bounded(min[i], where + ".shape.min[" + i + "]", 1, AxisSize.MAX_DECLARED, SIZE_MEANING);
					int st = f.bounded(step[i], where + ".shape.step[" + i + "]", 0, AxisSize.MAX_DECLARED, SIZE_MEANING);
					sizes[i] = st == 0 ? new Fixed(mn) : new Parameterized(mn, st);
				}
			}
		}
		double[] halo = t.containsKey("halo") ? f.numbers(t.get("halo"), where + ".halo") : filled(n, 0);
		List<AxisDescription> axes = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			String id = String.valueOf(letters.charAt(i));
			AxisType type = switch (id) {
				case "b" -> AxisType.BATCH;
				case "c" -> AxisType.CHANNEL;
				case "x", "y", "z" -> AxisType.SPACE;
				case "t" -> AxisType.TIME;
				case "i" -> AxisType.INDEX;
				default -> throw f.error(where + ".axes", "has unknown axis letter '" + id + "'");
			};
			int h = i < halo.length ? f.bounded(halo[i], where + ".halo[" + i + "]", 0, AxisSize.MAX_DECLARED / 2, HALO_MEANING) : 0;
			axes.add(new AxisDescription(type, id, sizes[i], h, List.of()));
		}
		return axes;
	}

	/** A size, min or step of an axis: at least {@code min}, at most {@link AxisSize#MAX_DECLARED}. */
	private int axisNumber(Object value, String where, int min) {
		return f.integer(value, where, min, AxisSize.MAX_DECLARED, SIZE_MEANING);
	}

	private int halo(Object value, String where) {
		return f.integer(value, where, 0, AxisSize.MAX_DECLARED / 2, HALO_MEANING);
	}

	private ProcessingStep step(Map<String, Object> p, String w) {
		String id = f.string(f.require(p, v04 ? "name" : "id", w), w + (v04 ? ".name" : ".id"));
		Map<String, Object> k = f.optMap(p, "kwargs", w);
		String kw = w + ".kwargs";
		switch (id) {
			case "scale_range": {
				String mode = f.optString(k, "mode", kw, "per_sample");
				if (!mode.equals("per_sample")) throw unsupportedMode(kw, mode);
				if (k.containsKey("reference_tensor")) throw f.error(kw + ".reference_tensor",
					"is not supported: SegLoop normalises each input by its own statistics");
				return new ProcessingStep.ScaleRange(f.axesList(k.get("axes"), kw + ".axes"),
					f.optNumber(k, "min_percentile", kw, 0), f.optNumber(k, "max_percentile", kw, 100),
					f.optNumber(k, "eps", kw, 1e-6));
			}
			case "zero_mean_unit_variance": {
				String mode = f.optString(k, "mode", kw, "per_sample");
				if (mode.equals("fixed")) return new ProcessingStep.FixedZeroMeanUnitVariance(
					f.numbers(f.require(k, "mean", kw), kw + ".mean"), f.numbers(f.require(k, "std", kw), kw + ".std"),
					f.optNumber(k, "eps", kw, 1e-6));
				if (!mode.equals("per_sample")) throw unsupportedMode(kw, mode);
				return new ProcessingStep.ZeroMeanUnitVariance(f.axesList(k.get("axes"), kw + ".axes"), f.optNumber(k, "eps", kw, 1e-6));
			}
			case "fixed_zero_mean_unit_variance":
				return new ProcessingStep.FixedZeroMeanUnitVariance(f.numbers(f.require(k, "mean", kw), kw + ".mean"),
					f.numbers(f.require(k, "std", kw), kw + ".std"), f.optNumber(k, "eps", kw, 1e-6));
			case "scale_linear":
				return new ProcessingStep.ScaleLinear(k.containsKey("gain") ? f.numbers(k.get("gain"), kw + ".gain") : new double[] { 1 },
					k.containsKey("offset") ? f.numbers(k.get("offset"), kw + ".offset") : new double[] { 0 });
			case "clip":
				return new ProcessingStep.Clip(f.optNumber(k, "min", kw, Double.NEGATIVE_INFINITY), f.optNumber(k, "max", kw, Double.POSITIVE_INFINITY));
			case "binarize":
				return new ProcessingStep.Binarize(f.numbers(f.require(k, "threshold", kw), kw + ".threshold"));
			case "ensure_dtype":
				return new ProcessingStep.EnsureDtype(f.string(f.require(k, "dtype", kw), kw + ".dtype"));
			case "sigmoid":
				return new ProcessingStep.Sigmoid();
			case "softmax":
				return new ProcessingStep.Softmax();
			default:
				throw new ModelPackageException(rdf, "field '" + w + "' names processing '" + id + "', which SegLoop does not know",
					"use one of " + SUPPORTED_PROCESSING + ", or apply that step to the images before segmenting");
		}
	}

	private ModelPackageException unsupportedMode(String where, String mode) {
		return f.error(where + ".mode", "is '" + mode + "'; SegLoop supports per_sample (and fixed for zero_mean_unit_variance)");
	}

	private ModelDescription.Weights weights(Map<String, Object> weights, String key) {
		String w = "weights." + key;
		Map<String, Object> m = f.map(weights.get(key), w);
		Path source = file(f.string(f.require(m, "source", w), w + ".source"), w + ".source");
		Integer opset = m.containsKey("opset_version") ? f.integer(m.get("opset_version"), w + ".opset_version") : null;
		return new ModelDescription.Weights(source, f.optString(m, "sha256", w, null), opset);
	}

	/** Resolves a package-relative file reference; refuses URLs and paths that leave the package. */
	private Path file(String ref, String where) {
		if (ref.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) throw new ModelPackageException(rdf,
			"field '" + where + "' points at a download (" + ref + "); SegLoop works offline",
			"download the file into the package folder and set " + where + " to its file name");
		for (int i = 0; i < ref.length(); i++)
			if (Character.isISOControl(ref.charAt(i))) throw new ModelPackageException(rdf,
				"field '" + where + "' holds a control character (code " + (int) ref.charAt(i) + ") at position " + (i + 1)
					+ " of its file name", "write the file's plain name, e.g. model.onnx, in " + where);
		Path p;
		try {
			p = root.resolve(ref).normalize();
		}
		catch (java.nio.file.InvalidPathException e) {
			throw new ModelPackageException(rdf, "field '" + where + "' is not a file name this system accepts (" + e.getReason() + ")",
				"write the file's plain name, e.g. model.onnx, in " + where, e);
		}
		if (!p.startsWith(root)) throw new ModelPackageException(rdf,
			"field '" + where + "' points outside the package (" + ref + ")",
			"keep every file of the model inside the package folder and refer to it by a relative name");
		return p;
	}

	private SegLoopSettings settings(Map<String, Object> s, TensorDescription output) {
		String w = "config.segloop";
		int c = output.indexOf(AxisType.CHANNEL);
		List<String> channelNames = c < 0 ? List.of("foreground") : output.axes().get(c).channelNames();
		if (channelNames.isEmpty()) {
			int n = output.channelCount();
			channelNames = new ArrayList<>();
			for (int i = 0; i < Math.max(1, n); i++) channelNames.add("class " + i);
		}
		SegLoopSettings defaults = SegLoopSettings.defaults(channelNames);
		List<ClassInfo> classes = defaults.classes();
		if (s.containsKey("classes")) {
			List<Object> list = f.list(s.get("classes"), w + ".classes");
			classes = new ArrayList<>();
			for (int i = 0; i < list.size(); i++) {
				Object o = list.get(i);
				if (o instanceof String name) classes.add(new ClassInfo(name, null));
				else {
					Map<String, Object> m = f.map(o, w + ".classes[" + i + "]");
					String at = w + ".classes[" + i + "]";
					classes.add(new ClassInfo(f.string(f.require(m, "name", at), at + ".name"), f.optString(m, "color", at, null),
						code(m, "dicom_category", at), code(m, "dicom_type", at)));
				}
			}
		}
		String modeText = f.optString(s, "instance_mode", w, "components");
		InstanceMode mode;
		try {
			mode = InstanceMode.valueOf(modeText.toUpperCase());
		}
		catch (IllegalArgumentException e) {
			throw f.error(w + ".instance_mode", "is '" + modeText + "'; expected none, components or boundary");
		}
		int fg = f.optInt(s, "foreground_channel", w, -1);
		int boundary = f.optInt(s, "boundary_channel", w, -1);
		int n = channelNames.size();
		if (fg >= n || boundary >= n) throw f.error(w, "names output channel " + Math.max(fg, boundary) + " but the output has " + n + " channels");
		if (mode == InstanceMode.BOUNDARY && boundary < 0) throw f.error(w + ".instance_mode", "is 'boundary' but boundary_channel is not set");
		IntensityWindow window = null;
		if (s.containsKey("intensity_window")) {
			Map<String, Object> m = f.map(s.get("intensity_window"), w + ".intensity_window");
			window = new IntensityWindow(f.number(f.require(m, "center", w + ".intensity_window"), w + ".intensity_window.center"),
				f.number(f.require(m, "width", w + ".intensity_window"), w + ".intensity_window.width"));
			if (!(window.width() > 0)) throw f.error(w + ".intensity_window.width", "must be positive");
		}
		return new SegLoopSettings(classes, fg, boundary, mode, f.optNumber(s, "threshold", w, 0.5),
			f.optInt(s, "min_object_size", w, 0), window, (long) f.optNumber(s, "flops_per_pixel", w, 0));
	}

	/** An optional coded concept {@code {code, scheme, meaning}} (for DICOM Segmentation segments). */
	private SegLoopSettings.Code code(Map<String, Object> m, String key, String where) {
		if (!m.containsKey(key)) return null;
		String at = where + "." + key;
		Map<String, Object> c = f.map(m.get(key), at);
		String value = f.string(f.require(c, "code", at), at + ".code");
		if (value.isBlank() || value.length() > 16) throw f.error(at + ".code", "must be 1 to 16 characters (a DICOM CodeValue), found '" + value + "'");
		return new SegLoopSettings.Code(value, f.string(f.require(c, "scheme", at), at + ".scheme"), f.string(f.require(c, "meaning", at), at + ".meaning"));
	}

	private static double[] filled(int n, double v) {
		double[] a = new double[n];
		java.util.Arrays.fill(a, v);
		return a;
	}

	private static String firstLine(String s) {
		if (s == null) return "";
		int nl = s.indexOf('\n');
		return (nl < 0 ? s : s.substring(0, nl)).trim();
	}
}
