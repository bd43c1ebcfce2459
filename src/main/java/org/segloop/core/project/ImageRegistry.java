package org.segloop.core.project;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.segloop.core.image.ImageReader;
import org.segloop.core.image.ImageVolume;
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

	private final ProjectStore store;

	ImageRegistry(ProjectStore store) {
		this.store = store;
	}

	/**
	 * Registers images (already registered, unchanged files are skipped). Every file is read and
	 * hashed before anything is written, and all are added in one transaction: a corrupt file among
	 * them leaves the project unchanged.
	 *
	 * @return the records of the given files, in order
	 */
	public List<ImageRecord> add(List<Path> files) {
		store.requireWritable();
		List<ImageRecord> pending = new ArrayList<>();
		for (Path f : files) {
			Path path = canonical(f);
			String sha = Hashing.sha256(path);
			Optional<ImageRecord> known = find(path);
			if (known.isPresent()) {
				if (!known.get().sha256().equals(sha)) throw changed(known.get(), sha);
				pending.add(known.get());
				continue;
			}
			ImageVolume v = ImageReader.read(path);
			pending.add(new ImageRecord(0, path, sha, v.width(), v.height(), v.channels(), v.slices(), v.frames(), System.currentTimeMillis()));
		}
		long seed = store.settings().seed();
		try {
			return store.inTransaction(() -> {
				List<ImageRecord> out = new ArrayList<>();
				try (PreparedStatement p = store.connection().prepareStatement(
					"INSERT INTO images(path, sha256, width, height, channels, slices, frames, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
					PreparedStatement.RETURN_GENERATED_KEYS))
				{
					for (ImageRecord r : pending) {
						if (r.id() != 0) {
							out.add(r);
							continue;
						}
						p.setString(1, r.path().toString());
						p.setString(2, r.sha256());
						p.setInt(3, r.width());
						p.setInt(4, r.height());
						p.setInt(5, r.channels());
						p.setInt(6, r.slices());
						p.setInt(7, r.frames());
						p.setLong(8, r.addedAt());
						p.executeUpdate();
						long id;
						try (ResultSet keys = p.getGeneratedKeys()) {
							keys.next();
							id = keys.getLong(1);
						}
						enqueue(id, seed);
						out.add(new ImageRecord(id, r.path(), r.sha256(), r.width(), r.height(), r.channels(), r.slices(), r.frames(), r.addedAt()));
					}
				}
				return out;
			});
		}
		catch (SQLException e) {
			throw store.failure("cannot register images", e);
		}
	}

	/** Every new image enters the queue as 'new', with its place in the seeded random order. */
	private void enqueue(long imageId, long seed) throws SQLException {
		try (PreparedStatement p = store.connection().prepareStatement("INSERT INTO queue(image_id, status, random_key) VALUES (?, 'new', ?)")) {
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

	/** Throws {@link ProjectException} if the file is gone or its content changed since registration. */
	public void verify(ImageRecord r) {
		if (!java.nio.file.Files.isRegularFile(r.path())) throw new ProjectException(r.path(),
			"was registered in the project but is gone", "put the file back where it was, or remove it from the project");
		String sha = Hashing.sha256(r.path());
		if (!sha.equals(r.sha256())) throw changed(r, sha);
	}

	private static ProjectException changed(ImageRecord r, String sha) {
		return new ProjectException(r.path(), "changed after it was registered (sha256 was " + r.sha256().substring(0, 12)
			+ "…, is " + sha.substring(0, 12) + "…); its proposals and corrections belong to the old content",
			"restore the original file, or register the new content as a new image under another name");
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
		catch (IOException e) {
			throw new ProjectException(f, "cannot be found: " + e.getMessage(), "check the path");
		}
	}
}
