package org.segloop.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a package's files may be read from: regular files whose real location (every symbolic
 * link on the way resolved) is inside the package's real folder. A link to a system file passes a
 * declared sha256 (whoever makes the link knows the file's hash), and opening a named pipe for
 * reading waits for a writer for ever, so both are refused here by looking at the file system
 * entry only (stat and realpath): nothing is opened before it passed.
 */
final class PackageFiles {

	private PackageFiles() {}

	/** The real path of a package folder (it may itself be reached through a link). */
	static Path realFolder(Path folder) {
		try {
			return folder.toAbsolutePath().normalize().toRealPath();
		}
		catch (IOException e) {
			throw new ModelPackageException(folder, "cannot be resolved: " + e.getMessage(), "check that the folder exists and is readable", e);
		}
	}

	/**
	 * Refuses {@code file} unless its real path lies inside {@code realFolder} and it is a regular file.
	 *
	 * @param what how the package names the file, for the message (e.g. "weights.onnx in rdf.yaml")
	 * @throws ModelPackageException naming the file: missing, leading outside, or not a regular file
	 */
	static void requireInside(Path file, Path realFolder, String what, String outsideWhat) {
		Path real;
		try {
			real = file.toRealPath();
		}
		catch (NoSuchFileException e) {
			throw new ModelPackageException(file, "is missing (named as " + what + ")",
				"copy the file into the package, or correct the name in rdf.yaml", e);
		}
		catch (IOException e) {
			throw new ModelPackageException(file, "cannot be resolved: " + e.getMessage(), "check that the file is readable", e);
		}
		if (!real.startsWith(realFolder)) throw new ModelPackageException(file,
			"leads through a symbolic link to " + real + ", outside the " + outsideWhat + " " + realFolder,
			"copy the file into the package instead of linking to it; SegLoop reads nothing outside a model package");
		requireRegular(file, real);
	}

	/** Refuses a named pipe, device, socket or folder where a file is expected, without opening it. */
	static void requireRegular(Path file) {
		requireRegular(file, file);
	}

	private static void requireRegular(Path file, Path real) {
		if (Files.isRegularFile(real)) return;
		String kind = Files.isDirectory(real) ? "a folder" : "a named pipe, device or socket";
		throw new ModelPackageException(file, "is not a regular file (it is " + kind + ")",
			"SegLoop reads model files only from plain files; put the file itself in its place");
	}
}
