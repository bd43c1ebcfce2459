package org.segloop.core.project;

import java.nio.file.Path;

import org.segloop.core.UserAction;

/** Another process has the project open for writing. */
public final class ProjectLockedException extends ProjectException {

	private static final long serialVersionUID = 1L;

	public ProjectLockedException(Path projectDir, String holder) {
		super(projectDir, "is open for writing by " + holder,
			"close SegLoop there first, or meanwhile only read the project, e.g. show its status",
			UserAction.SHOW_STATUS.on(projectDir));
	}
}
