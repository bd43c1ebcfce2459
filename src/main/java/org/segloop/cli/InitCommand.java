package org.segloop.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.image.ImageFinder;
import org.segloop.core.loop.ProjectDeidentification;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "init", mixinStandardHelpOptions = true, description = "Create a project from folders of images and a model package.")
final class InitCommand implements Callable<Integer> {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PROJECT", description = "new project folder")
	Path project;

	@Option(names = "--images", required = true, arity = "1..*", description = "image files or folders (referenced in place, not copied; with --deidentify, de-identified copies)")
	List<Path> images;

	@Option(names = "--model", required = true, description = "model package folder, .zip or rdf.yaml")
	Path model;

	@Option(names = "--strategy", defaultValue = "uncertainty", completionCandidates = Names.Strategies.class, converter = Names.Strategies.class,
		description = "queue strategy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
	String strategy;

	@Option(names = "--cold-start", defaultValue = "none", completionCandidates = Names.ColdStarts.class, converter = Names.ColdStarts.class,
		description = "strategy that serves while the project holds no correction yet: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; "
			+ "'diverse' starts with images that represent the pool instead of the starting model's most uncertain, often atypical, ones)")
	String coldStart;

	@Option(names = "--scorer", defaultValue = "entropy", completionCandidates = Names.Scorers.class, converter = Names.Scorers.class,
		description = "uncertainty scorer: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
	String scorer;

	@Option(names = "--seed", defaultValue = "42", description = "seed of the random strategy and export splits (default: ${DEFAULT-VALUE})")
	long seed;

	@Option(names = "--skip-bad", description = "register the good images and leave out the bad ones (listed); without it, any bad image stops init")
	boolean skipBad;

	@Option(names = "--deidentify", description = "register de-identified copies (DICOM PS3.15 Basic Application Level Confidentiality "
		+ "Profile, options below) written into the project folder instead of the DICOM files themselves; later 'add' de-identifies too")
	boolean deidentify;

	@picocli.CommandLine.Mixin
	DeidentifyOptions deid;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Override
	public Integer call() throws java.io.IOException {
		ProjectSettings settings = ProjectSettings.defaults().withStrategy(strategy).withScorer(scorer).withSeed(seed).withColdStart(coldStart);
		if (!deidentify && (deid.anyProfileOption() || deid.acceptBurnedInText))
			throw new picocli.CommandLine.ParameterException(spec.commandLine(), "the de-identification options need --deidentify");
		ProjectSetup.Created created = ProjectSetup.create(project, model, images, settings, skipBad,
			deidentify ? new ProjectDeidentification.Request(deid.options(), deid.acceptBurnedInText) : null);
		try (ProjectStore p = created.store()) {
			int n = p.images().all().size();
			created.notices().forEach(note -> spec.commandLine().getErr().println("note: " + note));
			List<String> leftOut = AddCommand.reportLeftOut(created.leftOut(), spec.commandLine().getErr());
			if (json) spec.commandLine().getOut().println(Json.GSON.toJson(Map.of("project", project.toString(), "images", n,
				"model", p.models().current().name(), "strategy", strategy, "scorer", scorer, "leftOut", leftOut)));
			else {
				var out = spec.commandLine().getOut();
				out.printf("created %s: %d image(s), model %s, strategy %s, scorer %s%s%n", project, n, p.models().current().name(), strategy, scorer,
					settings.hasColdStart() ? ", cold start " + settings.coldStart() : "");
				if (!leftOut.isEmpty()) out.printf("%d file(s) left out (listed above)%n", leftOut.size());
				out.printf("next: segloop predict %s%n", project);
			}
		}
		return Main.OK;
	}
}
