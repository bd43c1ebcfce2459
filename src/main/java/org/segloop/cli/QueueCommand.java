package org.segloop.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.project.ImageQueue;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.queue.Candidate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "queue", mixinStandardHelpOptions = true, description = {
	"Show the top of the queue in the project's strategy's order (reads only).",
	"With --all: every image of the project with its id, status and file, whatever its status (leased, corrected, skipped, failed, removed too)." })
final class QueueCommand implements Callable<Integer> {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--top", defaultValue = "10", description = "how many (default: ${DEFAULT-VALUE})")
	int top;

	@Option(names = "--all", description = "list every image (id, status, file) instead of the top of the queue")
	boolean all;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Override
	public Integer call() {
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			if (all) printAll(p, json, spec.commandLine().getOut());
			else print(p, top, json, spec.commandLine().getOut());
		}
		return Main.OK;
	}

	/** Every image with its id, status and file: where a user finds the id of any image, whatever its status. */
	static void printAll(ProjectStore p, boolean json, java.io.PrintWriter out) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (ImageQueue.Entry e : p.queue().all()) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("id", e.imageId());
			row.put("status", e.status().stored());
			row.put("image", p.images().byId(e.imageId()).orElseThrow().path().toString());
			row.put("score", e.score());
			row.put("annotator", e.annotator());
			rows.add(row);
		}
		if (json) {
			out.println(Json.GSON.toJson(Map.of("images", rows)));
			return;
		}
		out.println("    id  status       image");
		for (Map<String, Object> r : rows)
			out.printf("%6d  %-11s  %s%s%n", r.get("id"), r.get("status"), r.get("image"), r.get("annotator") == null ? "" : "  (leased to " + r.get("annotator") + ")");
		if (rows.isEmpty()) out.println("(no images: add some with 'segloop add')");
	}

	static void print(ProjectStore p, int top, boolean json, java.io.PrintWriter out) {
		List<Map<String, Object>> rows = new ArrayList<>();
		int rank = 0;
		for (Candidate c : p.queue().peek(top)) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("rank", ++rank);
			row.put("id", c.imageId());
			row.put("image", p.images().byId(c.imageId()).orElseThrow().path().toString());
			row.put("score", Double.isNaN(c.score()) ? null : c.score());
			row.put("lastServedAt", c.lastServedAt());
			rows.add(row);
		}
		var failed = p.queue().failures();
		if (json) {
			out.println(Json.GSON.toJson(Map.of("strategy", p.settings().strategy(), "queue", rows, "failed", StatusCommand.failures(failed))));
			return;
		}
		out.printf("strategy %s, scorer %s (%s)%n", p.settings().strategy(), p.settings().scorer(), p.settings().reduction().id());
		out.println("rank     id   score  image");
		for (Map<String, Object> r : rows)
			out.printf("%4d %6d  %s  %s%n", r.get("rank"), r.get("id"), r.get("score") == null ? "  —   " : String.format("%.4f", r.get("score")),
				Path.of((String) r.get("image")).getFileName());
		if (rows.isEmpty()) out.println("(nothing to serve: run 'segloop predict', or everything is done)");
		StatusCommand.printFailures(failed, p.folder(), out);
	}
}
