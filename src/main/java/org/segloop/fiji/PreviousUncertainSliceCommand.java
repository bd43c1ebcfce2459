package org.segloop.fiji;

import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Plugin;

/**
 * Goes back to the previous, more uncertain slice of the volume being annotated (key F3). Macro:
 * {@code run("Previous Uncertain Slice");}
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "SegLoop"),
	@Menu(label = "Previous Uncertain Slice", accelerator = PreviousUncertainSliceCommand.KEY) })
public class PreviousUncertainSliceCommand extends UncertainSliceStep {

	static final String KEY = "F3";

	@Override
	int steps() {
		return -1;
	}
}
