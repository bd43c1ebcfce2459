package org.segloop.core.image;

import java.nio.file.Files;
import java.nio.file.Path;

import org.segloop.core.registry.NamedExtension;

/**
 * {@code files}: one image per file, read by ImageJ's readers ({@link ImageReader}: TIFF, PNG, JPEG,
 * GIF, BMP; DICOM goes to {@code dicom-series}). The fallback source: {@link ImageSources} asks every other source first.
 */
public final class FileImageSource extends NamedExtension implements ImageSource {

	static final String NAME = "files";

	public FileImageSource() {
		super(NAME, "one image per file (TIFF, PNG, JPEG, GIF, BMP as ImageJ reads them)");
	}

	/** Anything but a folder: a missing or unreadable file is still this source's to explain. */
	@Override
	public boolean canRead(Path path) {
		return !Files.isDirectory(path);
	}

	@Override
	public ImageVolume read(Path path) {
		return ImageReader.read(path);
	}
}
