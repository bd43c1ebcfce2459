package org.segloop.core.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.segloop.core.SegLoopException;

/** Turns the files and folders a user names into the image files to work on. */
public final class ImageFinder {

	/** File name endings SegLoop reads (through ImageJ). */
	public static final List<String> IMAGE_SUFFIXES = List.of(".tif", ".tiff", ".png", ".jpg", ".jpeg", ".dcm", ".gif", ".bmp");

	private ImageFinder() {}

	/**
	 * Files are taken as given; folders contribute their image files (not sub-folders, and not
	 * SegLoop's own outputs such as NAME_classes.tif), sorted by name.
	 *
	 * @throws SegLoopException when nothing is left
	 */
	public static List<Path> expand(List<Path> inputs) throws IOException {
		List<Path> files = new ArrayList<>();
		for (Path p : inputs) {
			if (Files.isDirectory(p)) try (Stream<Path> s = Files.list(p)) {
				s.filter(f -> Files.isRegularFile(f) && isImageName(f)).sorted().forEach(files::add);
			}
			else files.add(p);
		}
		if (files.isEmpty()) throw new SegLoopException(inputs.get(0), "contains no images", "give image files (" + IMAGE_SUFFIXES + ") or folders holding them");
		return files;
	}

	public static boolean isImageName(Path f) {
		String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
		return IMAGE_SUFFIXES.stream().anyMatch(n::endsWith) && !n.endsWith("_classes.tif") && !n.endsWith("_instances.tif")
			&& !n.endsWith("_probabilities.tif");
	}
}
