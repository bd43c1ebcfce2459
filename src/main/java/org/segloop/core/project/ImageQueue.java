package org.segloop.core.project;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.segloop.core.UserAction;
import org.segloop.core.queue.Candidate;
import org.segloop.core.queue.QueueStrategy;
import org.segloop.core.queue.QueueView;
import org.segloop.core.queue.Strategies;

/**
 * The project's work queue. Images move new → predicted → in_progress (leased to one annotator
 * with a secret token until an expiry) → corrected, or skipped. {@link #next} serves by the
 * project's strategy, rotating among the best few by when they were last served, so an image that
 * annotators keep abandoning does not block the others. Leases that expire return to the queue.
 * Every serve, skip and expiry is journalled with who and when.
 */
public final class ImageQueue implements QueueView {

	/** An image reserved for an annotator; the token proves it at accept or skip. */
	public record Lease(long imageId, String token, String annotator, long servedAt, long expiresAt) {}

	/** An image that could not be predicted, with the reason (the error message: file, problem and fix). */
	public record Failure(long imageId, Path path, String reason) {}

	/**
	 * The state an image returns to when it comes back to the queue (restored after removal, or a
	 * failure retried): corrected if it has corrections, predicted if it has proposals, else new.
	 * An SQL expression over the {@code queue} row being updated.
	 */
	static final String STATUS_FROM_HISTORY = """
		CASE WHEN EXISTS (SELECT 1 FROM corrections c WHERE c.image_id = queue.image_id) THEN %s
		     WHEN EXISTS (SELECT 1 FROM predictions p WHERE p.image_id = queue.image_id) THEN %s
		     ELSE %s END""".formatted(QueueStatus.CORRECTED.sql(), QueueStatus.PREDICTED.sql(), QueueStatus.NEW.sql());

	/** One row of the queue, for listings. */
	public record Entry(long imageId, QueueStatus status, Double score, String annotator, Long lastServedAt, int servedCount) {}

	private final ProjectStore store;
	private final Clock clock;

