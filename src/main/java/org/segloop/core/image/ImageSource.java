package org.segloop.core.image;

import java.nio.file.Path;

import org.segloop.core.registry.Extension;

/**
 * The extension point of where a project's images come from: reads what a registered image path
 * names into an {@link ImageVolume}. Listed in
 * {@code META-INF/services/org.segloop.core.image.ImageSource}; {@link ImageSources} asks each
 * (in registry order, the catch-all {@code files} last) whether it can read a path.
 *
 * <p>Contract: blocking; refuses what it cannot read with an {@link ImageInputException} saying what
 * is wrong with the file and what to do.
 */
public interface ImageSource extends Extension {

	/** Whether this source reads what {@code path} names (quick: from the name or a header, not the pixels). */
	boolean canRead(Path path);

	ImageVolume read(Path path);
}
