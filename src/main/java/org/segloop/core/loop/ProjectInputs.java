package org.segloop.core.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.segloop.core.dicom.DicomInputs;
import org.segloop.core.project.ProjectStore;

/**
 * What a project registers for the files and folders a user gives ({@code init}, {@code add}): in a
 * de-identifying project the de-identified copies of the DICOM inputs, otherwise the inputs in
 * place; DICOM files grouped into series manifests either way. Blocking.
 */
public final class ProjectInputs {

	/**
	 * Inputs ready to register.
	 *
	 * @param images image files and series manifests, for the image registry
	 * @param notices what the user should see (objects left out, series accepted with a warning)
	 */
	public record Prepared(List<Path> images, List<String> notices, ProjectStore store, Set<Path> filesBefore, List<Path> newManifests) {

		/** After a registration with {@code skipBad}: deletes the new manifests of the series that were refused. */
		public void discardUnregistered(List<Path> registered) {
			new DicomInputs.Expanded(images, notices, newManifests).discardUnregistered(registered);
		}

		/**
		 * Deletes the copies and manifests this preparation wrote into the project, for when
		 * registering them failed: a refused {@code add} leaves the project folder as it was.
		 */
		public void discardNewFiles() {
			for (Path f : projectFiles(store)) if (!filesBefore.contains(f)) try {
				Files.deleteIfExists(f);
			}
			catch (IOException e) {
				// left for the project audit's sweep of unreferenced files
			}
			removeEmptyFolders(store.folder().resolve(ProjectDeidentification.COPIES_FOLDER));
		}
	}

	private ProjectInputs() {}

	/**
	 * @param acceptBurnedInText in a de-identifying project, also take images that may show burned-in text
	 * @param skipBad in a de-identifying project, leave unreadable DICOM files out instead of failing
	 */
	public static Prepared prepare(ProjectStore store, List<Path> inputs, boolean acceptBurnedInText, boolean skipBad) {
		Set<Path> before = new HashSet<>(projectFiles(store));
		Prepared none = new Prepared(List.of(), List.of(), store, before, List.of());
		try {
			List<String> notices = new ArrayList<>();
			List<Path> sources = inputs;
			if (ProjectDeidentification.of(store) != null) { // only de-identified copies enter this project
				ProjectDeidentification.Copies copies = ProjectDeidentification.copy(store, inputs, acceptBurnedInText, skipBad);
				sources = copies.inputs();
				notices.addAll(copies.notices());
			}
			DicomInputs.Expanded expanded = DicomInputs.expand(sources, store.seriesFolder());
			notices.addAll(expanded.notices());
			return new Prepared(expanded.images(), notices, store, before, expanded.newManifests());
		}
		catch (RuntimeException | Error e) { // also a crash: no stray copies or manifests
			none.discardNewFiles();
			throw e;
		}
	}

	/** Study and series folders the discarded copies leave empty (deepest first). */
	private static void removeEmptyFolders(Path root) {
		if (!Files.isDirectory(root)) return;
		try (Stream<Path> s = Files.walk(root)) {
			for (Path d : s.filter(Files::isDirectory).filter(d -> !d.equals(root)).sorted(java.util.Comparator.reverseOrder()).toList())
				try (Stream<Path> in = Files.list(d)) {
					if (in.findAny().isEmpty()) Files.delete(d);
				}
		}
		catch (IOException | java.io.UncheckedIOException e) {
			// an empty folder is harmless
		}
	}

	/** The files SegLoop writes for inputs: de-identified copies and series manifests. */
	private static List<Path> projectFiles(ProjectStore store) {
		List<Path> files = new ArrayList<>();
		for (Path folder : List.of(store.folder().resolve(ProjectDeidentification.COPIES_FOLDER), store.seriesFolder())) {
			if (!Files.isDirectory(folder)) continue;
			try (Stream<Path> s = Files.walk(folder)) {
				s.filter(Files::isRegularFile).forEach(files::add);
			}
			catch (IOException | java.io.UncheckedIOException e) {
				// unlistable: nothing of ours to discard there
			}
		}
		return files;
	}
}
