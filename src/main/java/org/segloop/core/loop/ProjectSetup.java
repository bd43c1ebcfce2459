package org.segloop.core.loop;

import java.nio.file.Path;
import java.util.List;

import org.segloop.core.SegLoopException;
import org.segloop.core.util.Folders;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;

/** Creates a project: settings, the model as its first version, and the images. */
public final class ProjectSetup {

	/**
	 * A new project.
	 *
	 * @param store the open, writable project
	 * @param leftOut with {@code skipBad}: the files that were not registered, each with its problem and fix
	 * @param notices what the user should see about the inputs (DICOM objects left out, series accepted with a warning)
	 */
	public record Created(ProjectStore store, List<SegLoopException> leftOut, List<String> notices) {}

	private ProjectSetup() {}

	/**
	 * Creates the project folder and returns the open (writable) store. Every image is checked
	 * (readable, taken by the model, no duplicate content) and all problems are reported at once;
	 * if the model or any image is bad, the new folder is removed again, so bad input leaves
	 * nothing behind.
	 */
	public static ProjectStore init(Path folder, Path model, List<Path> images, ProjectSettings settings) {
		// images: files and folders as the user gives them; ProjectInputs groups DICOM files into series
		return create(folder, model, images, settings, false).store();
	}

	/**
	 * Like {@link #init}, but with {@code skipBad} the good images are registered and the bad ones
	 * left out (reported in the result); the project is made only when at least one image is good.
	 */
	public static Created create(Path folder, Path model, List<Path> images, ProjectSettings settings, boolean skipBad) {
		return create(folder, model, images, settings, skipBad, null);
	}

	/**
	 * Like {@link #create(Path, Path, List, ProjectSettings, boolean)}; with {@code deidentify} (not
	 * null) the project de-identifies: only de-identified copies of the DICOM inputs are registered
	 * (see {@link ProjectDeidentification}), and every later addition is de-identified the same way.
	 */
	public static Created create(Path folder, Path model, List<Path> images, ProjectSettings settings, boolean skipBad,
		ProjectDeidentification.Request deidentify)
	{
		ModelPackage pkg = ModelPackage.open(model);
		ProjectStore store = ProjectStore.create(folder);
		try {
			store.saveSettings(settings);
			store.models().useModel(pkg, model);
			if (deidentify != null) ProjectDeidentification.enable(store, deidentify.options());
			ProjectInputs.Prepared inputs = ProjectInputs.prepare(store, images, deidentify != null && deidentify.acceptBurnedInText(), skipBad);
			var registration = store.images().register(inputs.images(), skipBad);
			inputs.discardUnregistered(registration.images().stream().map(r -> r.path()).toList()); // refused series leave no manifest
			return new Created(store, registration.leftOut(), inputs.notices());
		}
		catch (RuntimeException | Error e) { // an Error (a crash in a reader) must not leave a half-made project either
			store.close();
			Folders.deleteQuietly(folder); // ProjectStore.create only accepts a new or empty folder: all of it is ours
			throw e;
		}
	}
}