	ImageQueue(ProjectStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Leases the next image to the annotator: their own unexpired lease if they hold one (so asking
	 * twice does not take two images), else the strategy's choice.
	 *
	 * @return empty when nothing is left to serve
	 */
	public Optional<Lease> next(String annotator) {
		store.requireWritable();
		if (annotator == null || annotator.isBlank()) throw new IllegalArgumentException("an annotator name is needed");
		ProjectSettings settings = store.settings();
		QueueStrategy strategy = strategyNow(settings);
		try {
			return store.inTransaction(() -> {
				long now = clock.millis();
				expireLeases(now);
				Optional<Lease> held = leaseOf(annotator);
				if (held.isPresent()) return held;
				Optional<Candidate> choice = choose(strategy, settings);
				if (choice.isEmpty()) return Optional.<Lease>empty();
				Candidate pick = choice.get();
				Lease lease = lease(pick.imageId(), annotator, QueueStatus.PREDICTED, now, settings);
				store.journal(annotator, JournalEvent.SERVED, pick.imageId(), null, "strategy " + strategy.name()
					+ (strategy.name().equals(settings.coldStart()) && !strategy.name().equals(settings.strategy()) ? " (cold start)" : ""));
				return Optional.of(lease);
			});
		}
		catch (SQLException e) {
			throw store.failure("cannot serve the next image", e);
		}
	}

	/** Leases an image in state {@code from} to the annotator; call inside a transaction. */
	private Lease lease(long imageId, String annotator, QueueStatus from, long now, ProjectSettings settings) throws SQLException {
		Lease lease = new Lease(imageId, UUID.randomUUID().toString(), annotator, now, now + settings.leaseMinutes() * 60_000L);
		try (PreparedStatement p = store.connection().prepareStatement("""
			UPDATE queue SET status = %s, lease_token = ?, lease_annotator = ?, lease_expires_at = ?,
			  last_served_at = ?, served_count = served_count + 1
			WHERE image_id = ? AND status = ?""".formatted(QueueStatus.IN_PROGRESS.sql())))
		{
			p.setString(1, lease.token());
			p.setString(2, annotator);
			p.setLong(3, lease.expiresAt());
			p.setLong(4, now);
			p.setLong(5, imageId);
			p.setString(6, from.stored());
			if (p.executeUpdate() != 1) throw new SQLException("image " + imageId + " is not " + from.stored());
		}
		return lease;
	}

	/**
	 * Gives a corrected image back to the annotator who corrected it, with a fresh lease; the image
	 * they hold now, if any, returns to the queue (an annotator holds one lease at a time). Call
	 * inside a transaction.
	 */
	Lease reopen(long imageId, String annotator) throws SQLException {
		Optional<Lease> held = leaseOf(annotator);
		if (held.isPresent() && held.get().imageId() != imageId) {
			endLease(held.get().imageId(), QueueStatus.PREDICTED);
			store.journal(annotator, JournalEvent.LEASE_RETURNED, held.get().imageId(), null, "to undo the accept of image " + imageId);
		}
		return lease(imageId, annotator, QueueStatus.CORRECTED, clock.millis(), store.settings());
	}

	/**
	 * The image {@link #next} would serve to someone holding no lease, without leasing it (for
	 * prefetching; another annotator may take it first). Works on a read-only project.
	 */
	public Optional<Candidate> upcoming() {
		ProjectSettings settings = store.settings();
		return choose(strategyNow(settings), settings);
	}

	/**
	 * The project's strategy, or its cold-start strategy while no correction exists yet: then the
	 * scores are the starting model's, which rank atypical images first.
	 */
	private QueueStrategy strategyNow(ProjectSettings settings) {
		if (settings.hasColdStart() && !anyCorrection()) return ProjectExtensions.coldStartStrategy(store.folder(), settings);
		return ProjectExtensions.strategy(store.folder(), settings);
	}

	/** Whether the project holds any correction (one row is enough: constant time at any size). */
	private boolean anyCorrection() {
		try (PreparedStatement p = store.connection().prepareStatement("SELECT EXISTS (SELECT 1 FROM corrections)");
			ResultSet r = p.executeQuery())
		{
			return r.next() && r.getInt(1) == 1;
		}
		catch (SQLException e) {
			throw store.failure("cannot read the project's corrections", e);
		}
	}

	/** Among the strategy's best few, the one served least recently (never served first), then by rank. */
	private Optional<Candidate> choose(QueueStrategy strategy, ProjectSettings settings) {
		List<Candidate> best = Strategies.rank(strategy, this, settings.rotation(), store.folder());
		return best.stream().min(Comparator.comparingLong((Candidate c) -> c.lastServedAt() == null ? Long.MIN_VALUE : c.lastServedAt()));
	}

	/** The top of the queue by the project's strategy, without leasing anything. */
	public List<Candidate> peek(int top) {
		return Strategies.rank(strategyNow(store.settings()), this, top, store.folder());
	}

	/**
	 * Checks a lease for accept or skip and returns it; call inside the transaction that ends it.
	 *
	 * @throws ProjectException when the image is not leased, the token is someone else's or stale,
	 *     or the lease has expired
	 */
	Lease requireLease(long imageId, String token) throws SQLException {
		try (PreparedStatement p = store.connection().prepareStatement(
			"SELECT status, lease_token, lease_annotator, lease_expires_at, last_served_at FROM queue WHERE image_id = ?"))
		{
			p.setLong(1, imageId);
			try (ResultSet r = p.executeQuery()) {
				if (!r.next()) throw new ProjectException(store.folder(), "has no image with id " + imageId, "list the project's images to see their ids",
					UserAction.LIST_IMAGES.on(store.folder()));
				QueueStatus status = QueueStatus.fromStored(r.getString(1), store.database());
				if (status != QueueStatus.IN_PROGRESS) throw notLeased(imageId, status);
				if (!r.getString(2).equals(token)) throw new ProjectException(store.folder(), "the token for image " + imageId
					+ " does not match its current lease (held by " + r.getString(3) + ")",
					"use the token your own lease of the image gave you; a token from an earlier lease is no longer valid");
				long expires = r.getLong(4);
				if (expires < clock.millis()) throw new ProjectException(store.folder(), "the lease of image " + imageId + " by "
					+ r.getString(3) + " expired at " + java.time.Instant.ofEpochMilli(expires),
					"take the next image again for a fresh lease (your mask file is not lost)", UserAction.TAKE_NEXT.on(store.folder()));
				return new Lease(imageId, token, r.getString(3), r.getLong(5), expires);
			}
		}
	}

	/**
	 * Why an image that is not leased cannot be accepted or skipped, with the fix its status calls
	 * for (a removed image is brought back by adding its file again).
	 */
	public ProjectException notLeased(long imageId, QueueStatus status) {
		Path folder = store.folder();
		return switch (status) {
			case REMOVED -> new ProjectException(folder, "image " + imageId + " was removed from the project",
				"to annotate it again, add its file again: that brings it back with its corrections",
				UserAction.ADD_IMAGES.on(folder, store.images().byId(imageId).map(ImageRegistry.ImageRecord::path).orElse(null)));
			case CORRECTED -> new ProjectException(folder, "image " + imageId + " is already corrected", "take the next image",
				UserAction.TAKE_NEXT.on(folder));
			case SKIPPED -> new ProjectException(folder, "image " + imageId + " was skipped, so it is out of the queue", "take the next image",
				UserAction.TAKE_NEXT.on(folder));
			case FAILED -> new ProjectException(folder, "image " + imageId + " failed and is set aside",
				"see why in the project's status, fix its file, then predict the failed images again", UserAction.SHOW_STATUS.on(folder));
			default -> new ProjectException(folder, "image " + imageId + " is " + status.stored() + ", not leased to anyone",
				"take the next image first", UserAction.TAKE_NEXT.on(folder));
		};
	}

	/** Ends a lease, setting the image's new status; call inside a transaction after {@link #requireLease}. */
	void endLease(long imageId, QueueStatus status) throws SQLException {
		try (PreparedStatement p = store.connection().prepareStatement(
			"UPDATE queue SET status = ?, lease_token = NULL, lease_annotator = NULL, lease_expires_at = NULL WHERE image_id = ?"))
		{
			p.setString(1, status.stored());
			p.setLong(2, imageId);
			p.executeUpdate();
		}
	}

	/** Skips a leased image: it leaves the queue (the lease's token is needed). */
	public void skip(long imageId, String token, String reason) {
		store.requireWritable();
		try {
			store.inTransaction(() -> {
				Lease lease = requireLease(imageId, token);
				endLease(imageId, QueueStatus.SKIPPED);
				store.journal(lease.annotator(), JournalEvent.SKIPPED, imageId, (clock.millis() - lease.servedAt()) / 1000.0, reason);
				return null;
			});
		}
		catch (SQLException e) {
			throw store.failure("cannot skip the image", e);
		}
	}

	/** Images per status, every status present (0 when none), in lifecycle order. */
	public Map<QueueStatus, Long> counts() {
		Map<QueueStatus, Long> counts = new EnumMap<>(QueueStatus.class);
		for (QueueStatus s : QueueStatus.values()) counts.put(s, 0L);
		try (Statement s = store.connection().createStatement();
			ResultSet r = s.executeQuery("SELECT status, count(*) FROM queue GROUP BY status"))
		{
			while (r.next()) counts.put(QueueStatus.fromStored(r.getString(1), store.database()), r.getLong(2));
		}
		catch (SQLException e) {
			throw store.failure("cannot count the queue", e);
		}
		return counts;
	}

	/**
	 * Sets an image that could not be predicted aside: it is not predicted again or served until
	 * {@link #retryFailed} or until its file is re-registered. Only images waiting for a proposal
	 * (new or predicted) can fail; others are left as they are.
	 */
	public void markFailed(long imageId, String reason) {
		store.requireWritable();
		try {
			store.inTransaction(() -> {
				try (PreparedStatement p = store.connection().prepareStatement(
					"UPDATE queue SET status = " + QueueStatus.FAILED.sql() + ", failure = ?, score = NULL WHERE image_id = ? AND status IN "
						+ QueueStatus.sqlList(QueueStatus.NEW, QueueStatus.PREDICTED)))
				{
					p.setString(1, reason);
					p.setLong(2, imageId);
					if (p.executeUpdate() == 1) store.journal("segloop", JournalEvent.PREDICTION_FAILED, imageId, null, reason);
				}
				return null;
			});
		}
		catch (SQLException e) {
			throw store.failure("cannot record the failure of image " + imageId, e);
		}
	}

	/**
	 * Sets a leased image aside as failed (e.g. its file went missing or changed after it was
	 * predicted): the lease ends and the image is not served again until {@link #retryFailed} or
	 * until its file is re-registered. Does nothing when the lease is no longer held.
	 */
	public void setAside(Lease lease, String reason) {
		store.requireWritable();
		try {
			store.inTransaction(() -> {
				try (PreparedStatement p = store.connection().prepareStatement("""
					UPDATE queue SET status = %s, failure = ?, lease_token = NULL, lease_annotator = NULL, lease_expires_at = NULL
					WHERE image_id = ? AND status = %s AND lease_token = ?""".formatted(QueueStatus.FAILED.sql(), QueueStatus.IN_PROGRESS.sql())))
				{
					p.setString(1, reason);
					p.setLong(2, lease.imageId());
					p.setString(3, lease.token());
					if (p.executeUpdate() == 1) store.journal(lease.annotator(), JournalEvent.SET_ASIDE, lease.imageId(), null, reason);
				}
				return null;
			});
		}
		catch (SQLException e) {
			throw store.failure("cannot set image " + lease.imageId() + " aside", e);
		}
	}

	/**
	 * Puts every failed image back in the queue (as it was before it failed), so the next
	 * prediction run tries it again.
	 *
	 * @return how many images were failed
	 */
	public int retryFailed() {
		store.requireWritable();
		try {
			return store.inTransaction(() -> {
				List<Long> ids = new ArrayList<>();
				try (Statement s = store.connection().createStatement();
					ResultSet r = s.executeQuery("SELECT image_id FROM queue WHERE status = " + QueueStatus.FAILED.sql())) {
					while (r.next()) ids.add(r.getLong(1));
				}
				try (Statement s = store.connection().createStatement()) {
					s.executeUpdate("UPDATE queue SET status = " + STATUS_FROM_HISTORY + ", failure = NULL WHERE status = " + QueueStatus.FAILED.sql());
				}
				for (long id : ids) store.journal("segloop", JournalEvent.RETRY, id, null, "failed image back in the queue");
				return ids.size();
			});
		}
		catch (SQLException e) {
			throw store.failure("cannot put failed images back in the queue", e);
		}
	}

	/** Failed images in file order, with their reasons. */
	public List<Failure> failures() {
		List<Failure> out = new ArrayList<>();
		try (Statement s = store.connection().createStatement(); ResultSet r = s.executeQuery("""
			SELECT q.image_id, i.path, q.failure FROM queue q JOIN images i ON i.id = q.image_id WHERE q.status = %s ORDER BY q.image_id"""
				.formatted(QueueStatus.FAILED.sql())))
		{
			while (r.next()) out.add(new Failure(r.getLong(1), Path.of(r.getString(2)), r.getString(3)));
		}
		catch (SQLException e) {
			throw store.failure("cannot read the queue", e);
		}
		return out;
	}

	/**
	 * Takes images out of the project, all or none: they are no longer predicted, served,
	 * exported or trained on, and a lease on them ends. Their rows, proposals and corrections stay
	 * in the database (the journal keeps who removed what, when, from which state); registering
	 * the same unchanged file again brings an image back.
	 *
	 * @throws ProjectException for an unknown or already removed image (nothing is changed)
	 */
	public void remove(List<Long> imageIds, String who) {
		store.requireWritable();
		try {
			store.inTransaction(() -> {
				for (long id : imageIds) {
					Entry e = entry(id).orElseThrow(() -> new ProjectException(store.folder(), "has no image with id " + id,
						"list the project's images to see their ids, or give the image's path", UserAction.LIST_IMAGES.on(store.folder())));
					if (e.status() == QueueStatus.REMOVED) throw new ProjectException(store.folder(), "image " + id + " is already removed",
						"leave it out of the list");
					try (PreparedStatement p = store.connection().prepareStatement("""
						UPDATE queue SET status = %s, failure = NULL, lease_token = NULL, lease_annotator = NULL, lease_expires_at = NULL
						WHERE image_id = ?""".formatted(QueueStatus.REMOVED.sql())))
					{
						p.setLong(1, id);
						p.executeUpdate();
					}
					store.journal(who, JournalEvent.REMOVED, id, null, "was " + e.status().stored() + (e.annotator() == null ? "" : ", leased to " + e.annotator()));
				}
				return null;
			});
		}
		catch (SQLException e) {
			throw store.failure("cannot remove images", e);
		}
	}

	public Optional<Entry> entry(long imageId) {
		return entries("WHERE image_id = ?", imageId).stream().findFirst();
	}

	/** Up to {@code limit} rows of every status, most uncertain first (unscored last), for listings. */
	public List<Entry> entries(int limit) {
		return entries("ORDER BY score IS NULL, score DESC, image_id LIMIT ?", limit);
	}

	/** Every image of every status (removed ones too), by id, for a listing of the project's images. */
	public List<Entry> all() {
		return entries("WHERE image_id >= ? ORDER BY image_id", Long.MIN_VALUE);
	}

	private List<Entry> entries(String clause, long arg) {
		List<Entry> out = new ArrayList<>();
		try (PreparedStatement p = store.connection().prepareStatement(
			"SELECT image_id, status, score, lease_annotator, last_served_at, served_count FROM queue " + clause))
		{
			p.setLong(1, arg);
			try (ResultSet r = p.executeQuery()) {
				while (r.next()) {
					double score = r.getDouble(3);
					Double s = r.wasNull() ? null : score;
					long served = r.getLong(5);
					Long lastServed = r.wasNull() ? null : served;
					out.add(new Entry(r.getLong(1), QueueStatus.fromStored(r.getString(2), store.database()), s, r.getString(4), lastServed, r.getInt(6)));
				}
			}
		}
		catch (SQLException e) {
			throw store.failure("cannot read the queue", e);
		}
		return out;
	}

	private void expireLeases(long now) throws SQLException {
		Map<Long, String> expired = new LinkedHashMap<>(); // image id → annotator whose lease ran out
		try (PreparedStatement p = store.connection().prepareStatement(
			"SELECT image_id, lease_annotator FROM queue WHERE status = " + QueueStatus.IN_PROGRESS.sql() + " AND lease_expires_at < ?"))
		{
			p.setLong(1, now);
			try (ResultSet r = p.executeQuery()) {
				while (r.next()) expired.put(r.getLong(1), r.getString(2));
			}
		}
		for (Map.Entry<Long, String> e : expired.entrySet()) {
			endLease(e.getKey(), QueueStatus.PREDICTED);
			store.journal(e.getValue(), JournalEvent.LEASE_EXPIRED, e.getKey(), null, null);
		}
	}

	private Optional<Lease> leaseOf(String annotator) throws SQLException {
		try (PreparedStatement p = store.connection().prepareStatement(
			"SELECT image_id, lease_token, last_served_at, lease_expires_at FROM queue WHERE status = " + QueueStatus.IN_PROGRESS.sql()
				+ " AND lease_annotator = ? LIMIT 1"))
		{
			p.setString(1, annotator);
			try (ResultSet r = p.executeQuery()) {
				return r.next() ? Optional.of(new Lease(r.getLong(1), r.getString(2), annotator, r.getLong(3), r.getLong(4))) : Optional.empty();
			}
		}
	}

	// QueueView: servable images are predicted ones

	private static final String CANDIDATES = """
		SELECT q.image_id, q.score, q.last_served_at, p.embedding FROM queue q
		LEFT JOIN predictions p ON p.image_id = q.image_id AND p.model_id = (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'current_model')
		WHERE q.status = %s
		""".formatted(QueueStatus.PREDICTED.sql());

	@Override
	public List<Candidate> byScore(int limit) {
		return candidates(CANDIDATES + " ORDER BY q.score DESC, q.image_id LIMIT ?", limit); // SQLite sorts NULL (unscored) last in DESC
	}

	@Override
	public List<Candidate> byRandomKey(int limit) {
		return candidates(CANDIDATES + " ORDER BY q.random_key LIMIT ?", limit);
	}

	@Override
	public List<Candidate> byFileOrder(int limit) {
		return candidates(CANDIDATES + " ORDER BY q.image_id LIMIT ?", limit);
	}

	@Override
	public List<float[]> recentlyServedEmbeddings(int limit) {
		List<float[]> out = new ArrayList<>();
		try (PreparedStatement p = store.connection().prepareStatement("""
			SELECT p.embedding FROM queue q JOIN predictions p ON p.image_id = q.image_id
			WHERE q.last_served_at IS NOT NULL AND p.embedding IS NOT NULL
			  AND p.model_id = (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'current_model')
			ORDER BY q.last_served_at DESC LIMIT ?"""))
		{
			p.setInt(1, limit);
			try (ResultSet r = p.executeQuery()) {
				while (r.next()) out.add(Predictions.toFloats(r.getBytes(1)));
			}
		}
		catch (SQLException e) {
			throw store.failure("cannot read the queue", e);
		}
		return out;
	}

	private List<Candidate> candidates(String sql, int limit) {
		List<Candidate> out = new ArrayList<>();
		try (PreparedStatement p = store.connection().prepareStatement(sql)) {
			p.setInt(1, limit);
			try (ResultSet r = p.executeQuery()) {
				while (r.next()) {
					double score = r.getDouble(2);
					if (r.wasNull()) score = Double.NaN;
					long served = r.getLong(3);
					Long lastServed = r.wasNull() ? null : served;
					byte[] emb = r.getBytes(4);
					out.add(new Candidate(r.getLong(1), score, emb == null ? null : Predictions.toFloats(emb), lastServed));
				}
			}
		}
		catch (SQLException e) {
			throw store.failure("cannot read the queue", e);
		}
		return out;
	}
}
