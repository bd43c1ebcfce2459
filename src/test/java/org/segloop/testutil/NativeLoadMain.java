package org.segloop.testutil;

import java.nio.file.Path;

import org.segloop.core.util.OrtLogging;
import org.segloop.core.project.ProjectStore;

/**
 * Child JVM for NativeLibrariesTest: loads ONNX Runtime and SQLite the way SegLoop does (the
 * process-wide ORT environment, a project's database), says so, and waits to be killed.
 * Argument: a folder for the project.
 */
public final class NativeLoadMain {

	public static final String LOADED = "NATIVE-LIBRARIES-LOADED";

	private NativeLoadMain() {}

	public static void main(String[] args) throws Exception {
		OrtLogging.environment();
		Path folder = Path.of(args[0]);
		try (ProjectStore store = java.nio.file.Files.exists(folder.resolve("project.sqlite"))
			? ProjectStore.open(folder, ProjectStore.Access.READ_WRITE) : ProjectStore.create(folder))
		{
			System.out.println(LOADED);
			System.out.flush();
			Thread.sleep(120_000); // the test kills this process, as kill -9 would
		}
	}
}
