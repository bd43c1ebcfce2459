package org.segloop.core.uncertainty;

import org.segloop.core.registry.NamedExtension;

/** SegLoop's own scorers, as {@link ScorerFactory} providers (listed, in this order, in META-INF/services). */
public final class BuiltInScorers {

	private BuiltInScorers() {}

	public static final class Entropy extends NamedExtension implements ScorerFactory {
		public Entropy() {
			super(PixelUncertainty.ENTROPY.id(), "entropy of the class probabilities, one pass");
		}

		@Override
		public UncertaintyScorer create(Scorers.Options options) {
			return new SinglePassScorer(PixelUncertainty.ENTROPY, options.topFraction());
		}
	}

	public static final class Margin extends NamedExtension implements ScorerFactory {
		public Margin() {
			super(PixelUncertainty.MARGIN.id(), "small gap between the two most probable classes, one pass");
		}

		@Override
		public UncertaintyScorer create(Scorers.Options options) {
			return new SinglePassScorer(PixelUncertainty.MARGIN, options.topFraction());
		}
	}

	public static final class LeastConfidence extends NamedExtension implements ScorerFactory {
		public LeastConfidence() {
			super(PixelUncertainty.LEAST_CONFIDENCE.id(), "low probability of the most probable class, one pass");
		}

		@Override
		public UncertaintyScorer create(Scorers.Options options) {
			return new SinglePassScorer(PixelUncertainty.LEAST_CONFIDENCE, options.topFraction());
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
