package org.segloop.core.loop;

import java.nio.file.Path;
import java.util.List;

import org.segloop.core.util.Folders;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;

/** Creates a project: settings, the model as its first version, and the images. */
public final class ProjectSetup {

	private ProjectSetup() {}

	/**
	 * Creates the project folder and returns the open (writable) store. If the model or an image is
	 * bad, the new folder is removed again, so bad input leaves nothing behind.
	 */
	public static ProjectStore init(Path folder, Path model, List<Path> images, ProjectSettings settings) {
		ModelPackage pkg = ModelPackage.open(model);
		ProjectStore store = ProjectStore.create(folder);
		try {
			store.saveSettings(settings);
			store.models().useModel(pkg, model);
			store.images().add(images);
			return store;
		}
		catch (RuntimeException e) {
			store.close();
			Folders.deleteQuietly(folder); // ProjectStore.create only accepts a new or empty folder: all of it is ours
			throw e;
		}
	}
}
