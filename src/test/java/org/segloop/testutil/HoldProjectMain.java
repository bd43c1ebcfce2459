package org.segloop.testutil;

import java.nio.file.Path;

import org.segloop.core.project.ProjectStore;

/** Child-process helper: opens a project for writing, says so, and holds it until stdin closes. */
public final class HoldProjectMain {

	private HoldProjectMain() {}

	public static void main(String[] args) throws Exception {
		try (ProjectStore store = ProjectStore.open(Path.of(args[0]), ProjectStore.Access.READ_WRITE)) {
			System.out.println("LOCKED");
			System.out.flush();
			while (System.in.read() >= 0) {
				// hold the project until the parent closes our stdin or kills us
			}
		}
	}
}
