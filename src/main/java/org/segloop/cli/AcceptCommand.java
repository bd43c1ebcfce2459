package org.segloop.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.correction.KeySlices;
import org.segloop.core.correction.SliceRoles;
import org.segloop.core.loop.CorrectionIntake;
import org.segloop.core.metrics.CorrectionMetrics;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ProjectStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

	@Option(names = "--interpolate", description = "the mask is the proposal with a few key slices corrected: interpolate the labels between "
		+ "nearby corrected slices, keep the proposal on the others")
	boolean interpolate;

	@Option(names = "--max-gap", paramLabel = "N", description = "with --interpolate: interpolate across at most N uncorrected slices; "
		+ "larger gaps keep the proposal (default: " + KeySlices.DEFAULT_MAX_GAP + ")")
	Integer maxGap;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Override
	public Integer call() {
		if (maxGap != null && !interpolate) throw new ParameterException(spec.commandLine(), "--max-gap needs --interpolate");
		if (maxGap != null && maxGap < 1) throw new ParameterException(spec.commandLine(), "--max-gap must be at least 1 slice, not " + maxGap);
		KeySlices keySlices = interpolate ? KeySlices.interpolating(maxGap == null ? KeySlices.DEFAULT_MAX_GAP : maxGap) : KeySlices.NONE;
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
			Correction c = new CorrectionIntake(p).accept(id, token, mask,
				kind == null ? null : CorrectionMetrics.Kind.valueOf(kind.name().toUpperCase(java.util.Locale.ROOT)), keySlices, seconds);
			var out = spec.commandLine().getOut();
			if (json) {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("correction", c.id());
				m.put("image", c.imageId());
				m.put("annotator", c.annotator());
				m.put("secondsSpent", c.secondsSpent());
				m.put("metrics", com.google.gson.JsonParser.parseString(c.metrics()));
				if (c.roles() != null) m.put("sliceRoles", com.google.gson.JsonParser.parseString(c.roles().toJson()));
				out.println(Json.GSON.toJson(m));
			}
			else {
				out.printf("accepted image %d from %s: object Dice %.3f, %.2f %% of pixels changed, object F1 %.3f, HD95 %s%n", c.imageId(),
					c.annotator(), c.objectDice(), 100 * c.fractionChanged(), c.objectF1(), Double.isNaN(c.hd95()) ? "n/a" : String.format("%.2f", c.hd95()));
				if (c.roles() != null) out.println(roles(c.roles()));
			}
		}
		return Main.OK;
	}

	/** "edited 3 slices (4, 8, 12), interpolated 7, kept 6": the edited ones are few and worth seeing. */
	static String roles(SliceRoles roles) {
		int[] edited = roles.edited();
		String which = edited.length == 0 || edited.length > 12 ? ""
			: java.util.Arrays.stream(edited).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(", ", " (", ")"));
		return "edited " + edited.length + (edited.length == 1 ? " slice" : " slices") + which + ", interpolated " + roles.interpolated().length
			+ ", kept " + roles.kept().length;
	}
}
