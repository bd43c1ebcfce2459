package org.segloop.core.image;

import java.nio.file.Path;
import java.util.List;

import org.segloop.core.registry.Registry;

/** Where images come from, by name: SegLoop's {@code files} and any {@link ImageSource} a jar on the class path registers. */
public final class ImageSources {

	public static final Registry<ImageSource> REGISTRY = new Registry<>(ImageSource.class, "image source");

	private ImageSources() {}

	public static List<String> names() {
		return REGISTRY.names();
	}

	/**
	 * Reads an image with the first source that can read the path, asking {@code files} last: it
	 * takes any file ImageJ might open, so a more specific source (a DICOM series, a format of an
	 * added jar) must get the chance first. The others are asked in registry order.
	 *
	 * @throws ImageInputException when none can, or the one that can finds the image unreadable
	 */
	public static ImageVolume read(Path path) {
		for (ImageSource s : REGISTRY.all())
			if (!s.name().equals(FileImageSource.NAME) && s.canRead(path)) return s.read(path);
		ImageSource files = REGISTRY.byName(FileImageSource.NAME);
		if (files.canRead(path)) return files.read(path);
		throw new ImageInputException(path, "does not exist or is not a file", "check the path");
	}
}
