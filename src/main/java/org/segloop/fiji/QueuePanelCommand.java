package org.segloop.fiji;

import javax.swing.SwingUtilities;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Opens the queue panel for a project. Macro: {@code run("Queue Panel", "project=[/data/p1] annotator=ana");} */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>Queue Panel")
public class QueuePanelCommand extends ProjectCommand {

	@Override
	public void run() {
		if (java.awt.GraphicsEnvironment.isHeadless())
			throw new IllegalStateException("the queue panel needs a display; without one, use Annotate Next / Accept Correction / Skip or the segloop command line");
		withSession(session -> null); // opens the project on the session thread
		try {
			SwingUtilities.invokeAndWait(segloop::showPanel); // made on the Event Dispatch Thread, shown when the command returns
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
