package org.segloop.fiji;

import java.io.File;

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
public class AnnotateNextCommand implements Command {

	@Parameter
	private SegLoopService segloop;

	@Parameter(label = "Project folder", style = "directory")
	private File project;

	@Parameter(label = "Annotator")
	private String annotator = System.getProperty("user.name", "annotator");

	@Parameter(type = ItemIO.OUTPUT, required = false)
	private ImagePlus image;

	@Parameter(type = ItemIO.OUTPUT)
	private String message;

	@Override
	public void run() {
		var next = segloop.session(project.toPath(), annotator).next();
		if (next.isEmpty()) {
			segloop.view().close();
			message = "nothing left to annotate in " + project;
			return;
		}
		segloop.view().show(next.get());
		image = next.get().image();
		message = "image " + next.get().lease().imageId() + ": " + next.get().rois().size() + " proposed objects";
		segloop.changed();
	}
}
