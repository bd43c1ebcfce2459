package org.segloop.core;

import java.nio.file.Path;

/**
 * Something a user does to resolve a problem, named by what it does, not by how: the CLI says
 * which command does it, the Fiji layer which menu command (or says the action only, when it has
 * none). Core messages word the action ("predict the project's images"); the constant is the
 * typed reference a surface turns into its own way.
 */
public enum UserAction implements Remedy {
	/** Predict the images that have no proposal of the current model yet. */
	PREDICT,
	/** Register image files in a project. */
	ADD_IMAGES,
	/** Register a registered file again with its new content. */
	REPLACE_IMAGE,
	/** Take an image out of a project. */
	REMOVE_IMAGE,
	/** Take the next image, correct it and accept the correction. */
	ANNOTATE,
	/** Take (lease) the next image to correct. */
	TAKE_NEXT,
	/** List a project's images with their ids. */
	LIST_IMAGES,
	/** Show a project's status (reads only). */
	SHOW_STATUS,
	/** List a project's model versions. */
	LIST_VERSIONS,
	/** Make a recorded model version current. */
	USE_VERSION,
	/** Create a project with a model and images. */
	CREATE_PROJECT,
	/** Create a starter model package from a bare ONNX file. */
	CREATE_MODEL_PACKAGE,
	/** Re-record a model package's test tensors from its rdf.yaml. */
	RECORD_TEST_TENSORS,
	/** Run a model package on its test tensors and compare. */
	CHECK_MODEL,
	/** Make an extension (a scorer, strategy, export format or image source in its own jar) available again; the item is its name. */
	INSTALL_EXTENSION;

	/** This action on a project or model package folder. */
	public On on(Path folder) {
		return new On(this, folder, null);
	}

	/** This action on an item (an image id, a file) of a project or model package folder (either may be null). */
	public On on(Path folder, Object item) {
		return new On(this, folder, item == null ? null : item.toString());
	}

	/**
	 * An action with what it is done on, so a surface can name them (e.g. the CLI's
	 * {@code segloop remove /data/p1 7}).
	 *
	 * @param folder the project or model package folder, or null when not known
	 * @param item the image id or file the action takes, or null
	 */
	public record On(UserAction action, Path folder, String item) implements Remedy {}
}
