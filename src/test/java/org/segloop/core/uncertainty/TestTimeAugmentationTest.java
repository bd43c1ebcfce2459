package org.segloop.core.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.inference.SegmentOptions;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.SyntheticImages;

class TestTimeAugmentationTest {

	@Test
	void everyAugmentationIsUndoneByItsSourceIndices() {
		ImageVolume image = SyntheticImages.disks(7, 5, 1, 2, 1).image();
		short[] original = (short[]) image.plane(0, 0, 0);
		for (Augmentation a : Augmentation.values()) {
			ImageVolume t = a.apply(image);
			assertEquals(a.ordinal() >= 4 ? 5 : 7, t.width(), a.name());
			short[] back = new short[original.length];
			int[] src = a.sourceIndices(7, 5);
			short[] moved = (short[]) t.plane(0, 0, 0);
			for (int d = 0; d < src.length; d++) back[src[d]] = moved[d];
			assertArrayEquals(original, back, a.name());
		}
	}

	@Test
	void ttaAndBaldGiveMapsInTheUnitRangeAndDisagreementNeverExceedsTheEnsembleEntropy() {
		ImageVolume image = SyntheticImages.disks(150, 130, 1, 6, 4).image();
		try (SegmentationTool tool = new SegmentationTool(Fixtures.bundledModel(), RuntimeOptions.defaults(), SegmentOptions.defaults())) {
			ScoredSegmentation tta = Scorers.create("tta", new Scorers.Options(0.05, 4)).score(tool, image, ProgressListener.NONE, new Cancellation());
			ScoredSegmentation bald = Scorers.create("bald", new Scorers.Options(0.05, 4)).score(tool, image, ProgressListener.NONE, new Cancellation());
			ScoredSegmentation single = Scorers.create("entropy", Scorers.Options.defaults()).score(tool, image, ProgressListener.NONE, new Cancellation());
			for (int i = 0; i < tta.uncertainty()[0].length; i++) {
				float u = tta.uncertainty()[0][i], b = bald.uncertainty()[0][i];
				assertTrue(u >= 0 && u <= 1.0001 && b >= 0 && b <= u + 1e-5, "pixel " + i + ": tta " + u + ", bald " + b);
			}
			assertEquals(single.proposal().instanceCount(), tta.proposal().instanceCount(), "the proposal is the unaugmented pass");
			assertTrue(tta.scores().mean() > 0 && bald.scores().mean() < tta.scores().mean());
		}
	}

	@Test
	void unknownScorersAndPassCountsAreRefusedWithTheKnownOnes() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scorers.create("mc_dropout", Scorers.Options.defaults()));
		assertTrue(e.getMessage().contains("tta") && e.getMessage().contains("bald"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> Scorers.create("tta", new Scorers.Options(0.05, 9)));
	}
}
