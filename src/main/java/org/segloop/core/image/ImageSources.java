package org.segloop.core.image;

import java.nio.file.Path;
import java.util.List;

import org.segloop.core.registry.ExtensionFailedException;
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
			if (!s.name().equals(FileImageSource.NAME) && canRead(s, path)) return read(s, path);
		ImageSource files = REGISTRY.byName(FileImageSource.NAME);
		if (files.canRead(path)) return files.read(path);
		throw new ImageInputException(path, "does not exist or is not a file", "check the path");
	}

	/** Whether the source reads the path; an added source's unexpected exception is an {@link ExtensionFailedException}. */
	private static boolean canRead(ImageSource s, Path path) {
		if (REGISTRY.isBuiltIn(s)) return s.canRead(path);
		try {
			return s.canRead(path);
		}
		catch (RuntimeException e) {
			if (!ExtensionFailedException.isBreach(e)) throw e;
			throw failed(s, path, "failed checking whether it reads it: " + e, e);
		}
	}

	/**
	 * The image, from an added source held to its contract: an image (never null), or one of
	 * SegLoop's typed errors; anything else is an {@link ExtensionFailedException} naming the
	 * source and the file.
	 */
	private static ImageVolume read(ImageSource s, Path path) {
		if (REGISTRY.isBuiltIn(s)) return s.read(path);
		ImageVolume v;
		try {
			v = s.read(path);
		}
		catch (RuntimeException e) {
			if (!ExtensionFailedException.isBreach(e)) throw e;
			throw failed(s, path, "failed reading it: " + e, e);
		}
		if (v == null) throw failed(s, path, "returned no image (null)", null);
		return v;
	}

	private static ExtensionFailedException failed(ImageSource s, Path path, String problem, Throwable cause) {
		return new ExtensionFailedException(path, REGISTRY.kind(), s.name(), s.getClass(), problem, cause);
	}
}
