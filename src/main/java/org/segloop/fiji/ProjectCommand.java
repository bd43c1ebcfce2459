package org.segloop.fiji;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;

/**
 * A command that works on a project as an annotator: the {@code project} and {@code annotator}
 * parameters (macro keys) and the session they open. SciJava finds inherited parameters.
 */
abstract class ProjectCommand implements Command {

	@Parameter
	protected SegLoopService segloop;

	@Parameter(label = "Project folder", style = "directory")
	protected File project;

	@Parameter(label = "Annotator")
	protected String annotator = System.getProperty("user.name", "annotator");

	/**
	 * Runs work on the session for these parameters (opened, or the one already open) on SegLoop's
	 * session thread, and waits for it.
	 */
	protected <T> T withSession(SegLoopService.SessionWork<T> work) {
		return segloop.withSession(project.toPath(), annotator, work);
	}
}
