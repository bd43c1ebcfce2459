package org.segloop.fiji;

import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Plugin;

/**
 * Shows the next most uncertain slice of the volume being annotated (key F4). Macro:
 * {@code run("Next Uncertain Slice");}
 */
@Plugin(type = Command.class, headless = true, menu = { @Menu(label = "Plugins"), @Menu(label = "SegLoop"),
	@Menu(label = "Next Uncertain Slice", accelerator = NextUncertainSliceCommand.KEY) })
public class NextUncertainSliceCommand extends UncertainSliceStep {

	/** The key, as SciJava and ImageJ's plain launcher both read it. */
	static final String KEY = "F4";

	@Override
	int steps() {
		return 1;
	}
}
