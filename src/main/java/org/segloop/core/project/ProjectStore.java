package org.segloop.core.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.sqlite.SQLiteConfig;

/**
 * A SegLoop project on disk: a folder with an SQLite database ({@code project.sqlite}, WAL journal,
 * {@code synchronous=FULL}, busy timeout) and, for writers, the {@link ProjectLock}. Readers need
 * no lock and see the last committed state.
 *
 * <p>Threading: one instance serves one thread at a time (JDBC connections are not thread-safe);
 * open one instance per thread for concurrent readers. Blocking I/O throughout.
 */
public final class ProjectStore implements AutoCloseable {

	public enum Access { READ_WRITE, READ_ONLY }

	static final String DATABASE = "project.sqlite";
	private static final int BUSY_TIMEOUT_MS = 10_000;

	/** One entry of the append-only journal: who did what, when, to which image, how long it took. */
	public record Event(long id, long at, String who, JournalEvent what, Long imageId, Double secondsSpent, String detail) {}

	private final Path folder;
	private final Connection db;
	private final ProjectLock lock;

	private ProjectStore(Path folder, Connection db, ProjectLock lock) {
		this.folder = folder;
		this.db = db;
		this.lock = lock;
	}

	/** True when {@code folder} holds a SegLoop project's database. */
	public static boolean isProject(Path folder) {
		return Files.isRegularFile(folder.resolve(DATABASE));
	}

	/** Creates a project in a new or empty folder. */
	public static ProjectStore create(Path folder) {
		try {
			Files.createDirectories(folder);
			try (Stream<Path> s = Files.list(folder)) {
				if (s.findAny().isPresent()) throw new ProjectException(folder, "is not empty",
					"create the project in a new folder, or open the existing project instead");
			}
		}
		catch (IOException e) {
			throw new ProjectException(folder, "cannot be created: " + e.getMessage(), "choose a writable location", e);
		}
		return open(folder, Access.READ_WRITE, true);
	}

	public static ProjectStore open(Path folder, Access access) {
		return open(folder, access, false);
	}

	private static ProjectStore open(Path folder, Access access, boolean creating) {
		Path file = folder.resolve(DATABASE);
		if (!creating) DatabaseFile.requireSegLoopDatabase(folder, file);
		ProjectLock lock = access == Access.READ_WRITE ? ProjectLock.acquire(folder) : null;
		try {
			SQLiteConfig config = new SQLiteConfig();
			config.setBusyTimeout(BUSY_TIMEOUT_MS);
			config.enforceForeignKeys(true);
			config.setCacheSize(-65536); // 64 MB of pages: a full re-rank at 1M images otherwise thrashes the default 2 MB
			if (access == Access.READ_ONLY) config.setReadOnly(true);
			org.segloop.core.util.NativeLibraries.prepareSqlite(); // SQLite's library from SegLoop's cache, not a new temporary copy
			Connection db = connect(folder, file, access, config);
			ProjectStore store = new ProjectStore(folder, db, lock);
			try {
				int version = store.schemaVersion();
				// only init makes a database: an empty or foreign one is never turned into a new, empty project
				if (!creating) DatabaseFile.requireSchema(file, version, store.tableNames());
				if (access == Access.READ_WRITE) {
					try (Statement s = db.createStatement()) {
						s.execute("PRAGMA journal_mode = WAL");
						s.execute("PRAGMA synchronous = FULL");
					}
					store.migrate();
				}
				else store.checkVersion(version);
			}
			catch (SQLException | RuntimeException e) {
				closeQuietly(db);
				throw e;
			}
			return store;
		}
		catch (SQLException e) {
			if (lock != null) lock.close();
			throw DatabaseFile.cannotOpen(file, e);
		}
		catch (RuntimeException e) {
			if (lock != null) lock.close();
			throw e;
		}
	}

