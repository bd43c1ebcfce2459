package org.segloop.fiji;

import javax.swing.SwingUtilities;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Opens the queue panel for a project. Macro: {@code run("Queue Panel", "project=[/data/p1] annotator=ana");} */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>Queue Panel")
public class QueuePanelCommand extends ProjectCommand {

	@Override
	public void run() {
		withSession(session -> null); // opens the project on the session thread
		if (SwingUtilities.isEventDispatchThread()) segloop.showPanel();
		else {
			try {
				SwingUtilities.invokeAndWait(segloop::showPanel); // shown when the command returns
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			catch (java.lang.reflect.InvocationTargetException e) {
				if (e.getCause() instanceof RuntimeException r) throw r;
				throw new IllegalStateException(e.getCause());
			}
		}
	}
}
