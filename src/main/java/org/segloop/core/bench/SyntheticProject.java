package org.segloop.core.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;

import org.segloop.core.SegLoopException;
import org.segloop.core.UserSetting;
import org.segloop.core.project.Predictions;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.QueueStatus;

/**
 * A new project holding many synthetic images, each with a proposal from two model versions, for
 * queue benchmarks at 100k–1M images without 1M image files. Rows only: the files they name do
 * not exist, so such a project is for measuring, never for annotating.
 *
 * <p>The rows are written with plain JDBC into a project {@link ProjectStore#create} made and
 * closed, so the store's own API stays free of a bulk-insert door that only benchmarks need.
 */
public final class SyntheticProject {

	/** What was made: the two model versions (scores of the second differ from the first). */
	public record Made(long firstModel, long secondModel) {}

	private static final int EMBEDDING_LENGTH = 66;

	private SyntheticProject() {}

	/**
	 * Creates the project in {@code folder} (which must not hold one) with {@code images} images, a
	 * proposal per image from each of two versions, and the queue, in one transaction. The caller
	 * opens it afterwards with {@link ProjectStore#open}.
	 */
	public static Made create(Path folder, int images, long seed) {
		ProjectStore.create(folder).close();
		SplittableRandom random = new SplittableRandom(seed);
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("project.sqlite"))) {
			c.setAutoCommit(false);
			long first = model(c, "synthetic v1"), second = model(c, "synthetic v2");
			try (PreparedStatement meta = c.prepareStatement("INSERT OR REPLACE INTO meta(key, value) VALUES ('current_model', ?)")) {
				meta.setString(1, Long.toString(first));
				meta.executeUpdate();
			}
			fill(c, images, first, second, random);
			c.commit();
			return new Made(first, second);
		}
		catch (SQLException e) {
			throw new SegLoopException(folder, "cannot fill the benchmark project: " + e.getMessage(),
				"free disk space, or give smaller queue sizes", e, UserSetting.QUEUE_SIZES);
		}
	}

	private static void fill(Connection c, int images, long first, long second, SplittableRandom random) throws SQLException {
		try (PreparedStatement image = c.prepareStatement(
			"INSERT INTO images(id, path, sha256, width, height, channels, slices, frames, added_at) VALUES (?, ?, ?, 512, 512, 1, 1, 1, 0)");
			PreparedStatement queue = c.prepareStatement(
				"INSERT INTO queue(image_id, status, score, random_key) VALUES (?, " + QueueStatus.PREDICTED.sql() + ", ?, ?)");
			PreparedStatement prediction = c.prepareStatement("""
				INSERT INTO predictions(image_id, model_id, image_sha256, classes_file, uncertainty_file, instance_count, scorer,
				  score_mean, score_objects, score_top, embedding, seconds, created_at)
				VALUES (?, ?, 'synthetic', 'none.tif', 'none.tif', 0, 'entropy', ?, ?, ?, ?, 0, 0)"""))
		{
			for (int id = 1; id <= images; id++) {
				image.setLong(1, id);
				image.setString(2, "/synthetic/image_" + id + ".tif");
				image.setString(3, Long.toHexString(random.nextLong()));
				image.addBatch();
				double score = random.nextDouble();
				queue.setLong(1, id);
				queue.setDouble(2, score);
				queue.setLong(3, random.nextLong());
				queue.addBatch();
				for (long model : new long[] { first, second }) {
					double s = model == first ? score : random.nextDouble();
					prediction.setLong(1, id);
					prediction.setLong(2, model);
					prediction.setDouble(3, s * 0.5);
					prediction.setDouble(4, s * 0.8);
					prediction.setDouble(5, s);
					prediction.setBytes(6, embedding(random));
					prediction.addBatch();
				}
				if (id % 10_000 == 0) {
					image.executeBatch();
					queue.executeBatch();
					prediction.executeBatch();
				}
			}
			image.executeBatch();
			queue.executeBatch();
			prediction.executeBatch();
		}
	}

	private static long model(Connection c, String name) throws SQLException {
		try (PreparedStatement p = c.prepareStatement("INSERT INTO models(name, sha256, source, created_at) VALUES (?, ?, '/synthetic', 0)",
			Statement.RETURN_GENERATED_KEYS))
		{
			p.setString(1, name);
			p.setString(2, name);
			p.executeUpdate();
			try (ResultSet k = p.getGeneratedKeys()) {
				k.next();
				return k.getLong(1);
			}
		}
	}

	private static byte[] embedding(SplittableRandom random) {
		float[] e = new float[EMBEDDING_LENGTH];
		for (int i = 0; i < e.length; i++) e[i] = (float) random.nextGaussian();
		return Predictions.toBytes(e);
	}
}
