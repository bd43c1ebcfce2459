package org.segloop.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.testutil.Projects;

/**
 * The cold start: before any correction exists, the starting model's uncertainty ranks atypical
 * images first. {@code diverse} serves images that represent the pool instead — the most typical
 * first, then the centres of the other groups — and a project's {@code coldStart} setting uses it
 * only until the first correction.
 */
class ColdStartTest {

	@TempDir
	Path dir;

	/** Three groups of 8 near-identical typical images, and 6 scattered atypical ones with the highest scores. */
	private static final int GROUPS = 3, PER_GROUP = 8, ATYPICAL = 6;

	private static List<Candidate> pool() {
		SplittableRandom random = new SplittableRandom(3);
		List<Candidate> pool = new ArrayList<>();
		long id = 1;
		for (int g = 0; g < GROUPS; g++)
			for (int k = 0; k < PER_GROUP; k++, id++) pool.add(new Candidate(id, 0.1 + 0.01 * random.nextDouble(), near(centre(g, 5), random), null));
		for (int a = 0; a < ATYPICAL; a++, id++) pool.add(new Candidate(id, 0.9 - 0.01 * a, near(centre(10 + a, 20), random), null));
		return pool;
	}

	private static boolean typical(Candidate c) {
		return c.imageId() <= GROUPS * PER_GROUP;
	}

	private static int group(Candidate c) {
		return (int) ((c.imageId() - 1) / PER_GROUP);
	}

	/** A point on axis {@code axis} at distance {@code r} from the origin, in 8 dimensions. */
	private static float[] centre(int axis, double r) {
		float[] c = new float[16];
		c[axis % 16] = (float) r;
		return c;
	}

	private static float[] near(float[] c, SplittableRandom random) {
		float[] e = c.clone();
		for (int i = 0; i < e.length; i++) e[i] += (float) (0.1 * random.nextGaussian());
		return e;
	}

	/** A queue of fixed candidates: byRandomKey is a fixed shuffle, so the test is deterministic. */
	private record FixedView(List<Candidate> candidates, List<float[]> served) implements QueueView {
		@Override
		public List<Candidate> byScore(int limit) {
			return candidates.stream().sorted(Comparator.comparingDouble(Candidate::score).reversed()).limit(limit).toList();
		}

		@Override
		public List<Candidate> byRandomKey(int limit) {
			List<Candidate> shuffled = new ArrayList<>(candidates);
			java.util.Collections.shuffle(shuffled, new java.util.Random(11));
			return shuffled.subList(0, Math.min(limit, shuffled.size()));
		}

		@Override
		public List<Candidate> byFileOrder(int limit) {
			return candidates.subList(0, Math.min(limit, candidates.size()));
		}

		@Override
		public List<float[]> recentlyServedEmbeddings(int limit) {
			return served;
		}
	}

	@Test
	void diverseServesOneImageOfEachTypicalGroupWhereUncertaintyServesTheAtypicalOnes() {
		FixedView view = new FixedView(pool(), List.of());
		List<Candidate> byUncertainty = Strategies.byName("uncertainty").rank(view, GROUPS);
		assertTrue(byUncertainty.stream().noneMatch(ColdStartTest::typical), "the starting model's most uncertain are the atypical images");

		List<Candidate> diverse = Strategies.byName("diverse").rank(view, GROUPS);
		assertEquals(GROUPS, diverse.size());
		assertTrue(diverse.stream().allMatch(ColdStartTest::typical), "typical images first: " + diverse);
		assertEquals(List.of(0, 1, 2), diverse.stream().map(ColdStartTest::group).sorted().toList(), "one of each group: " + diverse);
		assertEquals(diverse, Strategies.byName("diverse").rank(view, GROUPS), "the same queue gives the same batch");
	}

	@Test
	void diverseCountsRecentlyServedImagesAsCoveredSoTheNextServeGoesToAnotherGroup() {
		List<Candidate> pool = pool();
		List<Candidate> free = new ArrayList<>(pool);
		free.removeIf(c -> group(c) < 2 && typical(c) && c.imageId() % PER_GROUP == 1); // the served ones are leased
		FixedView view = new FixedView(free, List.of(pool.get(0).embedding(), pool.get(PER_GROUP).embedding()));
		Candidate first = Strategies.byName("diverse").rank(view, 1).get(0);
		assertTrue(typical(first) && group(first) == 2, "groups 0 and 1 were just served, so group 2 comes next: " + first);
	}

	@Test
	void withoutEmbeddingsDiverseIsTheSeededRandomOrder() {
		List<Candidate> bare = pool().stream().map(c -> new Candidate(c.imageId(), c.score(), null, null)).toList();
		FixedView view = new FixedView(bare, List.of());
		assertEquals(view.byRandomKey(5), Strategies.byName("diverse").rank(view, 5));
	}

	@Test
	void theColdStartServesOnlyUntilTheFirstCorrectionThenTheProjectsStrategyDoes() throws IOException {
		Path folder = Projects.predictedSamples(dir, 6);
		try (ProjectStore p = ProjectStore.open(folder, ProjectStore.Access.READ_WRITE)) {
			List<Long> byUncertainty = p.queue().peek(6).stream().map(Candidate::imageId).toList();
			p.saveSettings(p.settings().withColdStart("diverse"));
			assertEquals("diverse", p.settings().coldStart(), "stored with the project");
			List<Long> coldStart = p.queue().peek(6).stream().map(Candidate::imageId).toList();
			assertNotEquals(byUncertainty, coldStart, "before any correction the cold start ranks");
			assertEquals(coldStart.get(0), p.queue().next("ann").orElseThrow().imageId(), "and serves");
			Projects.correctNext(p, "ann", dir);
			List<Long> after = p.queue().peek(5).stream().map(Candidate::imageId).toList();
			List<Long> expected = byUncertainty.stream().filter(after::contains).toList();
			assertEquals(expected, after, "after the first correction: the project's own strategy (uncertainty)");
		}
	}

	@Test
	void noColdStartIsTheDefaultAndAnUnknownOneIsRefusedWithTheKnownNames() {
		assertEquals(ProjectSettings.NO_COLD_START, ProjectSettings.defaults().coldStart());
		assertEquals(ProjectSettings.NO_COLD_START, ProjectSettings.defaults().withColdStart("diverse").withColdStart("NONE").coldStart());
		var e = org.junit.jupiter.api.Assertions.assertThrows(org.segloop.core.registry.UnknownNameException.class,
			() -> ProjectSettings.defaults().withColdStart("typical"));
		assertTrue(e.getMessage().contains("diverse"), e.getMessage());
	}
}
