package org.segloop.core.project;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.segloop.core.uncertainty.ImageScores;

/**
 * Proposals and their uncertainty, one per image and model version. Files are written to the
 * {@link FileStore} first; {@link #store} then commits the row, the image's queue score and a
 * journal entry in one transaction. Same threading rules as the store.
 */
public final class Predictions {

	/**
	 * A stored proposal.
	 *
	 * @param classesFile, instancesFile, uncertaintyFile names in the file store (instances may be null)
	 * @param objectUncertainty JSON array of {label, pixels, uncertainty}, or null
	 * @param embedding small image descriptor for diversity-aware strategies
	 */
	public record Prediction(long id, long imageId, long modelId, String imageSha256, String classesFile, String instancesFile,
		String uncertaintyFile, int instanceCount, String scorer, ImageScores scores, String objectUncertainty, float[] embedding,
		double seconds, long createdAt) {}

	private final ProjectStore store;

	Predictions(ProjectStore store) {
		this.store = store;
	}

	/** Images still waiting in the queue (new or predicted) without a proposal from this model, in file order. */
	public List<Long> pending(long modelId) {
		List<Long> ids = new ArrayList<>();
		try (PreparedStatement p = store.connection().prepareStatement("""
			SELECT q.image_id FROM queue q
			WHERE q.status IN %s
			  AND NOT EXISTS (SELECT 1 FROM predictions p WHERE p.image_id = q.image_id AND p.model_id = ?)
			ORDER BY q.image_id""".formatted(QueueStatus.sqlList(QueueStatus.NEW, QueueStatus.PREDICTED))))
		{
			p.setLong(1, modelId);
			try (ResultSet r = p.executeQuery()) {
				while (r.next()) ids.add(r.getLong(1));
			}
		}
		catch (SQLException e) {
			throw store.failure("cannot list images to predict", e);
		}
		return ids;
	}

