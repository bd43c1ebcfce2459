package org.segloop.core.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class SliceRankingTest {

	private static final int PIXELS = 100;

	/** A plane of one uncertainty everywhere. */
	private static float[] flat(float u) {
		float[] p = new float[PIXELS];
		Arrays.fill(p, u);
		return p;
	}

	private static int[] background() {
		return new int[PIXELS];
	}

	/** A plane whose first {@code n} pixels are class {@code c}. */
	private static int[] objects(int n, int c) {
		int[] p = new int[PIXELS];
		Arrays.fill(p, 0, n, c);
		return p;
	}

	private static List<Integer> order(SliceRanking r) {
		return r.ranked().stream().map(SliceRanking.Slice::slice).toList();
	}

	private static SliceRanking.Options by(ImageScores.Reduction r) {
		return new SliceRanking.Options(r, 0.05);
	}

	@Test
	void underTheMeanTheSliceWithTheHighestMeanUncertaintyComesFirst() {
		float[][] u = { flat(0.1f), flat(0.7f), flat(0.3f), flat(0.5f) };
		int[][] c = { background(), background(), background(), background() };
		SliceRanking r = SliceRanking.of(u, c, 4, 1, by(ImageScores.Reduction.MEAN));
		assertEquals(List.of(1, 3, 2, 0), order(r));
		assertEquals(0.7, r.first().score(), 1e-6);
	}

	@Test
	void underTopAFewVeryUncertainPixelsOutrankAPlaneThatIsModeratelyUnsureEverywhere() {
		float[] spots = flat(0.0f);
		for (int i = 0; i < 5; i++) spots[i] = 0.9f; // 5 % of the plane: the top fraction
		float[][] u = { flat(0.4f), spots };
		int[][] c = { background(), background() };
		assertEquals(List.of(1, 0), order(SliceRanking.of(u, c, 2, 1, by(ImageScores.Reduction.TOP))));
		assertEquals(List.of(0, 1), order(SliceRanking.of(u, c, 2, 1, by(ImageScores.Reduction.MEAN))), "the mean sees it the other way");
	}

	@Test
	void underObjectsSlicesWithProposedObjectsComeFirstEvenWhenAnEmptySliceIsMoreUncertainOverall() {
		float[] unsureObjects = flat(0.05f);
		for (int i = 0; i < 10; i++) unsureObjects[i] = 0.6f;
		float[][] u = { flat(0.9f), flat(0.2f), unsureObjects, flat(0.4f) };
		int[][] c = { background(), objects(10, 1), objects(10, 2), background() };
		SliceRanking r = SliceRanking.of(u, c, 4, 1, by(ImageScores.Reduction.OBJECTS));
		assertEquals(List.of(2, 1, 0, 3), order(r), "objects by their uncertainty, then empty slices by their mean");
		assertEquals(0.6, r.first().score(), 1e-6);
		assertEquals(10, r.first().objectPixels());
		assertEquals(0.9, r.ranked().get(2).score(), 1e-6, "an empty slice is scored by its mean");
	}

	@Test
	void tiesKeepTheSliceOrder() {
		float[][] u = { flat(0.2f), flat(0.5f), flat(0.5f), flat(0.5f) };
		int[][] c = { background(), background(), background(), background() };
		assertEquals(List.of(1, 2, 3, 0), order(SliceRanking.of(u, c, 4, 1, by(ImageScores.Reduction.MEAN))));
	}

	@Test
	void steppingWalksTheRankingAndStopsAtEitherEnd() {
		float[][] u = { flat(0.1f), flat(0.7f), flat(0.3f) };
		int[][] c = { background(), background(), background() };
		SliceRanking r = SliceRanking.of(u, c, 3, 1, by(ImageScores.Reduction.MEAN)); // 1, 2, 0
		assertEquals(2, r.step(1, 0, 1).orElseThrow().slice());
		assertEquals(0, r.step(2, 0, 1).orElseThrow().slice());
		assertTrue(r.step(0, 0, 1).isEmpty(), "no slice after the least uncertain");
		assertEquals(1, r.step(2, 0, -1).orElseThrow().slice());
		assertTrue(r.step(1, 0, -1).isEmpty(), "none before the most uncertain");
		assertEquals(2, r.rankOf(0, 0));
		assertThrows(IllegalArgumentException.class, () -> r.rankOf(3, 0));
	}

	@Test
	void framesOfATimeSeriesAreRankedAsPlanesOfTheirOwn() {
		float[][] u = { flat(0.1f), flat(0.2f), flat(0.8f), flat(0.3f) }; // 2 slices × 2 frames
		int[][] c = { background(), background(), background(), background() };
		SliceRanking.Slice first = SliceRanking.of(u, c, 2, 2, by(ImageScores.Reduction.MEAN)).first();
		assertEquals(0, first.slice());
		assertEquals(1, first.frame());
	}

	@Test
	void planesThatDoNotMatchTheDimensionsAreRefused() {
		assertThrows(IllegalArgumentException.class,
			() -> SliceRanking.of(new float[][] { flat(0) }, new int[][] { background() }, 2, 1, by(ImageScores.Reduction.MEAN)));
		assertThrows(IllegalArgumentException.class, () -> new SliceRanking.Options(ImageScores.Reduction.TOP, 0));
	}
}
