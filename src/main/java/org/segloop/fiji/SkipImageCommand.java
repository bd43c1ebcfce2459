package org.segloop.fiji;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Skips the image being annotated (it leaves the queue) and shows the next. Macro: {@code run("Skip", "reason=[out of focus]");} */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>Skip", headless = true)
public class SkipImageCommand implements Command {

	@Parameter
	private SegLoopService segloop;

	@Parameter(label = "Reason", required = false)
	private String reason = "";

	@Override
	public void run() {
		segloop.withSession(session -> {
			LoopActions.skip(session, segloop.view(), reason);
			return null;
		});
		segloop.changed();
	}
}
