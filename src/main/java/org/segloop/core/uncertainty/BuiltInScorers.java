package org.segloop.core.uncertainty;

import org.segloop.core.registry.NamedExtension;

/** SegLoop's own scorers, as {@link ScorerFactory} providers (listed, in this order, in META-INF/services). */
public final class BuiltInScorers {

	private BuiltInScorers() {}

	/** A scorer of one pass whose per-pixel measure is one of {@link PixelUncertainty}. */
	private abstract static class SinglePass extends NamedExtension implements ScorerFactory {

		private final PixelUncertainty measure;

		SinglePass(PixelUncertainty measure, String description) {
			super(measure.id(), description);
			this.measure = measure;
		}

		@Override
		public UncertaintyScorer create(Scorers.Options options) {
			return new SinglePassScorer(measure, options.topFraction());
		}
	}

	public static final class Entropy extends SinglePass {
		public Entropy() {
			super(PixelUncertainty.ENTROPY, "entropy of the class probabilities, one pass");
		}
	}

	public static final class Margin extends SinglePass {
		public Margin() {
			super(PixelUncertainty.MARGIN, "small gap between the two most probable classes, one pass");
		}
	}

	public static final class LeastConfidence extends SinglePass {
		public LeastConfidence() {
			super(PixelUncertainty.LEAST_CONFIDENCE, "low probability of the most probable class, one pass");
		}
	}

	public static final class TestTimeAugmentation extends NamedExtension implements ScorerFactory {
		public TestTimeAugmentation() {
			super("tta", "entropy of the mean of K test-time augmented passes");
		}

		@Override
		public UncertaintyScorer create(Scorers.Options options) {
			return new TestTimeAugmentationScorer(TestTimeAugmentationScorer.Mode.ENTROPY_OF_MEAN, options.augmentations(), options.topFraction());
		}
	}

	public static final class Bald extends NamedExtension implements ScorerFactory {
		public Bald() {
			super("bald", "disagreement between K test-time augmented passes (BALD)");
		}

		@Override
		public UncertaintyScorer create(Scorers.Options options) {
			return new TestTimeAugmentationScorer(TestTimeAugmentationScorer.Mode.DISAGREEMENT, options.augmentations(), options.topFraction());
		}
	}
}
