package org.segloop.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.project.ProjectStore;
import org.segloop.core.queue.Candidate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "queue", mixinStandardHelpOptions = true, description = "Show the top of the queue in the project's strategy's order (reads only).")
final class QueueCommand implements Callable<Integer> {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--top", defaultValue = "10", description = "how many (default: ${DEFAULT-VALUE})")
	int top;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Override
	public Integer call() {
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			print(p, top, json, spec.commandLine().getOut());
		}
		return Main.OK;
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