	/**
	 * Commits a proposal whose files are already in the file store, sets the image's queue score
	 * under the project's reduction and marks it predicted (unless it is already leased,
	 * corrected or skipped). Replaces an earlier proposal of the same model.
	 */
	public Prediction store(Prediction p, ImageScores.Reduction reduction) {
		store.requireWritable();
		try {
			return store.inTransaction(() -> {
				long id;
				try (PreparedStatement s = store.connection().prepareStatement("""
					INSERT OR REPLACE INTO predictions(image_id, model_id, image_sha256, classes_file, instances_file, uncertainty_file,
					  instance_count, scorer, score_mean, score_objects, score_top, object_uncertainty, embedding, seconds, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS))
				{
					s.setLong(1, p.imageId());
					s.setLong(2, p.modelId());
					s.setString(3, p.imageSha256());
					s.setString(4, p.classesFile());
					s.setString(5, p.instancesFile());
					s.setString(6, p.uncertaintyFile());
					s.setInt(7, p.instanceCount());
					s.setString(8, p.scorer());
					s.setObject(9, Sql.finiteOrNull(p.scores().mean()));
					s.setObject(10, Sql.finiteOrNull(p.scores().meanOverObjects()));
					s.setObject(11, Sql.finiteOrNull(p.scores().topFractionMean()));
					s.setString(12, p.objectUncertainty());
					s.setBytes(13, p.embedding() == null ? null : toBytes(p.embedding()));
					s.setDouble(14, p.seconds());
					s.setLong(15, p.createdAt());
					s.executeUpdate();
					try (ResultSet k = s.getGeneratedKeys()) {
						k.next();
						id = k.getLong(1);
					}
				}
				try (PreparedStatement s = store.connection().prepareStatement("""
					UPDATE queue SET score = ?, status = CASE WHEN status = %s THEN %s ELSE status END
					WHERE image_id = ?""".formatted(QueueStatus.NEW.sql(), QueueStatus.PREDICTED.sql())))
				{
					s.setObject(1, Sql.finiteOrNull(p.scores().value(reduction)));
					s.setLong(2, p.imageId());
					s.executeUpdate();
				}
				store.journal("segloop", JournalEvent.PREDICTED, p.imageId(), p.seconds(), "model " + p.modelId() + ", " + p.scorer());
				return new Prediction(id, p.imageId(), p.modelId(), p.imageSha256(), p.classesFile(), p.instancesFile(), p.uncertaintyFile(),
					p.instanceCount(), p.scorer(), p.scores(), p.objectUncertainty(), p.embedding(), p.seconds(), p.createdAt());
			});
		}
		catch (SQLException e) {
			throw store.failure("cannot store the prediction", e);
		}
	}

	/** The image's proposal from the given model, if any. */
	public Optional<Prediction> find(long imageId, long modelId) {
		return query("SELECT * FROM predictions WHERE image_id = ? AND model_id = ?", imageId, modelId).stream().findFirst();
	}

	/** The image's newest proposal (of any model). */
	public Optional<Prediction> latest(long imageId) {
		return query("SELECT * FROM predictions WHERE image_id = ? ORDER BY created_at DESC, id DESC LIMIT 1", imageId).stream().findFirst();
	}

	public Optional<Prediction> byId(long id) {
		return query("SELECT * FROM predictions WHERE id = ?", id).stream().findFirst();
	}

	/**
	 * Re-ranks the whole queue in one transaction: every image's score becomes its proposal's score
	 * from the given model under the given reduction (NULL where that model has no proposal).
	 *
	 * @return rows updated
	 */
	public int rerank(long modelId, ImageScores.Reduction reduction) {
		store.requireWritable();
		String column = switch (reduction) {
			case MEAN -> "score_mean";
			case OBJECTS -> "coalesce(score_objects, score_mean)";
			case TOP -> "score_top";
		};
		try {
			return store.inTransaction(() -> {
				// every row changes: rebuilding the score index once (a sort) beats a million index updates
				try (Statement drop = store.connection().createStatement()) {
					drop.execute("DROP INDEX " + Schema.QUEUE_BY_SCORE_INDEX);
				}
				int rows;
				try (PreparedStatement s = store.connection().prepareStatement(
					"UPDATE queue SET score = (SELECT " + column + " FROM predictions p WHERE p.image_id = queue.image_id AND p.model_id = ?)"))
				{
					s.setLong(1, modelId);
					rows = s.executeUpdate();
				}
				try (Statement create = store.connection().createStatement()) {
					create.execute(Schema.QUEUE_BY_SCORE);
				}
				return rows;
			});
		}
		catch (SQLException e) {
			throw store.failure("cannot re-rank the queue", e);
		}
	}

	/** Every file name a prediction row refers to (for the file store's sweep). */
	void collectFileNames(java.util.Set<String> names) throws SQLException {
		try (Statement s = store.connection().createStatement();
			ResultSet r = s.executeQuery("SELECT classes_file, instances_file, uncertainty_file FROM predictions"))
		{
			while (r.next())
				for (int c = 1; c <= 3; c++) if (r.getString(c) != null) names.add(r.getString(c));
		}
	}

	private List<Prediction> query(String sql, long... args) {
		List<Prediction> out = new ArrayList<>();
		try (PreparedStatement p = store.connection().prepareStatement(sql)) {
			for (int i = 0; i < args.length; i++) p.setLong(i + 1, args[i]);
			try (ResultSet r = p.executeQuery()) {
				while (r.next()) {
					ImageScores scores = new ImageScores(Sql.doubleOrNaN(r, "score_mean"), Sql.doubleOrNaN(r, "score_objects"), Sql.doubleOrNaN(r, "score_top"), 0, 0);
					byte[] emb = r.getBytes("embedding");
					out.add(new Prediction(r.getLong("id"), r.getLong("image_id"), r.getLong("model_id"), r.getString("image_sha256"),
						r.getString("classes_file"), r.getString("instances_file"), r.getString("uncertainty_file"), r.getInt("instance_count"),
						r.getString("scorer"), scores, r.getString("object_uncertainty"), emb == null ? null : toFloats(emb),
						r.getDouble("seconds"), r.getLong("created_at")));
				}
			}
		}
		catch (SQLException e) {
			throw store.failure("cannot read predictions", e);
		}
		return out;
	}

	/** An image embedding as the store keeps it (little-endian float32); also for tools that write rows directly (benchmarks). */
	public static byte[] toBytes(float[] v) {
		ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		b.asFloatBuffer().put(v);
		return b.array();
	}

	static float[] toFloats(byte[] bytes) {
		float[] v = new float[bytes.length / 4];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
		return v;
	}
}
