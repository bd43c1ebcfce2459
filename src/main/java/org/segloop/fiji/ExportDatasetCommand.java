package org.segloop.fiji;

import java.io.File;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.DynamicCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.segloop.core.export.DatasetExport;
import org.segloop.core.export.ExportFormats;
import org.segloop.core.export.ExportSettings;
import org.segloop.core.export.SplitPlan;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.work.Cancellation;

/**
 * Exports the corrected images of a project as a training dataset (reads the project only). Macro:
 * {@code run("Export...", "project=[/data/p1] format=nnunet out=[/data/nnUNet_raw/Dataset501_Cells] split=0.7,0.15,0.15 seed=42");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>Export...", headless = true, initializer = "offerRegisteredFormats")
public class ExportDatasetCommand extends DynamicCommand {

	@Parameter
	private StatusService status;

	@Parameter(label = "Project folder", style = "directory")
	private File project;

	// the choices are the registry's names, set when the command is initialised (a format from an added jar is offered too)
	@Parameter(label = "Format")
	private String format = "tiff";

	@Parameter(label = "New output folder", style = "directory")
	private File out;

	@Parameter(label = "Split train,validation,test")
	private String split = "0.7,0.15,0.15";

	@Parameter(label = "Split seed")
	private long seed = 42;

	@Parameter(type = ItemIO.OUTPUT)
	private String message;

	private void offerRegisteredFormats() {
		RegisteredChoices.offer(getInfo().getMutableInput("format", String.class), ExportFormats.REGISTRY);
	}

	@Override
	public void run() {
		ExportSettings settings = new ExportSettings(ExportFormats.byName(format), SplitPlan.parse(split, seed), out.getName(), List.of());
		try (ProjectStore p = ProjectStore.open(project.toPath(), ProjectStore.Access.READ_ONLY)) {
			DatasetExport.Report r = new DatasetExport(p).export(out.toPath(), settings, (done, total, what) -> status.showProgress((int) done, (int) total),
				new Cancellation());
			message = "exported " + r.cases() + " corrected image(s) as " + format + " to " + r.folder() + " " + r.perSubset() + (r.notes().isEmpty() ? "" : "\n" + String.join("\n", r.notes()));
			status.showStatus(message);
		}
	}
}
