package org.segloop.core.project;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.stream.Stream;

import org.segloop.core.util.Hashing;

/**
 * The project's content-addressed files (masks, instance labels, uncertainty maps): each lives at
 * {@code files/<first two hex digits>/<sha256>.<ext>} and is written, flushed to disk and renamed
 * into place <em>before</em> the database row that names it is committed. A row therefore never
 * points at a missing or different file; a crash between the rename and the commit leaves only an
 * unreferenced file, which {@link #sweep} removes. Equal content is stored once.
 *
 * <p>Writes need the project's writer lock (the store checks it); not thread-safe.
 */
public final class FileStore {

	/** Writes a file's content to the given path (which does not exist yet). */
	@FunctionalInterface
	public interface Content {
		void writeTo(Path file) throws IOException;
	}

	static final String FOLDER = "files";
	private static final String TEMP = "incoming";

	private final Path root;

	FileStore(Path projectFolder) {
		// normalised as resolve() normalises names: a folder given as /a/b/../p must hold its own files
		this.root = projectFolder.resolve(FOLDER).normalize();
	}

	/**
	 * Stores content and returns its name, e.g. {@code "3f/3f9a…e1.tif"}. The file is complete and
	 * durable when this returns.
	 */
	public String put(Content content, String extension) throws IOException {
		Path incoming = root.resolve(TEMP);
		Files.createDirectories(incoming);
		Path temp = Files.createTempFile(incoming, "new-", "." + extension);
		Files.delete(temp); // writers create the file themselves (e.g. TiffWriter's own temp + rename)
		try {
			content.writeTo(temp);
			try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				ch.force(true);
			}
			String sha = Hashing.sha256(temp);
			String name = sha.substring(0, 2) + "/" + sha + "." + extension;
			Path target = root.resolve(name);
			Files.createDirectories(target.getParent());
			if (Files.exists(target) && Hashing.sha256(target).equals(sha)) Files.delete(temp);
			else move(temp, target);
			syncDirectory(target.getParent());
			return name;
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	public Path resolve(String name) {
		Path p = root.resolve(name).normalize();
		if (!p.startsWith(root)) throw new IllegalArgumentException("file name outside the store: " + name);
		return p;
	}

	/** True if the named file exists and its content still has the hash in its name. */
	public boolean isIntact(String name) {
		Path p = resolve(name);
		if (!Files.isRegularFile(p)) return false;
		String file = p.getFileName().toString();
		return Hashing.sha256(p).equals(file.substring(0, file.indexOf('.')));
	}

	/**
	 * Deletes files no row references and leftovers of interrupted writes. Call with the writer
	 * lock held, so no other process is between writing a file and committing its row.
	 *
	 * @return number of files removed
	 */
	public int sweep(Set<String> referenced) throws IOException {
		if (!Files.isDirectory(root)) return 0;
		int removed = 0;
		try (Stream<Path> files = Files.walk(root)) {
			for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
				String name = root.relativize(p).toString().replace('\\', '/');
				if (!referenced.contains(name)) {
					Files.deleteIfExists(p);
					removed++;
				}
			}
		}
		return removed;
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** Makes a rename durable (POSIX: fsync the directory); a no-op where directories cannot be opened. */
	private static void syncDirectory(Path dir) {
		try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
			ch.force(true);
		}
		catch (IOException e) {
			// Windows cannot open directories; NTFS journals the rename itself
		}
	}
}
