package org.segloop.core.project;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * Fills a new project with many synthetic images, each with a proposal from two model versions,
 * for queue benchmarks at 100k–1M images without 1M image files. Rows only: the files they name do
 * not exist, so such a project is for measuring, never for annotating.
 */
public final class SyntheticRows {

	/** What was made: the two model versions (scores of the second differ from the first). */
	public record Made(long firstModel, long secondModel) {}

	private SyntheticRows() {}

	/** Inserts {@code images} images, a proposal per image from each of two versions, and the queue, in one transaction. */
	public static Made fill(ProjectStore store, int images, long seed) {
		store.requireWritable();
		SplittableRandom random = new SplittableRandom(seed);
		try {
			return store.inTransaction(() -> {
				long first = model(store, "synthetic v1"), second = model(store, "synthetic v2");
				store.putMeta("current_model", Long.toString(first));
				try (PreparedStatement image = store.connection().prepareStatement(
					"INSERT INTO images(id, path, sha256, width, height, channels, slices, frames, added_at) VALUES (?, ?, ?, 512, 512, 1, 1, 1, 0)");
					PreparedStatement queue = store.connection().prepareStatement(
						"INSERT INTO queue(image_id, status, score, random_key) VALUES (?, 'predicted', ?, ?)");
					PreparedStatement prediction = store.connection().prepareStatement("""
						INSERT INTO predictions(image_id, model_id, image_sha256, classes_file, uncertainty_file, instance_count, scorer,
						  score_mean, score_objects, score_top, embedding, seconds, created_at)
						VALUES (?, ?, 'synthetic', 'none.tif', 'none.tif', 0, 'entropy', ?, ?, ?, ?, 0, 0)"""))
				{
					long seedKey = store.settings().seed();
					for (int id = 1; id <= images; id++) {
						image.setLong(1, id);
						image.setString(2, "/synthetic/image_" + id + ".tif");
						image.setString(3, Long.toHexString(random.nextLong()));
						image.addBatch();
						double score = random.nextDouble();
						queue.setLong(1, id);
						queue.setDouble(2, score);
						queue.setLong(3, ImageRegistry.randomKey(seedKey, id));
						queue.addBatch();
						for (long model : new long[] { first, second }) {
							double s = model == first ? score : random.nextDouble();
							prediction.setLong(1, id);
							prediction.setLong(2, model);
							prediction.setDouble(3, s * 0.5);
							prediction.setDouble(4, s * 0.8);
							prediction.setDouble(5, s);
							prediction.setBytes(6, Predictions.toBytes(embedding(random)));
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
				return new Made(first, second);
			});
		}
		catch (SQLException e) {
			throw store.failure("cannot fill the benchmark project", e);
		}
	}

	private static long model(ProjectStore store, String name) throws SQLException {
		try (PreparedStatement p = store.connection().prepareStatement(
			"INSERT INTO models(name, sha256, source, created_at) VALUES (?, ?, '/synthetic', 0)", PreparedStatement.RETURN_GENERATED_KEYS))
		{
			p.setString(1, name);
			p.setString(2, name);
			p.executeUpdate();
			try (var k = p.getGeneratedKeys()) {
				k.next();
				return k.getLong(1);
			}
		}
	}

	private static float[] embedding(SplittableRandom random) {
		float[] e = new float[66];
		for (int i = 0; i < e.length; i++) e[i] = (float) random.nextGaussian();
		return e;
	}
}
