package org.segloop.core.model;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.segloop.core.UserAction;
import org.segloop.core.util.Folders;
import org.segloop.core.util.Hashing;

/**
 * A model package that has been opened and validated: its description, the verified ONNX file, and
 * the folder the files live in. Opening checks everything that can be checked without running the
 * model: rdf.yaml fields, declared hashes, the ONNX file's structure and its external data.
 * Opening is cheap (no ONNX Runtime session is created) and thread-safe.
 */
public final class ModelPackage {

	/** Names under which a package's description is accepted, in order of preference. */
	static final List<String> RDF_NAMES = List.of("rdf.yaml", "bioimageio.yaml", "model.yaml");

	private final Path source;
	private final ModelDescription description;
	private final OnnxFileScanner.Summary onnxSummary;

	private ModelPackage(Path source, ModelDescription description, OnnxFileScanner.Summary onnxSummary) {
		this.source = source;
		this.description = description;
		this.onnxSummary = onnxSummary;
	}

	/**
	 * Opens a package folder, a .zip of one, or an rdf.yaml file directly. A zip is unpacked (with
	 * zip-slip and zip-bomb guards) once into the cache folder, keyed by its hash.
	 */
	public static ModelPackage open(Path path) {
		if (!Files.exists(path)) throw new ModelPackageException(path, "does not exist",
			"give the path of a model package folder, its .zip, or its rdf.yaml");
		Path folder = path;
		if (!Files.isDirectory(path)) PackageFiles.requireRegular(path); // a named pipe would block the first read
		if (Files.isRegularFile(path) && path.getFileName().toString().toLowerCase().endsWith(".zip"))
			folder = unpackToCache(path);
		Path rdf = Files.isDirectory(folder) ? findRdf(folder) : folder;
		// every file is checked to lie inside the package's real folder before it is opened
		Path root = PackageFiles.realFolder(rdf.toAbsolutePath().normalize().getParent());
		PackageFiles.requireInside(rdf, root, "the package description", "package folder");
		ModelDescription d = RdfReader.read(rdf);
		verifyHash(d.onnx().source(), d.onnx().sha256(), "weights.onnx", root);
		if (d.torchscript() != null && Files.exists(d.torchscript().source())) // optional; where it exists it is checked
			verifyHash(d.torchscript().source(), d.torchscript().sha256(), "weights.torchscript", root);
		for (TensorDescription t : concat(d.inputs(), d.outputs()))
			if (t.testTensor() != null) verifyHash(t.testTensor(), t.testTensorSha256(), "test tensor of " + t.id(), root);
		OnnxFileScanner.Summary summary = OnnxFileScanner.scan(d.onnx().source());
		OnnxFileScanner.checkExternalData(d.onnx().source(), summary);
		ModelShapes.validate(d);
		return new ModelPackage(path, d, summary);
	}

	public Path source() {
		return source;
	}

	public ModelDescription description() {
		return description;
	}

	public Path onnxFile() {
		return description.onnx().source();
	}

	/** Highest default-domain opset the ONNX file imports, or -1 when it names none. */
	public long opsetVersion() {
		return onnxSummary.opsetVersion();
	}

	public String name() {
		return description.name();
	}

	/**
	 * The package's ONNX file with some float initializers' values replaced in place (same names,
	 * same shapes, so every byte outside the values stays as it was): a fine-tuned version as a
	 * standalone ONNX file.
	 *
	 * @throws ModelPackageException when a weight does not fit, or its initializer is not stored as float32 in the file
	 */
	public byte[] onnxWithWeights(WeightSet weights) {
		weights.checkFits(this);
		byte[] bytes;
		try {
			bytes = java.nio.file.Files.readAllBytes(onnxFile());
		}
		catch (java.io.IOException e) {
			throw new ModelPackageException(onnxFile(), "cannot be read: " + e.getMessage(), "check the file exists and is readable", e);
		}
		if (!canWriteWeights(weights)) throw new ModelPackageException(onnxFile(),
			"stores some initializers in a form SegLoop cannot rewrite (only float32 data inside the file)",
			"re-export the model with float32 weights inside the ONNX file");
		java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		for (java.util.Map.Entry<String, WeightSet.Tensor> e : weights.tensors().entrySet()) {
			int offset = onnxSummary.initializerData().get(e.getKey()).offset();
			float[] v = e.getValue().values();
			for (int i = 0; i < v.length; i++) b.putFloat(offset + 4 * i, v[i]);
		}
		return bytes;
	}

	/** Name → shape of every weight (initializer) of the ONNX graph, in file order (for mapping fine-tuned weights). */
	public java.util.Map<String, long[]> initializerShapes() {
		return onnxSummary.initializerShapes();
	}

	/** Names of the model's output channels: rdf.yaml's class names, else "class i". */
	public java.util.List<String> classNames() {
		java.util.List<String> names = new java.util.ArrayList<>();
		description.settings().classes().forEach(c -> names.add(c.name()));
		int channels = Math.max(1, description.output().channelCount());
		while (names.size() < channels) names.add("class " + names.size());
		return java.util.List.copyOf(names.subList(0, channels));
	}

