package org.segloop.core.uncertainty;

/** SegLoop's own scorers, as {@link ScorerFactory} providers (listed, in this order, in META-INF/services). */
public final class BuiltInScorers {

	private BuiltInScorers() {}

	public static final class Entropy implements ScorerFactory {
		@Override
		public String name() {
			return PixelUncertainty.ENTROPY.id();
		}

		@Override
		public String description() {
			return "entropy of the class probabilities, one pass";
		}

		@Override
		public UncertaintyScorer create(Scorers.Options options) {
			return new SinglePassScorer(PixelUncertainty.ENTROPY, options.topFraction());
		}
	}

	public static final class Margin implements ScorerFactory {
		@Override
		public String name() {
			return PixelUncertainty.MARGIN.id();
		}

		@Override
		public String description() {
			return "small gap between the two most probable classes, one pass";
		}

		@Override
		public UncertaintyScorer create(Scorers.Options options) {
			return new SinglePassScorer(PixelUncertainty.MARGIN, options.topFraction());
		}
	}

	public static final class LeastConfidence implements ScorerFactory {
		@Override
		public String name() {
			return PixelUncertainty.LEAST_CONFIDENCE.id();
		}

		@Override
		public String description() {
			return "low probability of the most probable class, one pass";
		}

		@Override
		public UncertaintyScorer create(Scorers.Options options) {
			return new SinglePassScorer(PixelUncertainty.LEAST_CONFIDENCE, options.topFraction());
		}
	}

	public static final class TestTimeAugmentation implements ScorerFactory {
		@Override
		public String name() {
			return "tta";
		}

		@Override
		public String description() {
			return "entropy of the mean of K test-time augmented passes";
		}

		@Override
		public UncertaintyScorer create(Scorers.Options options) {
			return new TestTimeAugmentationScorer(TestTimeAugmentationScorer.Mode.ENTROPY_OF_MEAN, options.augmentations(), options.topFraction());
		}
	}

	public static final class Bald implements ScorerFactory {
		@Override
		public String name() {
			return "bald";
		}

		@Override
		public String description() {
			return "disagreement between K test-time augmented passes (BALD)";
		}

		@Override
		public UncertaintyScorer create(Scorers.Options options) {
			return new TestTimeAugmentationScorer(TestTimeAugmentationScorer.Mode.DISAGREEMENT, options.augmentations(), options.topFraction());
		}
	}
}
