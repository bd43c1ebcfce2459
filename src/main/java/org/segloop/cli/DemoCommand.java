package org.segloop.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.segloop.core.SegLoopException;
import org.segloop.core.inference.ModelCheck;
import org.segloop.core.inference.OnnxModel;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.Predictor;
import org.segloop.core.loop.ProjectPreviews;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.util.Folders;
import org.segloop.core.work.Cancellation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** README's first command: the whole headless loop up to the point where a person corrects. */
@Command(name = "demo", mixinStandardHelpOptions = true,
	description = "Check the bundled model, make a project of the sample images, predict, rank them, print the queue and the project summary, "
		+ "and write preview PNGs (proposal outlines + uncertainty heat). --ct: the same with the bundled 3D CT model on its sample "
		+ "DICOM series (generated phantoms), previews of each volume's most uncertain slice in the CT window.")
final class DemoCommand implements Callable<Integer> {

	static final Path MODEL_2D = Path.of("models/nuclei-unet2d"), MODEL_CT = Path.of("models/ct-organ-unet3d");

	@Option(names = "--ct", description = "the CT loop: the bundled 3D CT model (" + "models/ct-organ-unet3d" + ") on its sample DICOM series, "
		+ "output in target/demo-ct unless --out is given")
	boolean ct;

	@Option(names = "--model", description = "model package (default: models/nuclei-unet2d, with --ct models/ct-organ-unet3d)")
	Path model;

	@Option(names = "--images", description = "images folder (default: the package's samples/)")
	Path images;

	@Option(names = "--out", description = "output folder (default: target/demo, with --ct target/demo-ct); its project is made anew each run")
	Path out;

	@Option(names = "--strategy", defaultValue = "uncertainty", completionCandidates = Names.Strategies.class, converter = Names.Strategies.class,
		description = "queue strategy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
	String strategy;

	@Option(names = "--scorer", defaultValue = "entropy", completionCandidates = Names.Scorers.class, converter = Names.Scorers.class,
		description = "uncertainty scorer: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
	String scorer;

	@Option(names = "--top", defaultValue = "5", description = "queue entries to print and preview (default: ${DEFAULT-VALUE})")
	int top;

	@Option(names = "--window", defaultValue = "auto", completionCandidates = Names.WindowChoice.class, converter = Names.WindowChoice.class,
		description = "display window of the previews: ${COMPLETION-CANDIDATES} or CENTER,WIDTH in physical values (auto: the DICOM header's window, "
			+ "else soft tissue for CT, else percentiles; default: ${DEFAULT-VALUE})")
	String window;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws Exception {
		var o = spec.commandLine().getOut();
		model = fromHome(model != null ? model : ct ? MODEL_CT : MODEL_2D);
		if (out == null) out = Path.of(ct ? "target/demo-ct" : "target/demo");
		ModelPackage pkg = ModelPackage.open(model);
		try (OnnxModel m = OnnxModel.load(pkg, RuntimeOptions.defaults())) {
			ModelCheck.Report r = ModelCheck.run(m, 1e-4);
			o.printf("model %s: test tensors reproduced, max abs error %.2g (%s)%n", pkg.name(), r.maxAbsError(), r.passed() ? "ok" : "FAILED");
		}
		Path folder = images != null ? images : pkg.description().root().resolve("samples");
		Path projectDir = out.resolve("project");
		clearEarlierDemo(projectDir);
		Cancellation cancel = new Cancellation();
		try (InterruptHandler onCtrlC = InterruptHandler.install(cancel);
			ProjectStore p = ProjectSetup.init(projectDir, model, List.of(folder), ProjectSettings.defaults().withStrategy(strategy).withScorer(scorer)))
		{
			o.printf("project %s: %d images%n", projectDir, p.images().all().size());
			Predictor.Report r = new Predictor(p, RuntimeOptions.defaults()).run((done, total, image, prediction) -> o.printf(
				"  predicted %-20s %3d objects, score %.4f, %.2f s%n", image.path().getFileName(), prediction.instanceCount(),
				prediction.scores().value(p.settings().reduction()), prediction.seconds()), org.segloop.core.work.ProgressListener.NONE, cancel);
			r.failed().forEach(f -> spec.commandLine().getErr().println("error: " + CommandHints.message(f)));
			o.printf("%d image(s) predicted in %.1f s%n%n", r.predicted(), r.seconds());
			QueueCommand.print(p, top, false, o);
			o.println();
			StatusCommand.print(p, false, o);
			clearEarlierPreviews(out.resolve("previews"));
			List<Path> previews = ProjectPreviews.write(p, top, out.resolve("previews"), window);
			o.printf("%n%d previews (outlines | uncertainty heat; a volume's most uncertain slice, zNNN in the name) in %s%n", previews.size(),
				out.resolve("previews").toAbsolutePath());
			for (Path f : previews) o.printf("  %s%n", f.getFileName());
			o.printf("next: ./segloop next %s --annotator $USER%n", projectDir);
			return r.failures().isEmpty() ? Main.OK : Main.USER_ERROR;
		}
	}

	/** The bundled model when run outside the repository (the launcher script sets segloop.home). */
	static Path fromHome(Path p) {
		String home = System.getProperty("segloop.home");
		return Files.exists(p) || p.isAbsolute() || home == null ? p : Path.of(home).resolve(p);
	}

	/** The demo owns its project folder, but deletes only what is recognisably a SegLoop project. */
	/** The previews of an earlier run would sit beside this run's under other names. */
	private static void clearEarlierPreviews(Path folder) throws java.io.IOException {
		if (!java.nio.file.Files.isDirectory(folder)) return;
		try (var files = java.nio.file.Files.list(folder)) {
			for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".png")).toList()) java.nio.file.Files.deleteIfExists(f);
		}
	}

	private static void clearEarlierDemo(Path projectDir) throws java.io.IOException {
		if (Folders.isAbsentOrEmpty(projectDir)) return;
		if (!ProjectStore.isProject(projectDir)) throw new SegLoopException(projectDir,
			"exists and is not a SegLoop project", "move it away, or give the demo another --out folder");
		Folders.deleteQuietly(projectDir);
	}
}
