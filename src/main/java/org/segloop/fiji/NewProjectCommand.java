package org.segloop.fiji;

import java.io.File;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.log.LogService;
import org.scijava.command.Command;
import org.scijava.command.DynamicCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.Predictor;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.queue.Strategies;
import org.segloop.core.uncertainty.Scorers;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/**
 * Makes a project of a folder of images with a model package and predicts every image (progress in
 * Fiji's status bar). Macro:
 * {@code run("New Project...", "project=[/data/p1] images=[/data/cells] model=[/models/nuclei-unet2d] strategy=uncertainty scorer=entropy");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>New Project...", headless = true, initializer = "offerRegisteredNames")
public class NewProjectCommand extends DynamicCommand {

	@Parameter
	private StatusService status;

	@Parameter
	private LogService log;

	@Parameter(label = "New project folder", style = "directory")
	private File project;

	@Parameter(label = "Images folder", style = "directory")
	private File images;

	@Parameter(label = "Model package (folder, .zip or rdf.yaml)", style = "both")
	private File model;

	// the choices are the registries' names, set when the command is initialised (a scorer from an added jar is offered too)
	@Parameter(label = "Queue strategy")
	private String strategy = "uncertainty";

	@Parameter(label = "Uncertainty scorer")
	private String scorer = "entropy";

	@Parameter(type = ItemIO.OUTPUT)
	private String message;

	private void offerRegisteredNames() {
		RegisteredChoices.offer(getInfo().getMutableInput("strategy", String.class), Strategies.REGISTRY);
		RegisteredChoices.offer(getInfo().getMutableInput("scorer", String.class), Scorers.REGISTRY);
	}

	@Override
	public void run() {
		ProjectSettings settings = ProjectSettings.defaults().withStrategy(strategy).withScorer(scorer);
		ProjectSetup.Created created = ProjectSetup.create(project.toPath(), model.toPath(), List.of(images.toPath()), settings, false);
		for (String n : created.notices()) { // DICOM objects left out, series accepted with a warning
			log.info("SegLoop: " + n);
			ij.IJ.log("SegLoop: " + n); // where the user looks: ImageJ's Log window, as for images set aside
		}
		try (ProjectStore p = created.store()) {
			Predictor.Report r = new Predictor(p, RuntimeOptions.defaults()).run((done, total, image, prediction) -> {
				status.showProgress(done, total);
				status.showStatus("SegLoop: predicted " + image.path().getFileName() + " (" + done + "/" + total + ")");
			}, ProgressListener.NONE, new Cancellation());
			message = String.format("project %s: %d images predicted in %.1f s%s", project, r.predicted(), r.seconds(),
				r.failed().isEmpty() ? "" : "; failed: " + String.join("; ", r.failed().stream().map(MenuHints::message).toList()));
			status.showStatus(message);
		}
	}
}