	/**
	 * Names of the values a class mask holds: {@link #classNames()}, with at least two entries
	 * (a one-channel model's mask is 0 = background, 1 = its class).
	 */
	public java.util.List<String> maskLabelNames() {
		java.util.List<String> names = new java.util.ArrayList<>(classNames());
		if (names.size() == 1) names.add(0, "background");
		return java.util.List.copyOf(names);
	}

	/**
	 * The graph output ONNX Runtime will be asked for: the one named like rdf.yaml's output, or
	 * the graph's first output.
	 */
	public String graphOutputName() {
		String wanted = description.output().id();
		return onnxSummary.producers().containsKey(wanted) ? wanted
			: onnxSummary.producers().keySet().stream().findFirst().orElse(wanted);
	}

	/**
	 * The ONNX file's bytes with a Softmax over {@code axis} appended to the graph output
	 * (see {@link SoftmaxAppender}), or empty where that cannot be done safely.
	 */
	public java.util.Optional<byte[]> onnxWithSoftmax(int axis) {
		return SoftmaxAppender.append(onnxFile(), onnxSummary, graphOutputName(), axis);
	}

	/** As {@link #onnxWithSoftmax(int)}, on the bytes {@link #onnxWithWeights} made. */
	public java.util.Optional<byte[]> onnxWithSoftmax(byte[] onnxWithWeights, int axis) {
		return SoftmaxAppender.append(onnxWithWeights, onnxSummary, graphOutputName(), axis);
	}

	/** True when {@link #onnxWithWeights} can write every one of these weights into the file's bytes (float32, stored inside the file). */
	public boolean canWriteWeights(WeightSet weights) {
		for (java.util.Map.Entry<String, WeightSet.Tensor> e : weights.tensors().entrySet()) {
			OnnxFileScanner.InitializerData d = onnxSummary.initializerData().get(e.getKey());
			if (d == null || d.dataType() != 1 || d.length() != 4L * e.getValue().values().length) return false;
		}
		return true;
	}

	/** Name of the output {@link #onnxWithSoftmax} adds. */
	public String softmaxOutputName() {
		return graphOutputName() + SoftmaxAppender.SUFFIX;
	}

	private static Path findRdf(Path folder) {
		return findRdf(folder, folder);
	}

	/** @param named the folder to name in the message (the zip, for an unpacked one) */
	private static Path findRdf(Path folder, Path named) {
		for (String name : RDF_NAMES) {
			Path p = folder.resolve(name);
			if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return p; // checked by the caller (a pipe is refused, not skipped)
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(p -> p.getFileName().toString().endsWith(".rdf.yaml")).findFirst()
				.orElseThrow(() -> new ModelPackageException(named, "contains no rdf.yaml",
					"a model package needs a bioimage.io rdf.yaml; for a bare ONNX file, create a starter package from it",
					UserAction.CREATE_MODEL_PACKAGE));
		}
		catch (IOException e) {
			throw new ModelPackageException(folder, "cannot be listed: " + e.getMessage(), "check permissions", e);
		}
	}

	private static void verifyHash(Path file, String declared, String what, Path root) {
		PackageFiles.requireInside(file, root, what + " in rdf.yaml", "package folder");
		if (declared == null) return;
		String actual = Hashing.sha256(file);
		if (!actual.equalsIgnoreCase(declared.trim())) throw new ModelPackageException(file,
			"has sha256 " + actual + " but rdf.yaml declares " + declared.trim(),
			"the file was changed or corrupted; restore the original, or update sha256 in rdf.yaml if you changed it on purpose");
	}

	private static Path unpackToCache(Path zip) {
		SafeUnzip.Limits limits = SafeUnzip.Limits.fromSystemProperties(zip);
		Path packages = Folders.cacheRoot().resolve("packages");
		Path cache = packages.resolve(Hashing.sha256(zip));
		if (Files.isDirectory(cache)) return cache;
		Path staging = packages.resolve("unpacking-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
		try {
			Files.createDirectories(staging);
			SafeUnzip.extract(zip, staging, limits);
			Path content = singleTopFolder(staging);
			findRdf(content, zip); // an archive that holds no package is refused here, so it is not kept in the cache
			try {
				Files.move(content, cache, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
				if (!Files.isDirectory(cache)) throw e; // another process unpacked it first: use theirs
			}
			return cache;
		}
		catch (IOException e) {
			throw new ModelPackageException(zip, "could not be unpacked into " + cache + ": " + e.getMessage(),
				"check free disk space, or set SEGLOOP_CACHE to a writable folder", e);
		}
		finally {
			Folders.deleteQuietly(staging);
		}
	}

	/** Zips made by "compress folder" hold one top folder; use its content as the package. */
	private static Path singleTopFolder(Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			List<Path> entries = s.toList();
			if (entries.size() == 1 && Files.isDirectory(entries.get(0))) return entries.get(0);
		}
		return dir;
	}


	private static List<TensorDescription> concat(List<TensorDescription> a, List<TensorDescription> b) {
		return Stream.concat(a.stream(), b.stream()).toList();
	}
}
