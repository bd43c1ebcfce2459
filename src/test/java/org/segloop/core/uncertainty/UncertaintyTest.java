package org.segloop.core.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.segloop.core.image.Calibration;
import org.segloop.core.inference.ProbabilityChunk;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.inference.SegmentOptions;
import org.segloop.core.inference.SegmentationGeometry;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.SyntheticImages;

class UncertaintyTest {

	private static float[][] pixel(float... p) {
		float[][] out = new float[p.length][1];
		for (int c = 0; c < p.length; c++) out[c][0] = p[c];
		return out;
	}

	@Test
	void certainPixelsScoreZeroAndUniformOnesScoreOne() {
		for (PixelUncertainty u : PixelUncertainty.values()) {
			assertEquals(0, u.of(pixel(0, 1, 0), 0), 1e-6, u.id());
			assertEquals(1, u.of(pixel(1 / 3f, 1 / 3f, 1 / 3f), 0), 1e-6, u.id());
			assertEquals(1, u.of(pixel(0.5f), 0), 1e-6, u.id() + " on a single sigmoid channel");
		}
	}

	@Test
	void measuresFollowTheirDefinitions() {
		float[][] p = pixel(0.7f, 0.2f, 0.1f);
		double h = -(0.7 * Math.log(0.7) + 0.2 * Math.log(0.2) + 0.1 * Math.log(0.1)) / Math.log(3);
		assertEquals(h, PixelUncertainty.ENTROPY.of(p, 0), 1e-6);
		assertEquals(1 - (0.7 - 0.2), PixelUncertainty.MARGIN.of(p, 0), 1e-6);
		assertEquals((1 - 0.7) * 3 / 2, PixelUncertainty.LEAST_CONFIDENCE.of(p, 0), 1e-6);
		assertEquals(PixelUncertainty.MARGIN, PixelUncertainty.byName("margin"));
		assertThrows(IllegalArgumentException.class, () -> PixelUncertainty.byName("vibes"));
	}

	@Test
	void imageScoresAreMeanObjectMeanAndTopFraction() {
		UncertaintySink sink = new UncertaintySink(PixelUncertainty.LEAST_CONFIDENCE, 0.25, true);
		sink.begin(new SegmentationGeometry(4, 1, 1, 1, List.of("bg", "fg"), Calibration.none(), "t"));
		// four pixels: certain background, certain object, unsure object, fully unsure
		float[][] p = { { 1f, 0f, 0.4f, 0.5f }, { 0f, 1f, 0.6f, 0.5f } };
		sink.accept(new ProbabilityChunk(0, 0, 1, 0, 1, 4, p));
		ImageScores s = sink.scores();
		assertEquals((0 + 0 + 0.8 + 1.0) / 4, s.mean(), 1e-6);
		assertEquals((0 + 0.8) / 2, s.meanOverObjects(), 1e-6);
		assertEquals(1.0, s.topFractionMean(), 1e-3);
		assertEquals(0.8f, sink.map(0, 0)[2], 1e-6);
	}

	@Test
	void aSegmentationStreamsIntoScoresWithoutAFullProbabilityImage() {
		try (SegmentationTool tool = new SegmentationTool(Fixtures.bundledModel(), RuntimeOptions.defaults(), SegmentOptions.defaults())) {
			UncertaintySink clear = new UncertaintySink(PixelUncertainty.ENTROPY, 0.05, false);
			tool.segment(SyntheticImages.disks(200, 200, 1, 8, 1).image(), List.of(clear), ProgressListener.NONE, new Cancellation());
			ImageScores s = clear.scores();
			assertEquals(200 * 200, s.pixels());
			assertTrue(s.mean() < s.meanOverObjects() && s.meanOverObjects() < s.topFractionMean(),
				"object pixels and the top 5 % are less certain than the average: " + s);
		}
	}
}
