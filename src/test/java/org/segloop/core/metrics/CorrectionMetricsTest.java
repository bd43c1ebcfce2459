package org.segloop.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CorrectionMetricsTest {

	private static final List<String> CLASSES = List.of("background", "nucleus");

	/** A 20×20 plane with filled squares {x0, y0, size, label}. */
	private static LabelVolume squares(int[]... boxes) {
		int[] p = new int[400];
		for (int[] b : boxes)
			for (int y = b[1]; y < b[1] + b[2]; y++)
				for (int x = b[0]; x < b[0] + b[2]; x++) p[y * 20 + x] = b[3];
		return new LabelVolume(20, 20, 1, 1, new int[][] { p }, new double[] { 1, 1, 1 });
	}

	@Test
	void anUnchangedProposalScoresPerfectly() {
		LabelVolume v = squares(new int[] { 2, 2, 5, 1 }, new int[] { 10, 10, 6, 2 });
		CorrectionMetrics m = CorrectionMetrics.compare(v, v, v, CorrectionMetrics.Kind.INSTANCE, CLASSES);
		assertEquals(1.0, m.objectDice());
		assertEquals(0.0, m.fractionChanged());
		assertEquals(1.0, m.f1());
		assertEquals(0.0, m.hd95());
	}

	@Test
	void deletingOneOfTwoObjectsHalvesRecallOfTheProposal() {
		LabelVolume proposal = squares(new int[] { 2, 2, 5, 1 }, new int[] { 10, 10, 6, 2 });
		LabelVolume corrected = squares(new int[] { 2, 2, 5, 1 });
		CorrectionMetrics m = CorrectionMetrics.compare(proposal, proposal, corrected, CorrectionMetrics.Kind.INSTANCE, CLASSES);
		assertEquals(0.5, m.precision(), "one proposed object was wrong");
		assertEquals(1.0, m.recall());
		assertEquals(36 / 400.0, m.fractionChanged(), 1e-12);
		assertEquals(2.0 * 25 / (61 + 25), m.objectDice(), 1e-12);
	}

	@Test
	void objectsAreCountedAsTheyArePresentWhateverTheirLabelValues() {
		LabelVolume proposal = squares(new int[] { 2, 2, 5, 1 }, new int[] { 10, 10, 6, 2 });
		for (int gap : new int[] { 7, 70_000, Integer.MAX_VALUE }) {
			LabelVolume corrected = squares(new int[] { 2, 2, 5, 3 }, new int[] { 10, 10, 6, gap });
			CorrectionMetrics m = CorrectionMetrics.compare(proposal, proposal, corrected, CorrectionMetrics.Kind.INSTANCE, CLASSES);
			assertEquals(2, m.correctedObjects(), "two objects, labelled 3 and " + gap);
			assertEquals(2, m.matchedObjects());
			assertEquals(1.0, m.recall(), "labels " + gap);
			assertEquals(1.0, m.f1(), "labels " + gap);
			assertEquals(0.0, m.fractionChanged(), "relabelling alone changes nothing");
		}
	}

	@Test
	void splittingAMergedObjectCountsAsChangeEvenThoughNoPixelFlipped() {
		LabelVolume merged = squares(new int[] { 2, 2, 8, 1 });
		LabelVolume split = squares(new int[] { 2, 2, 8, 1 });
		for (int i = 6 * 20; i < 400; i++) if (split.labels()[0][i] != 0) split.labels()[0][i] = 2; // lower half becomes its own object
		CorrectionMetrics m = CorrectionMetrics.compare(merged, merged, split, CorrectionMetrics.Kind.INSTANCE, CLASSES);
		assertEquals(1.0, m.objectDice());
		assertEquals(32 / 400.0, m.fractionChanged(), 1e-12, "the half whose object was not matched changed");
		assertEquals(1, m.matchedObjects());
	}

	@Test
	void hd95IsTheOutlineShiftInCalibratedUnits() {
		LabelVolume a = squares(new int[] { 4, 4, 6, 1 });
		LabelVolume b = squares(new int[] { 7, 4, 6, 1 }); // moved 3 px right
		CorrectionMetrics m = CorrectionMetrics.compare(a, a, b, CorrectionMetrics.Kind.INSTANCE, CLASSES);
		assertEquals(3.0, m.hd95(), 1e-9);
		LabelVolume coarse = new LabelVolume(20, 20, 1, 1, b.labels(), new double[] { 0.5, 0.5, 1 });
		LabelVolume coarseA = new LabelVolume(20, 20, 1, 1, a.labels(), new double[] { 0.5, 0.5, 1 });
		assertEquals(1.5, CorrectionMetrics.compare(coarseA, coarseA, coarse, CorrectionMetrics.Kind.INSTANCE, CLASSES).hd95(), 1e-9);
	}

	@Test
	void semanticCorrectionsCompareEveryClass() {
		List<String> three = List.of("background", "interior", "boundary");
		LabelVolume proposal = squares(new int[] { 2, 2, 6, 2 }, new int[] { 3, 3, 4, 1 });
		LabelVolume corrected = squares(new int[] { 2, 2, 6, 2 }, new int[] { 3, 3, 4, 1 }, new int[] { 12, 12, 3, 1 });
		CorrectionMetrics m = CorrectionMetrics.compare(proposal, null, corrected, CorrectionMetrics.Kind.SEMANTIC, three);
		assertEquals(3, m.dice().length);
		assertEquals(1.0, m.dice()[2], "boundary unchanged");
		assertEquals(2.0 * 16 / (16 + 25), m.dice()[1], 1e-12);
		assertEquals(1, m.proposedObjects());
		assertEquals(2, m.correctedObjects());
		assertTrue(m.toJson().contains("\"interior\""), m.toJson());
	}
}
