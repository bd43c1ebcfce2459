package org.segloop.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.UserAction;
import org.segloop.core.loop.AnnotationLoop;
import org.segloop.core.loop.ImageServing;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.ImageQueue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "next", mixinStandardHelpOptions = true,
	description = "Lease the next image to an annotator; prints its id, the token for accept/skip, and the image and proposal files.")
final class NextCommand implements Callable<Integer> {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--annotator", required = true, description = "who will correct it")
	String annotator;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Override
	public Integer call() {
		var out = spec.commandLine().getOut();
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
			AnnotationLoop.Served served = new AnnotationLoop(p, annotator).next();
			List<Map<String, Object>> setAside = new ArrayList<>();
			for (ImageServing.SetAside a : served.setAside()) {
				String reason = CommandHints.message(a.problem());
				spec.commandLine().getErr().println("set aside as failed: " + reason);
				setAside.add(Map.of("id", a.image().id(), "image", a.image().path().toString(), "reason", reason));
			}
			if (served.leased().isEmpty()) {
				long waiting = served.waitingForPrediction();
				if (json) out.println("{\"id\": null, \"waitingForPrediction\": " + waiting + ", \"setAside\": " + Json.GSON.toJson(setAside) + "}");
				else if (waiting > 0) out.println("nothing to serve yet: " + waiting + " image(s) have no proposal — predict them first ("
					+ CommandHints.of(UserAction.PREDICT.on(p.folder())) + ")");
				else out.println("nothing to serve: every predicted image is leased, corrected or skipped");
				return Main.OK;
			}
			ImageQueue.Lease l = served.leased().get().lease();
			Prediction pr = served.leased().get().proposal();
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("id", l.imageId());
			m.put("token", l.token());
			m.put("annotator", l.annotator());
			m.put("expiresAt", java.time.Instant.ofEpochMilli(l.expiresAt()).toString());
			m.put("image", served.leased().get().record().path().toString());
			m.put("proposalClasses", p.files().resolve(pr.classesFile()).toString());
			if (pr.instancesFile() != null) m.put("proposalInstances", p.files().resolve(pr.instancesFile()).toString());
			m.put("uncertaintyMap", p.files().resolve(pr.uncertaintyFile()).toString());
			if (!setAside.isEmpty()) m.put("setAside", setAside);
			if (json) out.println(Json.GSON.toJson(m));
			else {
				m.forEach((k, v) -> out.printf("%-18s %s%n", k, v));
				out.printf("when done: segloop accept %s %d --mask YOUR_MASK.tif --token %s%n", project, l.imageId(), l.token());
			}
		}
		return Main.OK;
	}
}
