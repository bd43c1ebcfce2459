package org.segloop.fiji;

import javax.swing.SwingUtilities;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Opens the queue panel for a project. Macro: {@code run("Queue Panel", "project=[/data/p1] annotator=ana");} */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>Queue Panel")
public class QueuePanelCommand extends ProjectCommand {

	@Override
	public void run() {
		session();
		SwingUtilities.invokeLater(() -> segloop.showPanel());
	}
}