	/**
	 * Opens the connection. A reader that cannot make the WAL's shared-memory file (a full disk, a
	 * folder it may not write, a foreign file in its place) opens the database as immutable when
	 * no write-ahead log is pending, instead of failing: read-only commands work on a read-only
	 * project.
	 */
	private static Connection connect(Path folder, Path file, Access access, SQLiteConfig config) throws SQLException {
		String url = DatabaseFile.url(folder, file, access == Access.READ_ONLY);
		boolean mayFallBack = access == Access.READ_ONLY && !url.contains("immutable=1");
		try {
			Connection db = DriverManager.getConnection(url, config.toProperties());
			if (!mayFallBack) return db;
			try (Statement s = db.createStatement()) {
				s.executeQuery("SELECT count(*) FROM sqlite_master").close(); // makes SQLite open the WAL index
				return db;
			}
			catch (SQLException e) {
				closeQuietly(db);
				throw e;
			}
		}
		catch (SQLException e) {
			String immutable = DatabaseFile.immutableUrl(file);
			if (!mayFallBack || !DatabaseFile.cannotWriteBeside(e) || immutable == null) throw e;
			return DriverManager.getConnection(immutable, config.toProperties());
		}
	}

	private static void closeQuietly(Connection c) {
		try {
			c.close();
		}
		catch (SQLException ignored) {
			// already failing; the original error is reported
		}
	}

