package org.segloop.fiji;

import java.io.File;

import javax.swing.SwingUtilities;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Opens the queue panel for a project. Macro: {@code run("Queue Panel", "project=[/data/p1] annotator=ana");} */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>Queue Panel")
public class QueuePanelCommand implements Command {

	@Parameter
	private SegLoopService segloop;

	@Parameter(label = "Project folder", style = "directory")
	private File project;

	@Parameter(label = "Annotator")
	private String annotator = System.getProperty("user.name", "annotator");

	@Override
	public void run() {
		segloop.session(project.toPath(), annotator);
		SwingUtilities.invokeLater(() -> segloop.showPanel());
	}
}
