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

import org.segloop.core.Remedy;
import org.segloop.core.UserAction;
import org.segloop.core.util.Hashing;

/**
 * The project's content-addressed files (masks, instance labels, uncertainty maps): each lives at
 * {@code files/<first two hex digits>/<sha256>.<ext>} and is written, flushed to disk and renamed
 * into place <em>before</em> the database row that names it is committed. A row therefore never
 * points at a missing or different file; a crash between the rename and the commit leaves only an
 * unreferenced file, which {@link #sweep} sets aside. Equal content is stored once.
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
	/** Where the sweep sets unreferenced files aside, one folder per sweep named by its time. */
	public static final String SWEPT = ".swept";
	/** How long set-aside files are kept before a sweep deletes them. */
	public static final java.time.Duration KEEP_SWEPT = java.time.Duration.ofDays(7);
	static final java.time.format.DateTimeFormatter STAMP =
		java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

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

	/**
	 * The path of a stored file whose content still has the hash in its name: what export,
	 * fine-tuning and undo read, so that a damaged or tampered file never reaches a dataset, a
	 * model or an annotator's screen.
	 *
	 * @param what what the file is, naming the image, e.g. "the correction of image 4 (/data/a.tif)"
	 * @param remedies the actions the fix refers to
	 * @throws ProjectException naming the file, what it is and the fix when it is missing or changed
	 */
	public Path verified(String name, String what, String fix, Remedy... remedies) {
		Path p = resolve(name);
		if (!Files.isRegularFile(p)) throw new ProjectException(p, "is missing (" + what + ")", fix, remedies);
		if (!isIntact(name)) throw new ProjectException(p, "is damaged: its content does not match its sha256 (" + what + ")", fix, remedies);
		return p;
	}

	/** {@link #verified} for a file stored for an image (its correction or proposal), naming the image and the fix. */
	public Path verifiedFor(ImageRegistry.ImageRecord image, String name, String what) {
		return verified(name, "the " + what + " of image " + image.id() + ", " + image.path(),
			"restore the project folder from a backup, or remove image " + image.id() + " from the project",
			UserAction.REMOVE_IMAGE.on(projectFolder(), image.id()));
	}

	private Path projectFolder() {
		return root.getParent();
	}

	/** True if the named file exists and its content still has the hash in its name. */
	public boolean isIntact(String name) {
		Path p = resolve(name);
		if (!Files.isRegularFile(p)) return false;
		String file = p.getFileName().toString();
		return Hashing.sha256(p).equals(file.substring(0, file.indexOf('.')));
	}

	/** What a sweep did: files set aside in {@code .swept/}, interrupted writes deleted, old set-aside folders deleted. */
	public record Sweep(int setAside, int leftoversDeleted, int foldersPurged, boolean skipped) {
		public int total() {
			return setAside + leftoversDeleted;
		}
	}

	/**
	 * Sets aside files no row references (left by a crash between writing a file and committing its
	 * row) in {@code .swept/<time>/}, deletes leftovers of interrupted writes, and deletes set-aside
	 * folders older than {@link #KEEP_SWEPT} — only when they are also older than the database's
	 * last commit, so a database restored from an older backup never makes the sweep delete the
	 * files its newer copy used. When a referenced file is missing, the database and the files do
	 * not belong together (a replaced database, a partial restore): nothing is moved then. Call with
	 * the writer lock held, so no other process is between writing a file and committing its row.
	 *
	 * @param lastCommitAt when the database last committed a change (epoch milliseconds)
	 */
	public Sweep sweep(Set<String> referenced, long lastCommitAt) throws IOException {
		if (!Files.isDirectory(root)) return new Sweep(0, 0, 0, false);
		java.util.List<Path> unreferenced = new java.util.ArrayList<>(), leftovers = new java.util.ArrayList<>();
		Set<String> present = new java.util.HashSet<>();
		Path swept = root.resolve(SWEPT);
		try (Stream<Path> files = Files.walk(root)) {
			for (Path p : (Iterable<Path>) files.filter(f -> !f.startsWith(swept) && Files.isRegularFile(f))::iterator) {
				String name = root.relativize(p).toString().replace('\\', '/');
				if (name.startsWith(TEMP + "/")) leftovers.add(p);
				else if (referenced.contains(name)) present.add(name);
				else unreferenced.add(p);
			}
		}
		for (Path p : leftovers) Files.deleteIfExists(p); // never named by any row: a write that did not finish
		if (present.size() < referenced.size()) return new Sweep(0, leftovers.size(), 0, true);
		if (!unreferenced.isEmpty()) {
			Path into = swept.resolve(STAMP.format(java.time.Instant.now()));
			for (Path p : unreferenced) {
				Path to = into.resolve(root.relativize(p).toString());
				Files.createDirectories(to.getParent());
				move(p, to);
			}
			syncDirectory(into);
		}
		return new Sweep(unreferenced.size(), leftovers.size(), purgeSwept(lastCommitAt), false);
	}

	/** Deletes set-aside folders older than {@link #KEEP_SWEPT} and than the last commit; returns how many. */
	private int purgeSwept(long lastCommitAt) throws IOException {
		int purged = 0;
		long now = System.currentTimeMillis();
		for (SetAside s : setAside()) {
			long at = s.at().toEpochMilli();
			if (at + KEEP_SWEPT.toMillis() < now && at < lastCommitAt) {
				org.segloop.core.util.Folders.deleteQuietly(root.resolve(SWEPT).resolve(s.folder()));
				purged++;
			}
		}
		return purged;
	}

	/** One sweep's set-aside files: its folder under {@code files/.swept/}, when, how many files and bytes. */
	public record SetAside(String folder, java.time.Instant at, int files, long bytes) {}

	/** The sweeps' set-aside folders, oldest first (for {@code check}); reads only. */
	public java.util.List<SetAside> setAside() throws IOException {
		Path swept = root.resolve(SWEPT);
		java.util.List<SetAside> out = new java.util.ArrayList<>();
		if (!Files.isDirectory(swept)) return out;
		try (Stream<Path> dirs = Files.list(swept)) {
			for (Path d : (Iterable<Path>) dirs.sorted()::iterator) {
				java.time.Instant at;
				try {
					at = java.time.Instant.from(STAMP.parse(d.getFileName().toString()));
				}
				catch (java.time.format.DateTimeParseException e) {
					continue; // not ours: left alone
				}
				int n = 0;
				long bytes = 0;
				try (Stream<Path> files = Files.walk(d)) {
					for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
						n++;
						bytes += Files.size(f);
					}
				}
				out.add(new SetAside(d.getFileName().toString(), at, n, bytes));
			}
		}
		return out;
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
