package org.segloop.core.loop;

import org.segloop.core.UserAction;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.WeightFiles;
import org.segloop.core.model.WeightSet;
import org.segloop.core.project.ModelVersions.ModelVersion;
import org.segloop.core.project.ProjectException;
import org.segloop.core.project.ProjectStore;

/**
 * What it takes to run a project's model version: the package it descends from (checked against
 * the hash the project recorded) and, for a fine-tuned version, its weights from the file store.
 *
 * @param weights null for a package's own version
 */
public record VersionedModel(ModelPackage pkg, WeightSet weights) {

	public static VersionedModel open(ProjectStore store, ModelVersion version) {
		ModelPackage pkg = Predictor.openModel(store.models().root(version));
		if (!version.isFineTuned()) return new VersionedModel(pkg, null);
		if (!store.files().isIntact(version.weightsFile())) throw new ProjectException(store.files().resolve(version.weightsFile()),
			"is missing or damaged (the weights of model version " + version.id() + ", " + version.name() + ")",
			"restore the project folder from a backup, or go back to version " + version.parentId(),
			UserAction.USE_VERSION.on(store.folder(), version.parentId()));
		return new VersionedModel(pkg, WeightFiles.read(store.files().resolve(version.weightsFile())));
	}
}
