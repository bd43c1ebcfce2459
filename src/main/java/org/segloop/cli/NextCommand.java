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
import org.segloop.core.uncertainty.ObjectUncertainty;

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
			List<ObjectUncertainty> objects = ObjectUncertainty.mostUncertainFirst(ObjectUncertainty.parse(pr.objectUncertainty()));
			String objectName = objects.isEmpty() ? "object" : instanceName(p, pr);
			if (!objects.isEmpty()) {
				Map<String, Object> o = new LinkedHashMap<>();
				o.put("name", objectName);
				o.put("mostUncertainFirst", objects.stream().map(ObjectUncertainty::toMap).toList());
				m.put("objects", o);
			}
			if (!setAside.isEmpty()) m.put("setAside", setAside);
			if (json) out.println(Json.GSON.toJson(m));
			else {
				m.forEach((k, v) -> {
					if (!k.equals("objects")) out.printf("%-18s %s%n", k, v);
				});
				printObjects(objects, objectName, out);
				out.printf("when done: segloop accept %s %d --mask YOUR_MASK.tif --token %s%n", project, l.imageId(), l.token());
			}
		}
		return Main.OK;
	}

	/** At most this many objects are listed for people (all of them in JSON). */
	static final int LISTED_OBJECTS = 10;

	/** The proposal's objects, the one the model doubts most first: where to look first. */
	static void printObjects(List<ObjectUncertainty> objects, String name, java.io.PrintWriter out) {
		if (objects.isEmpty()) return;
		out.printf("%d %s(s), the model's least certain first (mean uncertainty 0-1):%n", objects.size(), name);
		for (ObjectUncertainty o : objects.subList(0, Math.min(LISTED_OBJECTS, objects.size()))) {
			String size = o.volumeMl() == null ? o.voxels() + " voxels" : String.format(java.util.Locale.ROOT, "%.2f mL (%d voxels)", o.volumeMl(), o.voxels());
			String where = o.centroidSlice() == 0 ? "" : o.firstSlice() == o.lastSlice() ? ", slice " + o.centroidSlice()
				: String.format(", centred on slice %d (slices %d-%d)", o.centroidSlice(), o.firstSlice(), o.lastSlice());
			out.printf(java.util.Locale.ROOT, "  %s %d: uncertainty %.3f, %s%s%n", name, o.label(), o.uncertainty(), size, where);
		}
		if (objects.size() > LISTED_OBJECTS) out.printf("  … and %d more (--json lists them all)%n", objects.size() - LISTED_OBJECTS);
	}

	/** What the model's instances are (e.g. "lesion", "nucleus"): the class of its foreground channel, else "object". */
	static String instanceName(ProjectStore p, Prediction pr) {
		try {
			org.segloop.core.model.ModelPackage pkg = org.segloop.core.model.ModelPackage.open(p.models().byId(pr.modelId()).orElseThrow().source());
			List<String> names = pkg.maskLabelNames();
			int fc = pkg.classNames().size() == 1 ? 1 : pkg.description().settings().foregroundChannel();
			return fc >= 1 && fc < names.size() ? names.get(fc) : "object";
		}
		catch (RuntimeException e) { // a moved model package only costs the word
			return "object";
		}
	}
}
