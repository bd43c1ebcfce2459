package org.segloop.core.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Set;

import org.segloop.core.UserAction;

/**
 * Checks that a project's {@code project.sqlite} is a SegLoop database before anything uses it,
 * and says what went wrong when SQLite cannot open it. Only {@code init} creates a database: a
 * missing, empty or foreign one would otherwise become a new, empty project whose orphan sweep
 * takes every stored file — while the user's backup of the real database points at those files.
 */
final class DatabaseFile {

	static final String RESTORE = "restore project.sqlite from a backup (the stored files in files/ are untouched)";

	private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

	private DatabaseFile() {}

	/** Refuses a database file that is missing, not a regular file, empty or not SQLite. */
	static void requireSegLoopDatabase(Path folder, Path file) {
		if (!Files.exists(file)) {
			if (Files.isDirectory(folder.resolve(FileStore.FOLDER))) throw new ProjectException(file,
				"is missing, but the folder holds a project's stored files", RESTORE);
			throw new ProjectException(folder, "is not a SegLoop project (no " + ProjectStore.DATABASE + ")",
				"give the folder of a project, or create a project there", UserAction.CREATE_PROJECT.on(folder));
		}
		if (!Files.isRegularFile(file)) throw new ProjectException(file, "is not a regular file", RESTORE);
		byte[] head = new byte[SQLITE_HEADER.length];
		int n;
		try (InputStream in = Files.newInputStream(file)) {
			n = in.readNBytes(head, 0, head.length);
		}
		catch (IOException e) {
			throw new ProjectException(file, "cannot be read: " + e.getMessage(), "check the file's permissions", e);
		}
		if (n == 0) throw new ProjectException(file, "is empty (0 bytes): the project's database was truncated or replaced", RESTORE);
		if (n < head.length || !Arrays.equals(head, SQLITE_HEADER))
			throw new ProjectException(file, "is not an SQLite database (damaged or replaced)", RESTORE);
	}

	/** Refuses a database without SegLoop's schema (a new, empty one or someone else's). */
	static void requireSchema(Path file, int version, Set<String> tables) {
		Set<String> expected = version >= 2 ? Set.of("meta", "images", "events", "models", "predictions", "queue", "corrections")
			: Set.of("meta", "images", "events");
		if (version < 1 || !tables.containsAll(expected)) throw new ProjectException(file,
			"is not a SegLoop project database (" + (tables.isEmpty() ? "it holds no tables" : "no SegLoop schema") + ")", RESTORE);
	}

	/**
	 * The JDBC address of the database. A read-only open of a folder SQLite cannot write in (a
	 * read-only mount, a write-protected folder) cannot create the WAL's shared-memory file; when no
	 * write-ahead log is pending the file is opened as immutable, which needs none.
	 */
	static String url(Path folder, Path file, boolean readOnly) {
		if (!readOnly || Files.isWritable(folder)) return "jdbc:sqlite:" + file;
		String immutable = immutableUrl(file);
		return immutable != null ? immutable : "jdbc:sqlite:" + file;
	}

	/** The address that opens the file as immutable (no locks, no WAL index), or null while a write-ahead log is pending. */
	static String immutableUrl(Path file) {
		return hasPendingLog(file) ? null : "jdbc:sqlite:file:" + file.toAbsolutePath().toUri().getRawPath() + "?immutable=1";
	}

	/** True for the failures of a reader that cannot create or grow the files beside the database (permissions, space). */
	static boolean cannotWriteBeside(SQLException e) {
		int code = e.getErrorCode() & 0xff;
		return code == 3 || code == 8 || code == 10 || code == 13 || code == 14;
	}

	private static boolean hasPendingLog(Path file) {
		Path wal = file.resolveSibling(file.getFileName() + "-wal");
		try {
			return Files.exists(wal) && Files.size(wal) > 0;
		}
		catch (IOException e) {
			return true;
		}
	}

	/** Why SQLite could not open or read the database, with the fix that fits: only damage calls for a backup. */
	static ProjectException cannotOpen(Path file, SQLException e) {
		int code = e.getErrorCode() & 0xff;
		String fix = switch (code) {
			case 11, 26 -> "the database is damaged: " + RESTORE + " ('VACUUM INTO' copies are safe to take while SegLoop runs)";
			case 13 -> "the disk is full: free disk space and try again";
			case 3, 8, 14, 23 -> "SegLoop lacks permission to read or write it or its folder: check the permissions of "
				+ file.getParent() + " (read-only commands work on a write-protected project)";
			case 5, 6 -> "another process holds the database busy; try again";
			default -> "check free disk space and permissions";
		};
		return new ProjectException(file, "cannot be opened: " + e.getMessage(), fix, e);
	}
}
