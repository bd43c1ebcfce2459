package org.segloop.core.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.segloop.core.SegLoopException;
import org.segloop.core.image.ImageFinder;

/**
 * Turns the files and folders a user names into what a project registers: image files as
 * {@link ImageFinder} finds them, and DICOM files — found in folders recursively, with or without a
 * file name ending — grouped into series, each written as a manifest into {@code seriesFolder}.
 * DICOM objects that are not images are left out with a notice when found in a folder; given by
 * name, or unreadable, they are passed on so that registration reports them like any bad image.
 */
public final class DicomInputs {

	/**
	 * @param images what to register, in the order given: image files and series manifests
	 * @param notices what the user should see: objects left out, series accepted with a warning
	 * @param newManifests the manifests this expansion wrote that did not exist before
	 */
	public record Expanded(List<Path> images, List<String> notices, List<Path> newManifests) {

		/**
		 * Deletes the new manifests that were not registered (a refused series, a failed
		 * registration), so that the project's series folder holds only registered series.
		 *
		 * @param registered the paths the project registered (any form of the same file matches)
		 */
		public void discardUnregistered(java.util.Collection<Path> registered) {
			java.util.Set<Path> keep = new java.util.HashSet<>();
			for (Path p : registered) keep.add(p.toAbsolutePath().normalize());
			for (Path m : newManifests) {
				Path real = m.toAbsolutePath().normalize();
				try {
					if (!keep.contains(real) && !keep.contains(real.toRealPath())) Files.deleteIfExists(m);
				}
				catch (IOException e) {
					// already gone, or not removable: a stray manifest is never read unless registered
				}
			}
		}
	}

	private DicomInputs() {}

	/**
	 * All DICOM files of all inputs are grouped together, so the slices of one series given as
	 * separate files (or spread over several folders) make one image.
	 *
	 * @throws SegLoopException when the inputs hold no image at all
	 */
	public static Expanded expand(List<Path> inputs, Path seriesFolder) {
		List<Path> images = new ArrayList<>();
		List<String> notices = new ArrayList<>();
		List<Path> created = new ArrayList<>();
		java.util.LinkedHashSet<Path> dicom = new java.util.LinkedHashSet<>();
		java.util.Set<Path> named = new java.util.HashSet<>(); // DICOM files given by name, not found in a folder
		for (Path input : inputs) {
			try {
				collect(input, seriesFolder, images, dicom, named);
			}
			catch (IOException | java.io.UncheckedIOException e) {
				throw new SegLoopException(input, "cannot be listed (" + e.getMessage() + ")", "check that the folder exists and is readable", e);
			}
		}
		if (!dicom.isEmpty()) {
			SeriesScanner.Scan scan = SeriesScanner.scan(new ArrayList<>(dicom));
			for (SegLoopException e : scan.notImages()) {
				if (named.contains(e.file().toAbsolutePath().normalize())) images.add(e.file()); // named on purpose: registration says what it is
				else notices.add("left out " + e.file().getFileName() + ": it " + e.problem());
			}
			for (SegLoopException e : scan.unreadable()) images.add(e.file());
			for (DicomSeries series : scan.series()) {
				boolean existed = Files.exists(seriesFolder.resolve(series.displayName() + DicomSeries.SUFFIX));
				Path manifest = series.save(seriesFolder);
				if (!existed) created.add(manifest);
				images.add(manifest);
				for (String w : series.warnings()) notices.add(series.displayName() + " (" + series.depth() + " slices from " + folderOf(series) + "): " + w);
			}
		}
		if (images.isEmpty()) throw new SegLoopException(inputs.get(0), "contains no images",
			"give image files (" + ImageFinder.IMAGE_SUFFIXES + "), DICOM files or folders holding them");
		return new Expanded(images, notices, created);
	}

	private static void collect(Path input, Path seriesFolder, List<Path> images, java.util.Set<Path> dicom, java.util.Set<Path> named) throws IOException {
		if (Files.isDirectory(input)) {
			try (Stream<Path> s = Files.list(input)) {
				s.filter(f -> Files.isRegularFile(f) && ImageFinder.isImageName(f) && !isDicomName(f)).sorted().forEach(images::add);
			}
			try (Stream<Path> s = Files.walk(input)) {
				s.filter(f -> Files.isRegularFile(f) && !inside(f, seriesFolder) && !f.getFileName().toString().startsWith(".")
					&& (isDicomName(f) || !ImageFinder.isImageName(f)) && DicomFiles.isDicom(f)).sorted()
					.forEach(f -> dicom.add(f.toAbsolutePath().normalize()));
			}
		}
		else if (Files.isRegularFile(input) && DicomFiles.isDicom(input)) {
			Path f = input.toAbsolutePath().normalize();
			dicom.add(f);
			named.add(f);
		}
		else images.add(input);
	}

	private static boolean isDicomName(Path f) {
		String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		return n.endsWith(".dcm") || n.endsWith(".dicom") || n.endsWith(".ima");
	}

	private static boolean inside(Path f, Path folder) {
		return f.toAbsolutePath().normalize().startsWith(folder.toAbsolutePath().normalize());
	}

	private static Path folderOf(DicomSeries s) {
		return s.slices().get(0).path().getParent();
	}
}
