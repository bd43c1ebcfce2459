package org.segloop.core.project;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.segloop.core.SegLoopException;
import org.segloop.core.UserAction;
import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.ImageFit;
import org.segloop.core.model.ModelDescription;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.util.Hashing;

/**
 * The images a project refers to, in place (never copied), each with its content hash and size so
 * that a file changed after registration is noticed before its stale proposal or correction is
 * used. Obtained from {@link ProjectStore#images()}; same threading rules as the store.
 */
public final class ImageRegistry {

	/** A registered image. */
	public record ImageRecord(long id, Path path, String sha256, int width, int height, int channels, int slices, int frames,
		long addedAt) {}

	/**
	 * What a registration did.
	 *
	 * @param images the records of the accepted files, in the order given (already registered ones included)
	 * @param leftOut with {@code skipBad}: the files that were not registered, each with its problem and fix
	 * @param restored how many of them were removed images that returned to the queue
	 */
	public record Registration(List<ImageRecord> images, List<SegLoopException> leftOut, int restored) {}

	/** A file that passed every check, waiting for the transaction that registers it. */
	private record Accepted(ImageRecord record, boolean restore) {}

	private final ProjectStore store;

	ImageRegistry(ProjectStore store) {
		this.store = store;
	}

	/**
	 * Registers images, all or none (already registered, unchanged files are skipped).
	 *
	 * @return the records of the given files, in order
	 * @throws SegLoopException the file's own error when one file is bad, {@link ImagesRefusedException} when several are
	 */
	public List<ImageRecord> add(List<Path> files) {
		return register(files, false).images();
	}

	/**
	 * Registers images. Every file is checked before anything is written: it can be read, the
	 * project's model can take it (channels, 2D or 3D), and its content is not already in the
	 * project or elsewhere in the batch (the same image twice could land in training and test at
	 * once). All problems are collected; then the good files are added in one transaction, but only
	 * when there were no problems or {@code skipBad} is set. A removed image given again by its
	 * path, unchanged, returns to the queue.
	 *
	 * @throws SegLoopException the file's own error when one file is bad, {@link ImagesRefusedException} when
	 *     several are; with {@code skipBad} only when no file at all is good
	 */
	public Registration register(List<Path> files, boolean skipBad) {
		store.requireWritable();
		ModelDescription model = projectModel();
		List<Accepted> accepted = new ArrayList<>();
		List<SegLoopException> bad = new ArrayList<>();
		Map<String, Path> batch = new HashMap<>(); // sha256 → file, of the files accepted so far
		Set<Path> seen = new HashSet<>();
		for (Path f : files) {
			try {
				Path path = canonical(f);
				if (!seen.add(path)) continue; // the same file named twice (e.g. by itself and by its folder) is one file
				String sha = sha256(path);
				Optional<ImageRecord> known = find(path);
				if (known.isPresent()) {
					if (!known.get().sha256().equals(sha)) throw changed(known.get(), sha);
					boolean removed = isRemoved(known.get().id());
					if (removed) requireUnique(path, sha, known.get().id(), batch);
					accepted.add(new Accepted(known.get(), removed));
				}
				else {
					requireUnique(path, sha, 0, batch);
					ImageVolume v = ImageSources.read(path);
					if (model != null) ImageFit.check(model, shown(path), v.channels(), v.slices());
					accepted.add(new Accepted(new ImageRecord(0, path, sha, v.width(), v.height(), v.channels(), v.slices(), v.frames(),
						System.currentTimeMillis()), false));
				}
				batch.put(sha, path);
			}
			catch (SegLoopException e) {
				bad.add(e);
			}
		}
		if (!bad.isEmpty() && (!skipBad || accepted.isEmpty())) throw refused(bad, accepted.size() + bad.size());
		long seed = store.settings().seed();
		try {
			List<ImageRecord> out = store.inTransaction(() -> {
				List<ImageRecord> records = new ArrayList<>();
				for (Accepted a : accepted) {
					ImageRecord r = a.record();
					if (a.restore()) restore(r.id());
					if (r.id() != 0) {
						records.add(r);
						continue;
					}
					long id = insert(r);
					enqueue(id, seed);
					records.add(new ImageRecord(id, r.path(), r.sha256(), r.width(), r.height(), r.channels(), r.slices(), r.frames(), r.addedAt()));
				}
				return records;
			});
			return new Registration(out, List.copyOf(bad), (int) accepted.stream().filter(Accepted::restore).count());
		}
		catch (SQLException e) {
			throw store.failure("cannot register images", e);
		}
	}

