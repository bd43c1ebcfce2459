package org.segloop.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.segloop.core.loop.LearningCurve;
import org.segloop.core.project.ProjectStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "versions", mixinStandardHelpOptions = true,
	description = { "The project's model versions as a learning curve: held-out Dice of each fine-tuned version (and its parent's on the same "
		+ "images), the corrections that trained it, and how much its own proposals had to be corrected.",
		"--use ID makes another version current (then run 'segloop predict' to re-score).",
		"--export ID --out DIR writes a fine-tuned version as a bioimage.io package (ONNX and TorchScript with its weights, rdf.yaml with its parent)." })
final class VersionsCommand implements Callable<Integer> {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--use", paramLabel = "ID", description = "make this version current")
	Long use;

	@Option(names = "--export", paramLabel = "ID", description = "write this fine-tuned version as a bioimage.io package (needs --out)")
	Long export;

	@Option(names = "--out", paramLabel = "DIR", description = "new folder for --export")
	Path out;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Override
	public Integer call() {
		var out = spec.commandLine().getOut();
		try (ProjectStore p = ProjectStore.open(project, use == null ? ProjectStore.Access.READ_ONLY : ProjectStore.Access.READ_WRITE)) {
			if (use != null) {
				p.models().makeCurrent(use);
				if (!json) out.printf("version %d is current; run 'segloop predict %s' to re-score the queue with it%n", use, project);
			}
			if (export != null) {
				if (this.out == null) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--export needs --out DIR");
				var version = p.models().byId(export).orElseThrow(() -> new org.segloop.core.SegLoopException(project, "has no model version " + export,
					"list them with 'segloop versions " + project + "'"));
				Path written = new org.segloop.core.export.ModelVersionExport(p).export(version, this.out);
				out.printf("version %d written as a bioimage.io package to %s (rdf.yaml, model.onnx, model.pt, test tensors)%n", export, written);
				return Main.OK;
			}
			List<LearningCurve.Point> curve = LearningCurve.of(p);
			if (json) {
				out.println(Json.GSON.toJson(curve));
				return Main.OK;
			}
			boolean volumes = curve.stream().anyMatch(LearningCurve.Point::volumetric);
			out.println("   id  parent  held-out Dice (parent's)  trained on  corrected  proposal Dice  changed  " + (volumes ? "slices edited  " : "") + "name");
			for (LearningCurve.Point v : curve)
				out.printf("%s%4d  %6s  %13s %-10s  %10s  %9d  %13s  %7s  %s%s%n", v.current() ? "*" : " ", v.versionId(),
					v.parentId() == null ? "—" : v.parentId().toString(), fmt(v.heldOutDice()), "(" + fmt(v.parentHeldOutDice()) + ")",
					v.trainedOn() == 0 ? "—" : Integer.toString(v.trainedOn()), v.corrected(), fmt(v.proposalDice()),
					v.fractionChanged() == null ? "—" : String.format("%.2f%%", 100 * v.fractionChanged()), volumes ? String.format("%13s  ", slicesEdited(v)) : "",
					v.name());
			if (volumes) out.println("slices edited: mean slices per corrected volume whose labels changed between proposal and accepted mask, of its slices");
			return Main.OK;
		}
	}

	/** E.g. "3.5 / 16". */
	static String slicesEdited(LearningCurve.Point v) {
		return v.slicesChanged() == null || !v.volumetric() ? "—" : String.format(java.util.Locale.ROOT, "%.1f / %.0f", v.slicesChanged(), v.slices());
	}

	private static String fmt(Double v) {
		return v == null ? "—" : String.format("%.4f", v);
	}
}
