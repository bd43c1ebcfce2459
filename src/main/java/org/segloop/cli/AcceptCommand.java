package org.segloop.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.loop.CorrectionIntake;
import org.segloop.core.metrics.CorrectionMetrics;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ProjectStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "accept", mixinStandardHelpOptions = true,
	description = "Store the corrected mask of a leased image and report how much it differs from the proposal.")
final class AcceptCommand implements Callable<Integer> {

	enum Kind { semantic, instance }

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Parameters(index = "1", paramLabel = "ID", description = "image id printed by 'next'")
	long id;

	@Option(names = "--mask", required = true, description = "corrected label image: TIFF/PNG of the image's size, NIfTI .nii.gz on the image's grid, or a DICOM SEG of the image's DICOM series")
	Path mask;

	@Option(names = "--token", required = true, description = "the token printed by 'next'")
	String token;

	@Option(names = "--kind", description = "mask holds ${COMPLETION-CANDIDATES} labels (default: instance if the model makes instances)")
	Kind kind;

	@Option(names = "--seconds", description = "time spent correcting (default: time since 'next')")
	Double seconds;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Override
	public Integer call() {
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
			Correction c = new CorrectionIntake(p).accept(id, token, mask,
				kind == null ? null : CorrectionMetrics.Kind.valueOf(kind.name().toUpperCase(java.util.Locale.ROOT)), seconds);
			var out = spec.commandLine().getOut();
			if (json) {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("correction", c.id());
				m.put("image", c.imageId());
				m.put("annotator", c.annotator());
				m.put("secondsSpent", c.secondsSpent());
				m.put("metrics", com.google.gson.JsonParser.parseString(c.metrics()));
				out.println(Json.GSON.toJson(m));
			}
			else {
				out.printf("accepted image %d from %s: object Dice %.3f, %.2f %% of pixels changed, object F1 %.3f, HD95 %s%n", c.imageId(),
					c.annotator(), c.objectDice(), 100 * c.fractionChanged(), c.objectF1(), Double.isNaN(c.hd95()) ? "n/a" : String.format("%.2f", c.hd95()));
				printSlicesAndVolumes(com.google.gson.JsonParser.parseString(c.metrics()).getAsJsonObject(), out);
			}
		}
		return Main.OK;
	}

	/** For a volume: the slices the correction changed and each class's volume before and after (in mL where the spacing gives it). */
	static void printSlicesAndVolumes(com.google.gson.JsonObject metrics, java.io.PrintWriter out) {
		if (!metrics.has("slices") || metrics.get("slices").getAsInt() < 2) return;
		int changed = metrics.get("slicesChanged").getAsInt();
		out.printf("slices changed: %d of %d%s%n", changed, metrics.get("slices").getAsInt(),
			changed == 0 ? "" : " (" + metrics.get("changedSlices").getAsString() + ")");
		com.google.gson.JsonObject volumes = metrics.getAsJsonObject("volumes");
		if (volumes.get("voxelMl").isJsonNull()) {
			out.printf("volumes in voxels only: %s%n", volumes.get("note").getAsString());
			return;
		}
		for (var e : volumes.getAsJsonObject("classes").entrySet()) {
			com.google.gson.JsonObject v = e.getValue().getAsJsonObject();
			out.printf(java.util.Locale.ROOT, "%s: %.2f mL proposed, %.2f mL accepted (%+.2f mL)%n", e.getKey(), v.get("proposalMl").getAsDouble(),
				v.get("correctedMl").getAsDouble(), v.get("differenceMl").getAsDouble());
		}
	}
}
