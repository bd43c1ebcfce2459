package org.segloop.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.queue.Candidate;
import org.segloop.core.bench.SyntheticProject;
import org.segloop.core.uncertainty.ImageScores;

/** Re-ranking a whole queue with a new model version's scores, and serving from it by every strategy. */
class RerankTest {

	@TempDir
	Path dir;

	@Test
	void rerankGivesEveryRowTheNewVersionsScoreInOneStatement() throws SQLException {
		SyntheticProject.Made made = SyntheticProject.create(dir.resolve("p"), 2000, 5);
		try (ProjectStore p = ProjectStore.open(dir.resolve("p"), ProjectStore.Access.READ_WRITE)) {
			assertEquals(2000, p.predictions().rerank(made.secondModel(), ImageScores.Reduction.TOP));
			try (Statement s = p.connection().createStatement(); ResultSet r = s.executeQuery("""
				SELECT count(*) FROM queue q JOIN predictions x ON x.image_id = q.image_id AND x.model_id = %d
				WHERE q.score IS NOT x.score_top""".formatted(made.secondModel())))
			{
				r.next();
				assertEquals(0, r.getInt(1), "every queue score is the second version's top-fraction score");
			}
			List<Candidate> top = p.queue().peek(5);
			for (int i = 1; i < top.size(); i++) assertTrue(top.get(i - 1).score() >= top.get(i).score());

			p.saveSettings(p.settings().withStrategy("first"));
			assertEquals(List.of(1L, 2L, 3L), p.queue().peek(3).stream().map(Candidate::imageId).toList(), "file order");
			p.saveSettings(p.settings().withStrategy("hybrid"));
			assertEquals(3, p.queue().peek(3).size());
			long served = p.queue().next("ana").orElseThrow().imageId();
			assertEquals(QueueStatus.IN_PROGRESS, p.queue().entry(served).orElseThrow().status());
		}
	}

	@Test
	void afterARerankTheQueueIsInTheOrderOfTheNewVersionsScores() throws SQLException {
		SyntheticProject.Made made = SyntheticProject.create(dir.resolve("p"), 200, 11);
		try (ProjectStore p = ProjectStore.open(dir.resolve("p"), ProjectStore.Access.READ_WRITE)) {
			p.saveSettings(p.settings().withStrategy("uncertainty"));
			List<Long> firstOrder = imagesByTopScore(p, made.firstModel()), secondOrder = imagesByTopScore(p, made.secondModel());
			assertEquals(200, secondOrder.size());
			assertNotEquals(firstOrder.subList(0, 20), secondOrder.subList(0, 20), "the two versions disagree on the order");
			assertEquals(firstOrder, p.queue().peek(200).stream().map(Candidate::imageId).toList(), "before: the first version's order");

			p.predictions().rerank(made.secondModel(), ImageScores.Reduction.TOP);
			assertEquals(secondOrder, p.queue().peek(200).stream().map(Candidate::imageId).toList(), "after: the second version's order");
		}
	}

	/** The project's images, most uncertain first by {@code model}'s top-fraction score (ties by id, as the queue breaks them). */
	private static List<Long> imagesByTopScore(ProjectStore p, long model) throws SQLException {
		List<Long> ids = new ArrayList<>();
		try (Statement s = p.connection().createStatement();
			ResultSet r = s.executeQuery("SELECT image_id FROM predictions WHERE model_id = " + model + " ORDER BY score_top DESC, image_id"))
		{
			while (r.next()) ids.add(r.getLong(1));
		}
		return ids;
	}
}