	/**
	 * Re-registers registered files whose content was replaced on purpose: records the new content
	 * hash and size, drops the proposals of the old content and puts the image back in the queue as
	 * new (a failed or removed image too), journalled with both hashes. The new content is checked
	 * like a new image. An image with corrections is refused (they belong to the old content), and
	 * so is one leased to an annotator. A file whose content did not change is left as it is. All or
	 * none; every problem is reported.
	 *
	 * @return the records of the files whose content changed, with their new content, in the order given
	 */
	public List<ImageRecord> replace(List<Path> files) {
		store.requireWritable();
		ModelDescription model = projectModel();
		List<ImageRecord> accepted = new ArrayList<>();
		List<ImageRecord> old = new ArrayList<>();
		List<SegLoopException> bad = new ArrayList<>();
		Map<String, Path> batch = new HashMap<>();
		Set<Path> seen = new HashSet<>();
		int distinct = 0; // files named, each counted once
		for (Path f : files) {
			Path path;
			try {
				path = canonical(f);
			}
			catch (SegLoopException e) {
				bad.add(e);
				distinct++;
				continue;
			}
			if (!seen.add(path)) continue;
			distinct++;
			try {
				ImageRecord known = find(path).orElseThrow(() -> new ProjectException(path, "is not registered in the project, so it cannot be replaced",
					"register it as a new image instead", UserAction.ADD_IMAGES.on(store.folder(), path)));
				String sha = sha256(path);
				if (sha.equals(known.sha256())) continue; // unchanged: nothing to re-register ('predict --retry-failed' retries a failure)
				requireReplaceable(known);
				requireUnique(path, sha, known.id(), batch);
				ImageVolume v = ImageSources.read(path);
				if (model != null) ImageFit.check(model, shown(path), v.channels(), v.slices());
				batch.put(sha, path);
				old.add(known);
				accepted.add(new ImageRecord(known.id(), path, sha, v.width(), v.height(), v.channels(), v.slices(), v.frames(), known.addedAt()));
			}
			catch (SegLoopException e) {
				bad.add(e);
			}
		}
		if (!bad.isEmpty()) throw refused(bad, distinct);
		try {
			return store.inTransaction(() -> {
				for (int i = 0; i < accepted.size(); i++) reregister(old.get(i), accepted.get(i));
				return accepted;
			});
		}
		catch (SQLException e) {
			throw store.failure("cannot re-register images", e);
		}
	}

	private void requireReplaceable(ImageRecord r) throws SegLoopException {
		long corrections = count("SELECT count(*) FROM corrections WHERE image_id = ?", r.id());
		if (corrections > 0) throw new ProjectException(r.path(), "has " + corrections + " correction(s) of its old content (image " + r.id()
			+ "), which would no longer match it", "restore the old file; to annotate the new content, remove image " + r.id()
				+ " from the project and add the new file under another name", UserAction.REMOVE_IMAGE.on(store.folder(), r.id()),
			UserAction.ADD_IMAGES.on(store.folder()));
		if (status(r.id()) == QueueStatus.IN_PROGRESS) throw new ProjectException(r.path(), "is leased to an annotator right now (image " + r.id() + ")",
			"replace it after the annotator accepted or skipped it, or after the lease expired");
	}

	/** Records new content for an image; call inside a transaction. */
	private void reregister(ImageRecord before, ImageRecord after) throws SQLException {
		try (PreparedStatement p = store.connection().prepareStatement(
			"UPDATE images SET sha256 = ?, width = ?, height = ?, channels = ?, slices = ?, frames = ? WHERE id = ?"))
		{
			p.setString(1, after.sha256());
			p.setInt(2, after.width());
			p.setInt(3, after.height());
			p.setInt(4, after.channels());
			p.setInt(5, after.slices());
			p.setInt(6, after.frames());
			p.setLong(7, after.id());
			p.executeUpdate();
		}
		try (PreparedStatement p = store.connection().prepareStatement("DELETE FROM predictions WHERE image_id = ?")) {
			p.setLong(1, after.id()); // their files become unreferenced and are swept by the next 'predict'
			p.executeUpdate();
		}
		try (PreparedStatement p = store.connection().prepareStatement("""
			UPDATE queue SET status = %s, score = NULL, failure = NULL, lease_token = NULL, lease_annotator = NULL, lease_expires_at = NULL
			WHERE image_id = ?""".formatted(QueueStatus.NEW.sql())))
		{
			p.setLong(1, after.id());
			p.executeUpdate();
		}
		store.journal("segloop", JournalEvent.RE_REGISTERED, after.id(), null, "sha256 " + before.sha256() + " -> " + after.sha256());
	}

