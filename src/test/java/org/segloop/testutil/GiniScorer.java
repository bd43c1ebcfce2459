package org.segloop.testutil;

import java.util.List;

import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.ProbabilityChunk;
import org.segloop.core.inference.ProbabilitySink;
import org.segloop.core.inference.SegmentationGeometry;
import org.segloop.core.inference.SegmentationResult;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.uncertainty.ScoreAccumulator;
import org.segloop.core.uncertainty.ScoredSegmentation;
import org.segloop.core.uncertainty.ScorerFactory;
import org.segloop.core.uncertainty.Scorers;
import org.segloop.core.uncertainty.UncertaintyScorer;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/**
 * A scorer SegLoop does not ship, added the way a jar on the class path adds one (ARCHITECTURE.md,
 * "how to add a scorer"): this class and its line in
 * {@code src/test/resources/META-INF/services/org.segloop.core.uncertainty.ScorerFactory}.
 * Uncertainty is the Gini impurity of the class probabilities, 1 − Σ p², scaled so that the uniform
 * distribution gives 1.
 */
public final class GiniScorer implements ScorerFactory {

	public static final String NAME = "gini";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String description() {
		return "Gini impurity of the class probabilities, one pass (a test scorer)";
	}

	@Override
	public UncertaintyScorer create(Scorers.Options options) {
		return new UncertaintyScorer() {
			@Override
			public String name() {
				return NAME;
			}

			@Override
			public ScoredSegmentation score(SegmentationTool tool, ImageVolume image, ProgressListener progress, Cancellation cancel) {
				Sink sink = new Sink(options.topFraction());
				SegmentationResult r = tool.segment(image, List.of(sink), progress, cancel);
				return new ScoredSegmentation(r, sink.map, sink.scores.scores(), NAME);
			}
		};
	}

	/** Per-pixel Gini impurity into a map and the image's scores, as the probabilities stream by. */
	private static final class Sink implements ProbabilitySink {

		final ScoreAccumulator scores;
		float[][] map;
		SegmentationGeometry geometry;

		Sink(double topFraction) {
			scores = new ScoreAccumulator(topFraction);
		}

		@Override
		public void begin(SegmentationGeometry g) {
			geometry = g;
			map = new float[g.slices() * g.frames()][g.width() * g.height()];
		}

		@Override
		public void accept(ProbabilityChunk chunk) {
			float[][] p = chunk.probabilities();
			int plane = chunk.rows() * chunk.width();
			int classes = Math.max(2, p.length);
			for (int dz = 0; dz < chunk.depth(); dz++) {
				float[] target = map[geometry.planeIndex(chunk.z0() + dz, chunk.frame())];
				for (int k = 0; k < plane; k++) {
					int i = dz * plane + k;
					double sumOfSquares = 0, best = 0;
					int bestClass = 0;
					for (int c = 0; c < p.length; c++) {
						sumOfSquares += (double) p[c][i] * p[c][i];
						if (p[c][i] > best) {
							best = p[c][i];
							bestClass = c;
						}
					}
					if (p.length == 1) sumOfSquares += (1.0 - p[0][i]) * (1.0 - p[0][i]); // binary output: the other class is implicit
					float u = (float) Math.min(1, Math.max(0, (1 - sumOfSquares) * classes / (classes - 1)));
					scores.add(u, p.length == 1 ? p[0][i] > 0.5f : bestClass != 0);
					target[chunk.y0() * chunk.width() + k] = u;
				}
			}
		}
	}
}
