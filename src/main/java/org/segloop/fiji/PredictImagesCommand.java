package org.segloop.fiji;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.segloop.core.work.Cancellation;

import ij.IJ;

/**
 * Predicts the project's images that have no proposal of the current model version yet (images
 * registered since, or set aside and retried), with progress in the status bar; Esc stops after the
 * current image, keeping the ones done. What the queue panel's Predict button runs. Macro:
 * {@code run("Predict Images", "project=[/data/p1] annotator=ana");}
 */
@Plugin(type = org.scijava.command.Command.class, menuPath = "Plugins>SegLoop>Predict Images", headless = true)
public class PredictImagesCommand extends ProjectCommand {

	@Parameter
	private StatusService status;

	@Parameter(type = ItemIO.OUTPUT)
	private String message;

	@Override
	public void run() {
		Cancellation cancel = new Cancellation();
		IJ.resetEscape();
		// long work on the session thread: Next / Accept handed in meanwhile run between images
		message = LoopMessages.predicted(segloop.runLong(cancel, (session, safePoint) -> LoopActions.predict(session, safePoint, (done, total, what) -> {
			if (IJ.escapePressed()) cancel.cancel();
			status.showProgress(done, total);
			status.showStatus("SegLoop: " + what + " (Esc stops)");
		}, cancel)));
		status.clearStatus();
		status.showStatus(message);
		segloop.changed();
	}
}
