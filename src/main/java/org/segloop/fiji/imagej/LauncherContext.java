package org.segloop.fiji.imagej;

import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.app.StatusService;
import org.segloop.fiji.SegLoopService;

/**
 * The one SciJava context of a plain-ImageJ session started by {@link SegLoopImageJ}. ImageJ 1
 * creates a new plugin object for every menu command and hands it only a string, so the bridge
 * needs somewhere to find the context; this holder is that place, for the launcher only (in Fiji,
 * the legacy bridge owns the context and this class is never used).
 */
final class LauncherContext {

	private static Context context;

	private LauncherContext() {}

	static synchronized void set(Context c) {
		context = c;
	}

	/** The launcher's context, made on first use when SegLoop's jar was dropped into a plain ImageJ's plugins folder. */
	static synchronized Context get() {
		if (context == null) context = new Context(CommandService.class, SegLoopService.class, StatusService.class);
		return context;
	}
}
