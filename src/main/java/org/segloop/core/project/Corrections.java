package org.segloop.core.project;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.segloop.core.UserAction;
import org.segloop.core.correction.SliceRoles;

/**
 * Accepted corrections with their provenance (annotator, time spent, the proposal and model they
 * corrected) and how much had to change. The mask file is put into the {@link FileStore} first;
 * {@link #record} then checks the lease, stores the row, marks the image corrected and journals
 * the accept in one transaction, so an acknowledged correction is always complete.
 */
public final class Corrections {

	/**
	 * A stored correction; {@code metrics} is the JSON of {@code CorrectionMetrics}.
	 *
	 * @param roles which slices of a volume were edited, interpolated or kept, when it was completed
	 *     from key slices; null for a mask stored as given (and for corrections made before roles were recorded)
	 */
	public record Correction(long id, long imageId, long predictionId, long modelId, String annotator, Double secondsSpent, String kind,
		String maskFile, double objectDice, double fractionChanged, double objectF1, double hd95, String metrics, long createdAt, SliceRoles roles) {}

	/** Correction effort of one model version. */
	public record VersionSummary(long modelId, String modelName, int corrections, double meanObjectDice, double meanFractionChanged,
		double meanObjectF1, double meanSecondsSpent) {}

	private final ProjectStore store;
	private final ImageQueue queue;

	Corrections(ProjectStore store, ImageQueue queue) {
		this.store = store;
		this.queue = queue;
	}

