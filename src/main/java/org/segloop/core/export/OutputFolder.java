package org.segloop.core.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.segloop.core.SegLoopException;
import org.segloop.core.UserSetting;
import org.segloop.core.util.Folders;

/**
 * The new folder an export writes, checked before anything is staged: a name is given, its parent
 * is an existing, writable folder, it is not a file or a link, it is empty or absent, and it lies
 * outside the project — a dataset written into {@code files/} would be taken by the next sweep, and
 * one written over the project would hide it. The staging folder beside it is made only after
 * these checks, and removed on any failure, so a refused export leaves nothing behind.
 */
final class OutputFolder {

	private OutputFolder() {}

	/** @return the target as an absolute path with its parent's links resolved (what the export then writes) */
	static Path check(Path requested, Path projectFolder) {
		String given = requested.toString();
		if (given.isBlank()) throw new SegLoopException(null, "the output folder is empty",
			"give the new folder to write, e.g. ~/datasets/nuclei", UserSetting.OUTPUT_FOLDER);
		Path target = requested.toAbsolutePath().normalize(); // 'new/.' is the folder 'new'
		Path parent = target.getParent();
		if (parent == null || target.getFileName() == null) throw new SegLoopException(requested, "is the root of the file system",
			"give a new folder to write");
		if (!Files.exists(parent)) throw new SegLoopException(requested, "cannot be made: its parent folder " + parent + " does not exist",
			"create " + parent + " first, or choose another folder");
		if (!Files.isDirectory(parent)) throw new SegLoopException(requested, "cannot be made: " + parent + " is not a folder",
			"choose a folder whose parent is a folder");
		Path real;
		Path project;
		try {
			real = parent.toRealPath().resolve(target.getFileName().toString());
			project = projectFolder.toRealPath();
		}
		catch (IOException e) {
			throw new SegLoopException(requested, "cannot be checked: " + e.getMessage(), "choose another folder", e);
		}
		if (real.startsWith(project)) throw new SegLoopException(requested, "is inside the project " + project,
			"choose a folder outside the project (the project's own files are swept, and an export there would be lost)");
		if (project.startsWith(real)) throw new SegLoopException(requested, "holds the project " + project,
			"choose a new folder outside the project");
		if (Files.isSymbolicLink(real)) throw new SegLoopException(requested, "is a symbolic link", "give a new folder, not a link");
		if (Files.exists(real) && !Files.isDirectory(real)) throw new SegLoopException(requested, "is a file, not a folder",
			"choose a new folder (SegLoop never overwrites a file)");
		if (!Files.isWritable(parent)) throw new SegLoopException(requested, "cannot be made: the folder " + parent + " is not writable",
			"choose a folder you can write in, or change its permissions");
		try {
			if (!Folders.isAbsentOrEmpty(real)) throw new SegLoopException(requested, "already exists and is not empty",
				"choose a new folder for the export (SegLoop never overwrites an earlier export)");
		}
		catch (IOException e) {
			throw new SegLoopException(requested, "cannot be read: " + e.getMessage(), "choose another folder", e);
		}
		return real;
	}

	/**
	 * The staging folder beside the target: hidden, named by the process, so concurrent exports do
	 * not meet. Staging folders of exports whose process is gone (killed) are removed first.
	 */
	static Path staging(Path target) {
		String prefix = "." + target.getFileName() + ".partial-";
		try (java.util.stream.Stream<Path> siblings = Files.list(target.getParent())) {
			for (Path s : (Iterable<Path>) siblings.filter(p -> p.getFileName().toString().startsWith(prefix))::iterator) {
				String pid = s.getFileName().toString().substring(prefix.length());
				if (pid.matches("\\d{1,18}") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) Folders.deleteQuietly(s);
			}
		}
		catch (IOException e) {
			// a leftover of a killed export stays; this export is not affected
		}
		return target.resolveSibling(prefix + ProcessHandle.current().pid());
	}
}
