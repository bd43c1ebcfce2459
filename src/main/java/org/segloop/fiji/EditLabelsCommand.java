package org.segloop.fiji;

import ij.ImagePlus;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Turns the current ROIs into a label image to correct by painting label values (pencil, brush,
 * fill with the foreground value); then Accept Correction with {@code source=[label image]}. Macro:
 * {@code run("Edit as Label Image");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>Edit as Label Image", headless = true)
public class EditLabelsCommand implements Command {

	@Parameter
	private SegLoopService segloop;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus labels;

	@Override
	public void run() {
		labels = segloop.withSession(session -> session.labelImage(segloop.view().rois()));
	}
}
