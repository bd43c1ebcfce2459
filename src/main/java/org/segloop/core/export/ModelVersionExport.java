package org.segloop.core.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import org.segloop.core.SegLoopException;
import org.segloop.core.UserAction;
import org.segloop.core.inference.ModelCheck;
import org.segloop.core.inference.OnnxModel;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.VersionedModel;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.project.ModelVersions.ModelVersion;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.training.TorchScriptWeights;
import org.segloop.core.util.Folders;
import org.segloop.core.util.Hashing;
import org.segloop.core.util.Npy;

/**
 * Writes a fine-tuned model version as a bioimage.io package others can use without SegLoop: the
 * parent package's files, the ONNX file with the version's weights written into its initializers,
 * the TorchScript twin saved with them, a test output computed with them, and rdf.yaml naming the
 * package it was fine-tuned from ({@code parent}) with every sha256 updated. Staged beside the
 * target and moved into place when complete. Blocking; reads the project only.
 */
public final class ModelVersionExport {

	private final ProjectStore store;

	public ModelVersionExport(ProjectStore store) {
		this.store = store;
	}

	/** @return the package folder ({@code target}) */
	public Path export(ModelVersion version, Path requested) {
		Path target = OutputFolder.check(requested, store.folder());
		if (!version.isFineTuned()) throw new SegLoopException(store.folder(), "version " + version.id() + " is the package "
			+ version.source() + " itself, not a fine-tuned version", "list the project's model versions and export a fine-tuned one, or copy the package",
			UserAction.LIST_VERSIONS.on(store.folder()));
		VersionedModel m = VersionedModel.open(store, version);
		ModelPackage pkg = m.pkg();
		Path from = pkg.description().rdfFile().getParent();
		Path staging = OutputFolder.staging(target);
		Folders.deleteQuietly(staging);
		try {
			Folders.copyTree(from, staging);
			Path onnx = staging.resolve(from.relativize(pkg.onnxFile()));
			Files.write(onnx, pkg.onnxWithWeights(m.weights()));
			Path ts = staging.resolve(from.relativize(pkg.description().torchscript().source()));
			TorchScriptWeights.write(pkg, m.weights(), ts);
			Path testOutput = staging.resolve(from.relativize(pkg.description().output().testTensor()));
			try (OnnxModel served = OnnxModel.load(pkg, RuntimeOptions.defaults(), m.weights())) {
				Npy.Array out = ModelCheck.predictWhole(served, Npy.read(pkg.description().input().testTensor()));
				Npy.write(testOutput, out.shape(), out.data());
			}
			writeRdf(staging.resolve(from.relativize(pkg.description().rdfFile())), version, onnx, ts, testOutput);
			ModelPackage exported = ModelPackage.open(staging); // proves it reads back with its hashes
			try (OnnxModel check = OnnxModel.load(exported, RuntimeOptions.defaults())) {
				ModelCheck.Report r = ModelCheck.run(check, 1e-4);
				if (!r.passed()) throw new SegLoopException(staging, "fails its own test tensors (max error " + r.maxAbsError() + ")",
					"report this as a bug; nothing was exported");
			}
			Files.deleteIfExists(target); // an empty folder: checked above
			Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			return target;
		}
		catch (IOException e) {
			throw new SegLoopException(target, "cannot be written: " + e.getMessage(), "check free space and permissions; nothing was exported", e);
		}
		finally {
			Folders.deleteQuietly(staging);
		}
	}

	@SuppressWarnings("unchecked")
	private void writeRdf(Path rdf, ModelVersion version, Path onnx, Path ts, Path testOutput) throws IOException {
		Map<String, Object> y = new Yaml().load(Files.readString(rdf));
		Object parentId = y.getOrDefault("id", y.get("name"));
		y.put("id", parentId + "-finetuned-" + version.sha256().substring(0, 8));
		y.put("name", version.name());
		y.put("description", "Fine-tuned with SegLoop from " + parentId + " on " + version.trainedOn() + " corrected images; held-out Dice "
			+ String.format("%.4f", version.heldOutDice()) + " (parent " + String.format("%.4f", version.parentHeldOutDice()) + "). " + y.get("description"));
		y.put("parent", new LinkedHashMap<>(Map.of("id", parentId)));
		Map<String, Object> weights = (Map<String, Object>) y.get("weights");
		((Map<String, Object>) weights.get("onnx")).put("sha256", Hashing.sha256(onnx));
		Map<String, Object> torchscript = (Map<String, Object>) weights.getOrDefault("torchscript", weights.get("pytorch_script"));
		torchscript.put("sha256", Hashing.sha256(ts));
		for (Map<String, Object> out : (List<Map<String, Object>>) y.get("outputs")) {
			Map<String, Object> t = (Map<String, Object>) out.get("test_tensor");
			if (t != null) t.put("sha256", Hashing.sha256(testOutput));
		}
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setWidth(120);
		Files.writeString(rdf, "# Written by SegLoop: model version " + version.id() + " of " + store.folder() + "\n" + new Yaml(options).dump(y));
	}

}