	/** The names of the database's tables. */
	private java.util.Set<String> tableNames() throws SQLException {
		java.util.Set<String> names = new java.util.HashSet<>();
		try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
			while (r.next()) names.add(r.getString(1));
		}
		return names;
	}

	public Path folder() {
		return folder;
	}

	/** Where the manifests of the project's DICOM series are kept ({@code series/}). */
	public Path seriesFolder() {
		return folder.resolve("series");
	}

	/** The project's database file, named in errors about what it holds. */
	Path database() {
		return folder.resolve(DATABASE);
	}

	/** The registered images of this project. */
	public ImageRegistry images() {
		return new ImageRegistry(this);
	}

	public ImageQueue queue() {
		return new ImageQueue(this, java.time.Clock.systemUTC());
	}

	/** The queue with another clock (tests of lease expiry). */
	public ImageQueue queue(java.time.Clock clock) {
		return new ImageQueue(this, clock);
	}

	public Corrections corrections() {
		return new Corrections(this, queue());
	}

	/**
	 * Sets aside files that no row references (left by a crash between writing a file and
	 * committing its row) in {@code files/.swept/}, kept for {@link FileStore#KEEP_SWEPT}; see
	 * {@link FileStore#sweep}. Runs only on a project whose database opened with SegLoop's schema.
	 * Needs the writer lock.
	 *
	 * @return files set aside or deleted (leftovers of interrupted writes)
	 */
	public int sweepOrphanFiles() {
		requireWritable();
		try {
			return files().sweep(referencedFileNames(), lastCommitAt()).total();
		}
		catch (SQLException e) {
			throw failure("cannot list the project's files", e);
		}
		catch (java.io.IOException e) {
			throw new ProjectException(folder.resolve(FileStore.FOLDER), "cannot be cleaned: " + e.getMessage(),
				"check free disk space and permissions", e);
		}
	}

	/** When the database last recorded something (epoch milliseconds; 0 for a new project). */
	long lastCommitAt() throws SQLException {
		try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("""
			SELECT max(coalesce((SELECT max(at) FROM events), 0), coalesce((SELECT max(added_at) FROM images), 0),
			  coalesce((SELECT max(created_at) FROM predictions), 0), coalesce((SELECT max(created_at) FROM corrections), 0),
			  coalesce((SELECT max(created_at) FROM models), 0))"""))
		{
			return r.next() ? r.getLong(1) : 0;
		}
	}

	/** Every file-store name a row refers to (masks, proposals, maps, weights). */
	java.util.SortedSet<String> referencedFileNames() throws SQLException {
		java.util.SortedSet<String> names = new java.util.TreeSet<>();
		predictions().collectFileNames(names);
		corrections().collectFileNames(names);
		models().collectFileNames(names);
		return names;
	}

	public Predictions predictions() {
		return new Predictions(this);
	}

	public ModelVersions models() {
		return new ModelVersions(this);
	}

	/** The project's content-addressed mask and map files. */
	public FileStore files() {
		return new FileStore(folder);
	}

	public ProjectSettings settings() {
		Map<String, String> meta = new HashMap<>();
		try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT key, value FROM meta")) {
			while (r.next()) meta.put(r.getString(1), r.getString(2));
		}
		catch (SQLException e) {
			throw failure("cannot read the project settings", e);
		}
		return ProjectSettings.fromMeta(meta);
	}

	/**
	 * Saves the settings after checking that their scorer and strategy are installed and the
	 * scorer takes the options (a project is never saved naming something it cannot use).
	 *
	 * @throws ProjectException when the scorer or strategy is not installed
	 * @throws IllegalArgumentException for options the scorer cannot use
	 */
	public void saveSettings(ProjectSettings settings) {
		requireWritable();
		ProjectExtensions.requireInstalled(folder, settings);
		try {
			inTransaction(() -> {
				for (Map.Entry<String, String> e : settings.toMeta().entrySet()) putMeta(e.getKey(), e.getValue());
				return null;
			});
		}
		catch (SQLException e) {
			throw failure("cannot save the project settings", e);
		}
	}

	/**
	 * The de-identification profile the project applies to every DICOM file it takes (an id of
	 * {@code org.segloop.core.dicom.deid.DeidOptions}), or null when the project references files in place.
	 */
	public String deidentification() {
		return meta(DEIDENTIFICATION);
	}

	/** Records that the project de-identifies every DICOM file it takes, with this profile; set once, at creation. */
	public void saveDeidentification(String profile) {
		requireWritable();
		try {
			inTransaction(() -> {
				putMeta(DEIDENTIFICATION, profile);
				return null;
			});
		}
		catch (SQLException e) {
			throw failure("cannot save the project settings", e);
		}
	}

	private static final String DEIDENTIFICATION = "deidentification";

	/** A metadata value, or null. */
	String meta(String key) {
		try (PreparedStatement p = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
			p.setString(1, key);
			try (ResultSet r = p.executeQuery()) {
				return r.next() ? r.getString(1) : null;
			}
		}
		catch (SQLException e) {
			throw failure("cannot read the project metadata", e);
		}
	}

	/** Sets a metadata value; call inside a transaction. */
	void putMeta(String key, String value) throws SQLException {
		try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")) {
			p.setString(1, key);
			p.setString(2, value);
			p.executeUpdate();
		}
	}

	Connection connection() {
		return db;
	}

	public boolean isReadOnly() {
		return lock == null;
	}

	/** The schema version of the database (0 for a new, empty one). */
	public int schemaVersion() throws SQLException {
		try (Statement s = db.createStatement();
			ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'"))
		{
			if (r.getInt(1) == 0) return 0;
		}
		try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
			if (!r.next()) return 0;
			try {
				return Integer.parseInt(r.getString(1));
			}
			catch (NumberFormatException e) {
				return 0; // someone else's 'meta' table: not a SegLoop schema
			}
		}
	}

	private void migrate() throws SQLException {
		int version = schemaVersion();
		checkVersion(version);
		for (int v = version + 1; v <= Schema.latest(); v++) {
			int target = v;
			inTransaction(() -> {
				try (Statement s = db.createStatement()) {
					for (String sql : Schema.MIGRATIONS.get(target - 1)) s.execute(sql);
					s.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '" + target + "')");
				}
				return null;
			});
		}
	}

	private void checkVersion(int version) {
		if (version > Schema.latest()) throw new ProjectException(folder.resolve(DATABASE),
			"was written by a newer SegLoop (schema " + version + "; this one knows up to " + Schema.latest() + ")",
			"update SegLoop to open this project");
	}

	/** Appends to the event journal; returns the event's id. */
	public long appendEvent(String who, JournalEvent what, Long imageId, Double secondsSpent, String detail) {
		requireWritable();
		try {
			return inTransaction(() -> journal(who, what, imageId, secondsSpent, detail));
		}
		catch (SQLException e) {
			throw failure("cannot record an event", e);
		}
	}

	/** When the newest journal event of one of these kinds happened (epoch milliseconds), if any. */
	public java.util.OptionalLong lastEventAt(JournalEvent... whats) {
		String marks = String.join(", ", java.util.Collections.nCopies(whats.length, "?"));
		try (PreparedStatement p = db.prepareStatement("SELECT max(at) FROM events WHERE what IN (" + marks + ")")) {
			for (int i = 0; i < whats.length; i++) p.setString(i + 1, whats[i].stored());
			try (ResultSet r = p.executeQuery()) {
				long at = r.next() ? r.getLong(1) : 0;
				return r.wasNull() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(at);
			}
		}
		catch (SQLException e) {
			throw failure("cannot read the journal", e);
		}
	}

	/** Appends to the event journal as part of the caller's transaction. */
	long journal(String who, JournalEvent what, Long imageId, Double secondsSpent, String detail) throws SQLException {
		try (PreparedStatement p = db.prepareStatement(
			"INSERT INTO events(at, who, what, image_id, seconds_spent, detail) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS))
		{
			p.setLong(1, System.currentTimeMillis());
			p.setString(2, who);
			p.setString(3, what.stored());
			p.setObject(4, imageId);
			p.setObject(5, secondsSpent);
			p.setString(6, detail);
			p.executeUpdate();
			try (ResultSet keys = p.getGeneratedKeys()) {
				keys.next();
				return keys.getLong(1);
			}
		}
	}

	public List<Event> events() {
		List<Event> out = new ArrayList<>();
		try (Statement s = db.createStatement();
			ResultSet r = s.executeQuery("SELECT id, at, who, what, image_id, seconds_spent, detail FROM events ORDER BY id"))
		{
			while (r.next())
				out.add(new Event(r.getLong(1), r.getLong(2), r.getString(3), JournalEvent.fromStored(r.getString(4), database()),
					(Long) nullable(r, 5, r.getLong(5)), (Double) nullable(r, 6, r.getDouble(6)), r.getString(7)));
		}
		catch (SQLException e) {
			throw failure("cannot read the event journal", e);
		}
		return out;
	}

	/** {@code PRAGMA integrity_check}: "ok" for a healthy database, else SQLite's findings. */
	public String integrityCheck() {
		try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
			StringBuilder b = new StringBuilder();
			while (r.next()) b.append(b.length() > 0 ? "; " : "").append(r.getString(1));
			return b.toString();
		}
		catch (SQLException e) {
			throw failure("cannot check the database", e);
		}
	}

	/** A PRAGMA's current value, e.g. "journal_mode" (for checks and diagnostics). */
	public String pragma(String name) {
		if (!name.matches("[a-z_]+")) throw new IllegalArgumentException(name);
		try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
			return r.next() ? r.getString(1) : null;
		}
		catch (SQLException e) {
			throw failure("cannot read PRAGMA " + name, e);
		}
	}

	interface SqlWork<T> {
		T run() throws SQLException;
	}

	/** Runs work in one transaction: all of it is committed, or none. */
	<T> T inTransaction(SqlWork<T> work) throws SQLException {
		db.setAutoCommit(false);
		try {
			T result = work.run();
			db.commit();
			return result;
		}
		catch (SQLException | RuntimeException e) {
			db.rollback();
			throw e;
		}
		finally {
			db.setAutoCommit(true);
		}
	}

	void requireWritable() {
		if (lock == null) throw new ProjectException(folder, "is open read-only", "open it for writing to change it");
	}

	ProjectException failure(String what, SQLException e) {
		return new ProjectException(folder.resolve(DATABASE), what + ": " + e.getMessage(),
			e.getErrorCode() == 5 ? "another process holds the database busy; try again" : "check disk space and permissions", e);
	}

	private static Object nullable(ResultSet r, int column, Object value) throws SQLException {
		r.getObject(column);
		return r.wasNull() ? null : value;
	}

	@Override
	public void close() {
		try {
			db.close();
		}
		catch (SQLException ignored) {
			// closing a connection only fails if it is already unusable
		}
		finally {
			if (lock != null) lock.close();
		}
	}
}
