package org.segloop.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.loop.CorrectionIntake;
import org.segloop.core.loop.LabelImport;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
	description = { "Bring labels made elsewhere into a project: a DICOM SEG of a registered DICOM series, or a class label image (TIFF/PNG).",
		"As a proposal they replace the current model's proposal of the image (corrected like any proposal);",
		"as a correction they are accepted for an image leased with 'next' (like 'accept --mask')." })
final class ImportCommand implements Callable<Integer> {

	enum As { proposal, correction }

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Parameters(index = "1", paramLabel = "ID", description = "image id (printed by 'next' and 'status')")
	long id;

	@Option(names = "--labels", required = true, paramLabel = "FILE", description = "DICOM SEG file or class label image")
	Path labels;

	@Option(names = "--as", required = true, description = "${COMPLETION-CANDIDATES}")
	As as;

	@Option(names = "--token", description = "with --as correction: the token printed by 'next'")
	String token;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Override
	public Integer call() {
		if (as == As.correction && token == null)
			throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--as correction needs --token: lease the image with 'next' first");
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("image", id);
			m.put("as", as.name());
			String text;
			if (as == As.proposal) {
				Prediction pr = new LabelImport(p).asProposal(id, labels);
				m.put("proposal", pr.id());
				m.put("instances", pr.instanceCount());
				text = String.format("imported %s as the proposal of image %d (%d object(s))", labels.getFileName(), id, pr.instanceCount());
			}
			else {
				Correction c = new CorrectionIntake(p).accept(id, token, labels, null, null);
				m.put("correction", c.id());
				m.put("metrics", com.google.gson.JsonParser.parseString(c.metrics()));
				text = String.format("imported %s as the correction of image %d: object Dice %.3f, %.2f %% of pixels changed", labels.getFileName(), id,
					c.objectDice(), 100 * c.fractionChanged());
			}
			spec.commandLine().getOut().println(json ? Json.GSON.toJson(m) : text);
		}
		return Main.OK;
	}
}
