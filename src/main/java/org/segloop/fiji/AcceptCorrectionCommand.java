package org.segloop.fiji;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.segloop.core.project.Corrections.Correction;

/**
 * Stores the corrected ROIs of the image being annotated and, by default, shows the next one (else
 * closes the accepted image). Macro:
 * {@code run("Accept Correction", "source=[ROI Manager] next");} — or {@code source=[label image]} after Edit as Label Image.
 */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>Accept Correction", headless = true)
public class AcceptCorrectionCommand implements Command {

	@Parameter
	private SegLoopService segloop;

	@Parameter(label = "Correction", choices = { "ROI Manager", "label image" }, required = false, persist = false)
	private String source = "ROI Manager";

	@Parameter(label = "Open the next image", required = false, persist = false)
	private boolean next = true;

	@Parameter(type = ItemIO.OUTPUT)
	private String message;

	@Override
	public void run() {
		// the ROIs read, stored and the next image shown as one piece of session work
		Correction c = segloop.withSession(session -> LoopActions.accept(session, segloop.view(), "label image".equals(source), next));
		message = LoopMessages.accepted(c);
		segloop.changed();
	}
}
