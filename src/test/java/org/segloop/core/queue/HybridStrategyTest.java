package org.segloop.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.bench.SyntheticProject;
import org.segloop.core.project.ProjectStore;

/**
 * {@code hybrid} serves uncertain images without serving near-duplicates together: in a project
 * whose most uncertain images are three groups of near-identical copies, a batch holds at most one
 * image of each group, where plain uncertainty serves the copies one after another.
 */
class HybridStrategyTest {

	private static final int IMAGES = 40, GROUPS = 3, COPIES = 4, BATCH = 6, EMBEDDING_LENGTH = 66;

	@TempDir
	Path dir;

	@Test
	void aHybridBatchHoldsAtMostOneOfEachGroupOfNearDuplicates() throws SQLException {
		Path folder = dir.resolve("p");
		SyntheticProject.create(folder, IMAGES, 13);
		Map<Long, Integer> groupOf = plantNearDuplicatesOnTop(folder);
		try (ProjectStore p = ProjectStore.open(folder, ProjectStore.Access.READ_WRITE)) {
			p.saveSettings(p.settings().withStrategy("uncertainty"));
			List<Long> byUncertainty = ids(p.queue().peek(BATCH));
			assertTrue(byUncertainty.stream().allMatch(groupOf::containsKey), "the copies are the most uncertain: " + byUncertainty);
			assertTrue(maxPerGroup(byUncertainty, groupOf) > 1, "plain uncertainty serves copies together: " + byUncertainty);

			p.saveSettings(p.settings().withStrategy("hybrid"));
			List<Long> byHybrid = ids(p.queue().peek(BATCH));
			assertEquals(BATCH, byHybrid.size());
			assertEquals(1, maxPerGroup(byHybrid, groupOf), "hybrid serves one image per group of near-duplicates: " + byHybrid);
			assertEquals(List.of(1L, 1L + COPIES, 1L + 2 * COPIES), byHybrid.subList(0, GROUPS).stream().sorted().toList(),
				"first the most uncertain copy of each group: " + byHybrid);
			assertEquals(byUncertainty.get(0), byHybrid.get(0), "the most uncertain image comes first under both");
		}
	}

	/**
	 * Gives images 1..GROUPS×COPIES the highest scores (above every other image's) and, per group,
	 * embeddings that differ by noise a thousandth of the distance between groups. Plain JDBC on the
	 * closed project, as {@link SyntheticProject} writes its rows.
	 */
	private static Map<Long, Integer> plantNearDuplicatesOnTop(Path folder) throws SQLException {
		SplittableRandom random = new SplittableRandom(7);
		Map<Long, Integer> groupOf = new HashMap<>();
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("project.sqlite"));
			PreparedStatement lower = c.prepareStatement("UPDATE queue SET score = score * 0.5");
			PreparedStatement score = c.prepareStatement("UPDATE queue SET score = ? WHERE image_id = ?");
			PreparedStatement embedding = c.prepareStatement("UPDATE predictions SET embedding = ? WHERE image_id = ?"))
		{
			lower.executeUpdate();
			long id = 1;
			for (int g = 0; g < GROUPS; g++) {
				float[] base = gaussian(random, 1);
				for (int copyNo = 0; copyNo < COPIES; copyNo++, id++) {
					float[] copy = gaussian(random, 1e-3);
					for (int i = 0; i < copy.length; i++) copy[i] += base[i];
					score.setDouble(1, 0.99 - 0.01 * (copyNo * GROUPS + g)); // copies of one group interleave with the others
					score.setLong(2, id);
					score.executeUpdate();
					embedding.setBytes(1, littleEndian(copy));
					embedding.setLong(2, id);
					embedding.executeUpdate();
					groupOf.put(id, g);
				}
			}
		}
		return groupOf;
	}

	private static int maxPerGroup(List<Long> ids, Map<Long, Integer> groupOf) {
		return ids.stream().filter(groupOf::containsKey).collect(Collectors.groupingBy(groupOf::get, Collectors.counting())).values().stream()
			.mapToInt(Long::intValue).max().orElse(0);
	}

	private static List<Long> ids(List<Candidate> candidates) {
		return candidates.stream().map(Candidate::imageId).toList();
	}

	private static float[] gaussian(SplittableRandom random, double sd) {
		float[] v = new float[EMBEDDING_LENGTH];
		for (int i = 0; i < v.length; i++) v[i] = (float) (sd * random.nextGaussian());
		return v;
	}

	/** As the project stores embeddings: little-endian float32. */
	private static byte[] littleEndian(float[] v) {
		ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		for (float f : v) b.putFloat(f);
		return b.array();
	}
}
