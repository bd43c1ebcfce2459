package org.segloop.fiji;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Shows or hides the uncertainty heat over the image being annotated. Macro: {@code run("Toggle Uncertainty Overlay");} */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>Toggle Uncertainty Overlay", headless = true)
public class ToggleUncertaintyCommand implements Command {

	@Parameter
	private SegLoopService segloop;

	@Override
	public void run() {
		segloop.withSession(session -> {
			segloop.view().toggleUncertainty();
			return null;
		});
	}
}
