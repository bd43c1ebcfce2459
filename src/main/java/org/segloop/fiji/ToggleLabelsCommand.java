package org.segloop.fiji;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Shows or hides the objects as translucent colour fills over the image being annotated. Macro: {@code run("Toggle Label Overlay");} */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>Toggle Label Overlay", headless = true)
public class ToggleLabelsCommand implements Command {

	@Parameter
	private SegLoopService segloop;

	@Override
	public void run() {
		segloop.withSession(session -> {
			segloop.view().toggleLabels();
			return null;
		});
	}
}
