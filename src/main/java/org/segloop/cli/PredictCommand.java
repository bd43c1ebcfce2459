package org.segloop.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.Predictor;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.work.Cancellation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "predict", mixinStandardHelpOptions = true,
	description = { "Propose and score every queued image the current model has not seen. Ctrl-C keeps finished images; re-run to resume.",
		"An image that cannot be predicted is set aside as failed with its reason (see 'segloop status') and the others go on; "
			+ "later runs leave it out until --retry-failed or 'segloop add --replace'. Exit 1 when an image failed in this run." })
final class PredictCommand implements Callable<Integer> {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--threads", description = "ONNX Runtime threads (default: all cores)")
	Integer threads;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Option(names = "--quiet", description = "no progress bar")
	boolean quiet;

	@Option(names = "--retry-failed", description = "put images that failed in earlier runs back in the queue and try them again")
	boolean retryFailed;

	@Override
	public Integer call() {
		var out = spec.commandLine().getOut();
		var err = spec.commandLine().getErr();
		Cancellation cancel = new Cancellation();
		InterruptHandler onCtrlC = InterruptHandler.install(cancel);
		ConsoleProgress images = new ConsoleProgress(err, quiet || json, "images");
		images.startItem();
		long start = System.nanoTime();
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
			var reduction = p.settings().reduction();
			int retried = retryFailed ? p.queue().retryFailed() : 0;
			Predictor.Report r = new Predictor(p, RuntimeOptions.withThreads(threads)).run((done, total, image, prediction) -> {
				images.update(done, total, image.path().getFileName().toString());
				if (!json && !quiet) out.printf("%4d/%d %-30s score %.4f, %d objects, %.1f s%n", done, total, image.path().getFileName(),
					prediction.scores().value(reduction), prediction.instanceCount(), prediction.seconds());
			}, org.segloop.core.work.ProgressListener.NONE, cancel);
			List<String> failures = r.failed().stream().map(CommandHints::message).toList();
			failures.forEach(f -> err.println("error: " + f));
			if (r.failedBefore() > 0) err.printf("note: %d image(s) failed earlier and were left out (reasons: segloop status %s); "
				+ "after fixing them, run 'segloop predict %s --retry-failed'%n", r.failedBefore(), project, project);
			if (json) {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("predicted", r.predicted());
				m.put("remaining", r.remaining());
				m.put("failures", failures);
				m.put("retried", retried);
				m.put("failedBefore", r.failedBefore());
				m.put("seconds", r.seconds());
				out.println(Json.GSON.toJson(m));
			}
			else out.printf("%d image(s) predicted in %.1f s, %d failed%n", r.predicted(), (System.nanoTime() - start) / 1e9, r.failures().size());
			return r.failures().isEmpty() ? Main.OK : Main.USER_ERROR;
		}
		finally {
			onCtrlC.close();
		}
	}
}