	/**
	 * Stores a correction for a leased image.
	 *
	 * @param secondsSpent time the annotator spent, or null to take the time since the image was served
	 * @param roles the slices' roles of a volume completed from key slices, or null for a mask stored as given
	 * @throws ProjectException for a missing, foreign, stale or expired lease (the project is unchanged)
	 */
	public Correction record(long imageId, String token, long predictionId, long modelId, String kind, String maskFile, Double secondsSpent,
		double objectDice, double fractionChanged, double objectF1, double hd95, String metricsJson, SliceRoles roles)
	{
		store.requireWritable();
		try {
			return store.inTransaction(() -> {
				ImageQueue.Lease lease = queue.requireLease(imageId, token);
				long now = System.currentTimeMillis();
				Double seconds = secondsSpent != null ? secondsSpent : Math.max(0, (now - lease.servedAt()) / 1000.0);
				long id;
				try (PreparedStatement p = store.connection().prepareStatement("""
					INSERT INTO corrections(image_id, prediction_id, model_id, annotator, seconds_spent, kind, mask_file, dice, fraction_changed,
					  object_f1, hd95, metrics, created_at, slice_roles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS))
				{
					p.setLong(1, imageId);
					p.setLong(2, predictionId);
					p.setLong(3, modelId);
					p.setString(4, lease.annotator());
					p.setObject(5, seconds);
					p.setString(6, kind);
					p.setString(7, maskFile);
					p.setObject(8, Sql.finiteOrNull(objectDice));
					p.setDouble(9, fractionChanged);
					p.setObject(10, Sql.finiteOrNull(objectF1));
					p.setObject(11, Sql.finiteOrNull(hd95));
					p.setString(12, metricsJson);
					p.setLong(13, now);
					p.setString(14, roles == null ? null : roles.toJson());
					p.executeUpdate();
					try (ResultSet k = p.getGeneratedKeys()) {
						k.next();
						id = k.getLong(1);
					}
				}
				queue.endLease(imageId, QueueStatus.CORRECTED);
				store.journal(lease.annotator(), JournalEvent.ACCEPTED, imageId, seconds, "correction " + id + ", changed " + fractionChanged
					+ (roles == null ? "" : ", slices edited " + roles.edited().length + ", interpolated " + roles.interpolated().length + ", kept " + roles.kept().length));
				return new Correction(id, imageId, predictionId, modelId, lease.annotator(), seconds, kind, maskFile, objectDice, fractionChanged,
					objectF1, hd95, metricsJson, now, roles);
			});
		}
		catch (SQLException e) {
			throw store.failure("cannot store the correction", e);
		}
	}

	/**
	 * Undoes the annotator's latest accept: the correction is removed and the image is leased back
	 * to them (the image they hold now, if any, returns to the queue). Only the latest can be undone:
	 * once they accept another image, that one is the latest.
	 *
	 * @return the removed correction and the new lease
	 * @throws ProjectException when the annotator has nothing to undo
	 */
	public Undone undoLast(String annotator) {
		store.requireWritable();
		try {
			return store.inTransaction(() -> {
				Correction last = lastBy(annotator);
				if (queue.entry(last.imageId()).map(e -> e.status() == QueueStatus.REMOVED).orElse(false)) throw new ProjectException(store.folder(),
					"image " + last.imageId() + ", the last one " + annotator + " accepted, was removed from the project, so its accept cannot be undone",
					"register the image again to bring it back, then undo", UserAction.ADD_IMAGES.on(store.folder()));
				ImageQueue.Lease lease = queue.reopen(last.imageId(), annotator);
				try (PreparedStatement p = store.connection().prepareStatement("DELETE FROM corrections WHERE id = ?")) {
					p.setLong(1, last.id());
					p.executeUpdate();
				}
				store.journal(annotator, JournalEvent.ACCEPT_UNDONE, last.imageId(), null, "correction " + last.id());
				return new Undone(last, lease);
			});
		}
		catch (SQLException e) {
			throw store.failure("cannot undo the accept", e);
		}
	}

	/**
	 * The annotator's latest correction (the one {@link #undoLast} would undo).
	 *
	 * @throws ProjectException when they have none
	 */
	public Correction lastBy(String annotator) {
		return all("WHERE annotator = ? ORDER BY id DESC LIMIT 1", annotator).stream().findFirst()
			.orElseThrow(() -> new ProjectException(store.folder(), annotator + " has no accepted correction to undo", "accept an image first"));
	}

	/** An undone accept: the correction as it was (its mask file is no longer referenced) and the lease to correct it again. */
	public record Undone(Correction correction, ImageQueue.Lease lease) {}

	/**
	 * The corrections of the images in the project, oldest first: what is exported and trained on.
	 * Corrections of removed images are left out (see {@link #history}).
	 */
	public List<Correction> all() {
		return all("WHERE image_id NOT IN (SELECT image_id FROM queue WHERE status = " + QueueStatus.REMOVED.sql() + ") ORDER BY id", null);
	}

	/** Every correction ever accepted and not undone, removed images' included, oldest first. */
	public List<Correction> history() {
		return all("ORDER BY id", null);
	}

	private List<Correction> all(String clause, String arg) {
		List<Correction> out = new ArrayList<>();
		try (PreparedStatement s = store.connection().prepareStatement("SELECT * FROM corrections " + clause)) {
			if (arg != null) s.setString(1, arg);
			ResultSet r = s.executeQuery();
			while (r.next())
				out.add(new Correction(r.getLong("id"), r.getLong("image_id"), r.getLong("prediction_id"), r.getLong("model_id"),
					r.getString("annotator"), (Double) r.getObject("seconds_spent"), r.getString("kind"), r.getString("mask_file"),
					Sql.doubleOrNaN(r, "dice"), r.getDouble("fraction_changed"), Sql.doubleOrNaN(r, "object_f1"), Sql.doubleOrNaN(r, "hd95"), r.getString("metrics"),
					r.getLong("created_at"), roles(r.getString("slice_roles"))));
		}
		catch (SQLException e) {
			throw store.failure("cannot read corrections", e);
		}
		return out;
	}

	/** Stored roles; an unreadable text (edited by hand) reads as none rather than making every correction unreadable. */
	private static SliceRoles roles(String json) {
		if (json == null) return null;
		try {
			return SliceRoles.fromJson(json);
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	/** How many corrections were accepted after the given time (epoch milliseconds). */
	public int countSince(long millis) {
		try (PreparedStatement p = store.connection().prepareStatement("SELECT count(*) FROM corrections WHERE created_at > ?")) {
			p.setLong(1, millis);
			try (ResultSet r = p.executeQuery()) {
				return r.next() ? r.getInt(1) : 0;
			}
		}
		catch (SQLException e) {
			throw store.failure("cannot count corrections", e);
		}
	}

	/** How much correcting each model version's proposals needed. */
	public List<VersionSummary> summary() {
		List<VersionSummary> out = new ArrayList<>();
		try (Statement s = store.connection().createStatement(); ResultSet r = s.executeQuery("""
			SELECT m.id, m.name, count(c.id), avg(c.dice), avg(c.fraction_changed), avg(c.object_f1), avg(c.seconds_spent)
			FROM models m LEFT JOIN corrections c ON c.model_id = m.id GROUP BY m.id ORDER BY m.id"""))
		{
			while (r.next())
				out.add(new VersionSummary(r.getLong(1), r.getString(2), r.getInt(3), Sql.doubleOrNaN(r, 4), Sql.doubleOrNaN(r, 5), Sql.doubleOrNaN(r, 6), Sql.doubleOrNaN(r, 7)));
		}
		catch (SQLException e) {
			throw store.failure("cannot summarise corrections", e);
		}
		return out;
	}

	void collectFileNames(Set<String> names) throws SQLException {
		try (Statement s = store.connection().createStatement(); ResultSet r = s.executeQuery("SELECT mask_file FROM corrections")) {
			while (r.next()) names.add(r.getString(1));
		}
	}
}
