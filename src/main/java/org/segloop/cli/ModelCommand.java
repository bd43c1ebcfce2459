package org.segloop.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.SegLoopException;
import org.segloop.core.inference.ModelCheck;
import org.segloop.core.inference.ModelProbe;
import org.segloop.core.inference.OnnxModel;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.inference.TestTensors;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.StarterPackage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "model", mixinStandardHelpOptions = true, description = "Check or create model packages.",
	subcommands = { ModelCommand.Check.class, ModelCommand.Init.class, ModelCommand.RecordTests.class })
final class ModelCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}

	@Command(name = "check", mixinStandardHelpOptions = true,
		description = "Validate a package and run its test tensors; exit 0 when the output matches within tolerance.")
	static final class Check implements Callable<Integer> {

		@Parameters(paramLabel = "PACKAGE", description = "model package folder, .zip or rdf.yaml")
		Path path;

		@Option(names = "--tolerance", defaultValue = "1e-4", description = "largest allowed absolute difference (default: ${DEFAULT-VALUE})")
		double tolerance;

		@Option(names = "--json", description = "print the report as JSON")
		boolean json;

		@Spec
		CommandSpec spec;

		@Override
		public Integer call() {
			ModelPackage pkg = ModelPackage.open(path);
			ModelCheck.Report r;
			try (OnnxModel model = OnnxModel.load(pkg, RuntimeOptions.defaults())) {
				r = ModelCheck.run(model, tolerance);
			}
			var out = spec.commandLine().getOut();
			if (json) {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("model", r.model());
				m.put("package", path.toString());
				m.put("inputShape", r.inputShape());
				m.put("outputShape", r.outputShape());
				m.put("maxAbsError", r.maxAbsError());
				m.put("tolerance", r.tolerance());
				m.put("passed", r.passed());
				m.put("seconds", r.seconds());
				out.println(Json.GSON.toJson(m));
			}
			else {
				out.printf("model:          %s%n", r.model());
				out.printf("opset:          %d%n", pkg.opsetVersion());
				out.printf("test input:     %s%n", java.util.Arrays.toString(r.inputShape()));
				out.printf("test output:    %s%n", java.util.Arrays.toString(r.outputShape()));
				out.printf("max abs error:  %.3g (tolerance %.3g)%n", r.maxAbsError(), r.tolerance());
				out.println(r.passed() ? "PASSED" : "FAILED: the model does not reproduce its test output");
			}
			if (!r.passed()) {
				var err = spec.commandLine().getErr();
				err.printf("if you changed rdf.yaml's preprocessing or postprocessing on purpose, re-record the test tensors: segloop model record-tests %s%n",
					path);
			}
			return r.passed() ? Main.OK : Main.USER_ERROR;
		}
	}

	@Command(name = "init", mixinStandardHelpOptions = true,
		description = "Write a starter package (rdf.yaml, test tensors) for a bare ONNX model.")
	static final class Init implements Callable<Integer> {

		@Parameters(paramLabel = "MODEL.onnx")
		Path onnx;

		@Option(names = "--out", required = true, description = "package folder to create")
		Path out;

		@Option(names = "--name", description = "model name (default: file name)")
		String name;

		@Option(names = "--force", description = "overwrite an existing rdf.yaml")
		boolean force;

		@Spec
		CommandSpec spec;

		@Override
		public Integer call() {
			if (!Files.isRegularFile(onnx)) throw new SegLoopException(onnx, "does not exist", "give the path of an .onnx file");
			if (Files.exists(out.resolve("rdf.yaml")) && !force) throw new SegLoopException(out.resolve("rdf.yaml"),
				"already exists", "to re-record the test tensors after editing it, run 'segloop model record-tests " + out
					+ "'; to start again from the graph, choose another --out folder or pass --force (this discards your edits)");
			String modelName = name != null ? name : onnx.getFileName().toString().replaceFirst("\\.onnx$", "");
			StarterPackage.Result r = StarterPackage.create(onnx, out, modelName, ModelProbe::ensureLoadsSafely);
			TestTensors.record(ModelPackage.open(out), RuntimeOptions.defaults());
			var o = spec.commandLine().getOut();
			o.printf("wrote %s%n", r.rdf());
			o.printf("input axes %s, output axes %s (graph output '%s'), postprocessing %s%n", r.inputAxes(), r.outputAxes(), r.output(),
				r.postprocessing());
			o.println("Check the lines marked GUESS in rdf.yaml (normalisation, size rules, class names, output), then run:");
			o.printf("  segloop model record-tests %s   # after editing rdf.yaml%n", out);
			o.printf("  segloop model check %s%n", out);
			return Main.OK;
		}
	}

	@Command(name = "record-tests", mixinStandardHelpOptions = true,
		description = "Re-record a package's test output (and sha256 values in rdf.yaml) from its own current rdf.yaml, after editing it.")
	static final class RecordTests implements Callable<Integer> {

		@Parameters(paramLabel = "PACKAGE", description = "model package folder or its rdf.yaml")
		Path path;

		@Spec
		CommandSpec spec;

		@Override
		public Integer call() {
			TestTensors.Recorded r = TestTensors.record(ModelPackage.open(path), RuntimeOptions.defaults());
			var o = spec.commandLine().getOut();
			o.printf("test input  %s %s%n", r.input().getFileName(), java.util.Arrays.toString(r.inputShape()));
			o.printf("test output %s %s (recomputed with rdf.yaml's preprocessing and postprocessing)%n", r.output().getFileName(),
				java.util.Arrays.toString(r.outputShape()));
			o.printf("rdf.yaml's test_tensor entries updated; now run: segloop model check %s%n", path);
			return Main.OK;
		}
	}
}
