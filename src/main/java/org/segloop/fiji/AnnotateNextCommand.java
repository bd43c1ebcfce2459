package org.segloop.fiji;

import ij.ImagePlus;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Leases the next image of the queue and shows it with its proposal as ROIs. Macro:
 * {@code run("Annotate Next", "project=[/data/p1] annotator=ana");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>Annotate Next", headless = true)
public class AnnotateNextCommand extends ProjectCommand {

	@Parameter(type = ItemIO.OUTPUT, required = false)
	private ImagePlus image;

	@Parameter(type = ItemIO.OUTPUT)
	private String message;

	@Override
	public void run() {
		var next = withSession(session -> {
			var shown = LoopActions.next(session, segloop.view());
			message = LoopMessages.next(shown, session.waitingForPrediction(), project.toPath());
			return shown;
		});
		if (next.isEmpty()) return;
		image = next.get().image();
		segloop.changed();
	}
}
