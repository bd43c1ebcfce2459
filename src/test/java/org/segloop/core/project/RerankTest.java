package org.segloop.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
}
