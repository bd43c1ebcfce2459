package org.segloop.fiji;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.segloop.core.correction.KeySlices;
import org.segloop.core.project.Corrections.Correction;

/**
 * Stores the corrected ROIs of the image being annotated and, by default, shows the next one (else
 * closes the accepted image). For a volume, "interpolate" completes the slices between the slices
 * whose ROIs were edited (key slices) instead of keeping the proposal there. Macro:
 * {@code run("Accept Correction", "source=[ROI Manager] interpolate gap=10 next");} — or
 * {@code source=[label image]} after Edit as Label Image. As always in macros, a checkbox left out
 * is off.
 */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>Accept Correction", headless = true)
public class AcceptCorrectionCommand implements Command {

	@Parameter
	private SegLoopService segloop;

	@Parameter(label = "Correction", choices = { "ROI Manager", "label image" }, required = false, persist = false)
	private String source = "ROI Manager";

	@Parameter(label = "Open the next image", required = false, persist = false)
	private boolean next = true;

	@Parameter(label = "Interpolate between edited slices", required = false, persist = false,
		description = "volumes: slices between two slices you edited are completed from them; other slices keep the proposal")
	private boolean interpolate = true;

	@Parameter(label = "Largest gap to interpolate (slices)", min = "1", required = false, persist = false,
		description = "across more unedited slices than this between two edited ones, the proposal is kept")
	private int gap = KeySlices.DEFAULT_MAX_GAP;

	@Parameter(type = ItemIO.OUTPUT)
	private String message;

	@Override
	public void run() {
		// the ROIs read, stored and the next image shown as one piece of session work
		Correction c = segloop.withSession(session -> LoopActions.accept(session, segloop.view(), "label image".equals(source), next,
			interpolate ? KeySlices.interpolating(gap) : KeySlices.NONE));
		message = LoopMessages.accepted(c);
		segloop.changed();
	}
}
