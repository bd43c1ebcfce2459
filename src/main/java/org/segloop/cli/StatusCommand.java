package org.segloop.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.project.Corrections.VersionSummary;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.project.QueueStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
	description = "Images per state, and how much correcting each model version's proposals needed (reads only).")
final class StatusCommand implements Callable<Integer> {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Override
	public Integer call() {
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			print(p, json, spec.commandLine().getOut());
		}
		return Main.OK;
	}

	static void print(ProjectStore p, boolean json, java.io.PrintWriter out) {
		Map<String, Long> counts = QueueStatus.byStoredValue(p.queue().counts());
		List<ImageQueue.Failure> failed = p.queue().failures();
		if (json) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("images", counts);
			m.put("failed", failures(failed));
			m.put("model", p.models().current().name());
			m.put("settings", p.settings());
			m.put("versions", p.corrections().summary());
			out.println(Json.GSON.toJson(m));
			return;
		}
		out.printf("images: %s%n", counts);
		printFailures(failed, p.folder(), out);
		out.printf("model %s; strategy %s, scorer %s%n", p.models().current().name(), installed(org.segloop.core.queue.Strategies.REGISTRY,
			p.settings().strategy()), installed(org.segloop.core.uncertainty.Scorers.REGISTRY, p.settings().scorer()));
		List<VersionSummary> versions = p.corrections().summary();
		boolean volumes = versions.stream().anyMatch(v -> v.meanSlices() > 1);
		out.println("version                         corrections  object Dice  changed  object F1  seconds" + (volumes ? "  slices edited" : ""));
		for (VersionSummary v : versions)
			out.printf("%-31.31s %11d  %11s  %7s  %9s  %7s%s%n", v.modelId() + " " + v.modelName(), v.corrections(), fmt(v.meanObjectDice(), 3),
				Double.isNaN(v.meanFractionChanged()) ? "—" : String.format("%.2f%%", 100 * v.meanFractionChanged()), fmt(v.meanObjectF1(), 3),
				fmt(v.meanSecondsSpent(), 0), !volumes ? "" : String.format("  %13s", v.meanSlices() > 1 && !Double.isNaN(v.meanSlicesChanged())
					? String.format(java.util.Locale.ROOT, "%.1f / %.0f", v.meanSlicesChanged(), v.meanSlices()) : "—"));
	}

	/** Failed images as JSON rows: id, image, reason. */
	static List<Map<String, Object>> failures(List<ImageQueue.Failure> failed) {
		return failed.stream().map(f -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("id", f.imageId());
			row.put("image", f.path().toString());
			row.put("reason", f.reason());
			return row;
		}).toList();
	}

	/** Failed images with their reasons and how to retry them, for people. */
	static void printFailures(List<ImageQueue.Failure> failed, Path project, java.io.PrintWriter out) {
		if (failed.isEmpty()) return;
		out.printf("failed (not served; after fixing, 'segloop predict %s --retry-failed', or 'segloop add %s --replace FILE' for a replaced file):%n",
			project, project);
		for (ImageQueue.Failure f : failed) out.printf("%6d  %s: %s%n", f.imageId(), f.path().getFileName(), f.reason());
	}

	private static String fmt(double v, int decimals) {
		return Double.isNaN(v) ? "—" : String.format("%." + decimals + "f", v);
	}

	/** The stored name, marked when no installed extension provides it (its jar is missing): predict or next would say so. */
	private static String installed(org.segloop.core.registry.Registry<?> registry, String name) {
		return registry.find(name).isPresent() ? name : name + " (not installed)";
	}
}
