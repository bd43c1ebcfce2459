package org.segloop.fiji;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.segloop.core.project.QueueStatus;

/**
 * Opens a project for annotation in this Fiji (for writing: a second Fiji or CLI writer is told who
 * holds it). Macro: {@code run("Open Project...", "project=[/data/p1] annotator=ana");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>Open Project...", headless = true)
public class OpenProjectCommand extends ProjectCommand {

	@Parameter(type = ItemIO.OUTPUT)
	private String message;

	@Override
	public void run() {
		message = withSession(s -> "project " + project + " open for " + s.annotator() + ": " + QueueStatus.byStoredValue(s.store().queue().counts()));
	}
}
