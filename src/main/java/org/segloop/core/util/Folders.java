package org.segloop.core.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folder helpers. */
public final class Folders {

	private Folders() {}

	/**
	 * Deletes a folder and everything in it, as far as it can: for cleaning up our own staging
	 * folders after a failure, where the original error matters more than a leftover file.
	 */
	public static void deleteQuietly(Path dir) {
		if (!Files.exists(dir)) return;
		try (Stream<Path> walk = Files.walk(dir)) {
			walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException | java.io.UncheckedIOException ignored) {
			// best effort (see above)
		}
	}

	/** Copies a folder and everything in it to {@code to} (which must not exist yet); returns {@code to}. */
	public static Path copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path f : (Iterable<Path>) files::iterator) {
				Path target = to.resolve(from.relativize(f).toString());
				if (Files.isDirectory(f)) Files.createDirectories(target);
				else Files.copy(f, target);
			}
		}
		return to;
	}

	/** True when {@code dir} does not exist or is an empty folder. */
	public static boolean isAbsentOrEmpty(Path dir) throws IOException {
		if (!Files.exists(dir)) return true;
		if (!Files.isDirectory(dir)) return false;
		try (Stream<Path> s = Files.list(dir)) {
			return s.findAny().isEmpty();
		}
	}

	/** SegLoop's cache folder ($SEGLOOP_CACHE, -Dsegloop.cache or ~/.cache/segloop): unpacked packages, native libraries, probe results. */
	public static Path cacheRoot() {
		String env = System.getenv("SEGLOOP_CACHE");
		String prop = System.getProperty("segloop.cache");
		return prop != null ? Path.of(prop) : env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "segloop");
	}
}