	/** A removed image returns to the queue in the state its proposals and corrections give it; call inside a transaction. */
	private void restore(long imageId) throws SQLException {
		try (PreparedStatement p = store.connection().prepareStatement("UPDATE queue SET status = " + ImageQueue.STATUS_FROM_HISTORY
			+ ", failure = NULL WHERE image_id = ? AND status = " + QueueStatus.REMOVED.sql()))
		{
			p.setLong(1, imageId);
			p.executeUpdate();
		}
		store.journal("segloop", JournalEvent.RESTORED, imageId, null, "registered again after it was removed");
	}

	private long insert(ImageRecord r) throws SQLException {
		try (PreparedStatement p = store.connection().prepareStatement(
			"INSERT INTO images(path, sha256, width, height, channels, slices, frames, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			PreparedStatement.RETURN_GENERATED_KEYS))
		{
			p.setString(1, r.path().toString());
			p.setString(2, r.sha256());
			p.setInt(3, r.width());
			p.setInt(4, r.height());
			p.setInt(5, r.channels());
			p.setInt(6, r.slices());
			p.setInt(7, r.frames());
			p.setLong(8, r.addedAt());
			p.executeUpdate();
			try (ResultSet keys = p.getGeneratedKeys()) {
				keys.next();
				return keys.getLong(1);
			}
		}
	}

	/**
	 * Refuses content that is already in the project (under another image than {@code self}; removed
	 * images do not count) or earlier in the batch.
	 */
	private void requireUnique(Path path, String sha, long self, Map<String, Path> batch) {
		Path twin = batch.get(sha);
		if (twin != null) throw new ProjectException(path, "has the same content as " + twin + ", also given (sha256 " + sha.substring(0, 12) + "…)",
			"give each image once: the same image twice could land in training and test at once");
		try (PreparedStatement p = store.connection().prepareStatement("""
			SELECT i.id, i.path FROM images i JOIN queue q ON q.image_id = i.id
			WHERE i.sha256 = ? AND i.id != ? AND q.status != %s LIMIT 1""".formatted(QueueStatus.REMOVED.sql())))
		{
			p.setString(1, sha);
			p.setLong(2, self);
			try (ResultSet r = p.executeQuery()) {
				if (r.next()) throw new ProjectException(path, "has the same content as image " + r.getLong(1) + " (" + r.getString(2)
					+ "), already in the project", "leave it out: the same image registered twice could land in training and test at once");
			}
		}
		catch (SQLException e) {
			throw store.failure("cannot look up images by content", e);
		}
	}

	private SegLoopException refused(List<SegLoopException> bad, int files) {
		return bad.size() == 1 ? bad.get(0) : new ImagesRefusedException(store.folder(), bad, files);
	}

	/** The description of the project's model, to check images against; null while the project has none. */
	private ModelDescription projectModel() {
		if (store.meta("current_model") == null) return null;
		ModelVersions models = store.models();
		Path source = models.root(models.current()).source();
		try {
			return ModelPackage.open(source).description();
		}
		catch (org.segloop.core.model.ModelPackageException e) {
			throw new ProjectException(store.folder(), "cannot check images against the project's model: " + e.getMessage(),
				"put the model package back at " + source + " (images are checked against it before they are registered)", e);
		}
	}

	private static String sha256(Path file) {
		try {
			return Hashing.sha256(file);
		}
		catch (java.io.UncheckedIOException e) {
			throw new ImageInputException(file, "cannot be read: " + e.getCause().getMessage(), "check that the file is readable", e);
		}
	}

	private boolean isRemoved(long imageId) {
		return status(imageId) == QueueStatus.REMOVED;
	}

	private QueueStatus status(long imageId) {
		try (PreparedStatement p = store.connection().prepareStatement("SELECT status FROM queue WHERE image_id = ?")) {
			p.setLong(1, imageId);
			try (ResultSet r = p.executeQuery()) {
				return r.next() ? QueueStatus.fromStored(r.getString(1), store.database()) : null;
			}
		}
		catch (SQLException e) {
			throw store.failure("cannot read the queue", e);
		}
	}

	private long count(String sql, long imageId) {
		try (PreparedStatement p = store.connection().prepareStatement(sql)) {
			p.setLong(1, imageId);
			try (ResultSet r = p.executeQuery()) {
				return r.next() ? r.getLong(1) : 0;
			}
		}
		catch (SQLException e) {
			throw store.failure("cannot read the project", e);
		}
	}

	/** Every new image enters the queue as new, with its place in the seeded random order. */
	private void enqueue(long imageId, long seed) throws SQLException {
		try (PreparedStatement p = store.connection().prepareStatement(
			"INSERT INTO queue(image_id, status, random_key) VALUES (?, " + QueueStatus.NEW.sql() + ", ?)")) {
			p.setLong(1, imageId);
			p.setLong(2, randomKey(seed, imageId));
			p.executeUpdate();
		}
	}

	/** SplitMix64 of seed and id: a fixed pseudo-random order that does not depend on insertion order. */
	static long randomKey(long seed, long id) {
		long z = seed + id * 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	public Optional<ImageRecord> byId(long id) {
		return query("SELECT * FROM images WHERE id = ?", id).stream().findFirst();
	}

	public List<ImageRecord> all() {
		return query("SELECT * FROM images ORDER BY id", null);
	}

	public Optional<ImageRecord> find(Path file) {
		return query("SELECT * FROM images WHERE path = ?", canonical(file).toString()).stream().findFirst();
	}

	/**
	 * The registered image at this path; unlike {@link #find} it also finds an image whose file is
	 * gone (by the absolute path as given).
	 */
	public Optional<ImageRecord> lookup(Path file) {
		Path path;
		try {
			path = file.toRealPath();
		}
		catch (IOException e) {
			path = file.toAbsolutePath().normalize();
		}
		return query("SELECT * FROM images WHERE path = ?", path.toString()).stream().findFirst();
	}

	/** Throws {@link ProjectException} if the file is gone or its content changed since registration. */
	public void verify(ImageRecord r) {
		verify(r, true);
	}

	/**
	 * Throws {@link ProjectException} if the file is gone or, when {@code hash} is set, its content
	 * changed since registration.
	 */
	public void verify(ImageRecord r, boolean hash) {
		if (!java.nio.file.Files.isRegularFile(r.path())) throw new ProjectException(r.path(),
			"was registered in the project (image " + r.id() + ") but is gone",
			"put the file back where it was, or remove image " + r.id() + " from the project", UserAction.REMOVE_IMAGE.on(store.folder(), r.id()));
		if (!hash) return;
		String sha = sha256(r.path());
		if (!sha.equals(r.sha256())) throw changed(r, sha);
	}

	/** What a message names for a registered path: a DICOM series by the folder of its slices, not SegLoop's manifest. */
	private static Path shown(Path path) {
		return DicomSeries.isManifest(path) ? DicomSeries.load(path).slices().get(0).path().getParent() : path;
	}

	private ProjectException changed(ImageRecord r, String sha) {
		return new ProjectException(r.path(), "changed after it was registered (image " + r.id() + "; sha256 was " + r.sha256().substring(0, 12)
			+ "…, is " + sha.substring(0, 12) + "…); its proposals and corrections belong to the old content",
			"restore the original file, or, if the new content is meant, re-register the changed file",
			UserAction.REPLACE_IMAGE.on(store.folder(), r.path()));
	}

	private List<ImageRecord> query(String sql, Object arg) {
		List<ImageRecord> out = new ArrayList<>();
		try (PreparedStatement p = store.connection().prepareStatement(sql)) {
			if (arg != null) p.setObject(1, arg);
			try (ResultSet r = p.executeQuery()) {
				while (r.next())
					out.add(new ImageRecord(r.getLong("id"), Path.of(r.getString("path")), r.getString("sha256"), r.getInt("width"),
						r.getInt("height"), r.getInt("channels"), r.getInt("slices"), r.getInt("frames"), r.getLong("added_at")));
			}
		}
		catch (SQLException e) {
			throw store.failure("cannot read the image list", e);
		}
		return out;
	}

	private static Path canonical(Path f) {
		try {
			return f.toRealPath();
		}
		catch (java.nio.file.NoSuchFileException e) {
			throw new ProjectException(f, "does not exist", "check the path");
		}
		catch (IOException e) {
			throw new ProjectException(f, "cannot be opened: " + e.getMessage(), "check the path and its permissions");
		}
	}
}
