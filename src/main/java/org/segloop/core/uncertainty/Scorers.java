package org.segloop.core.uncertainty;

import java.util.List;

/** The uncertainty scorers, by name, as settings and the CLI refer to them. */
public final class Scorers {

	/**
	 * @param topFraction the fraction of most uncertain pixels the {@code top} reduction averages
	 * @param augmentations K, the passes of {@code tta} and {@code bald} (2 to 8)
	 */
	public record Options(double topFraction, int augmentations) {

		public static Options defaults() {
			return new Options(0.05, 4);
		}
	}

	private Scorers() {}

	public static List<String> names() {
		return List.of("entropy", "margin", "least_confidence", "tta", "bald");
	}

	/** @throws IllegalArgumentException for an unknown name, listing the known ones */
	public static UncertaintyScorer create(String name, Options options) {
		if (!names().contains(name)) throw new IllegalArgumentException("unknown uncertainty scorer '" + name + "'; known: " + names());
		return switch (name) {
			case "tta" -> new TestTimeAugmentationScorer(TestTimeAugmentationScorer.Mode.ENTROPY_OF_MEAN, options.augmentations(),
				options.topFraction());
			case "bald" -> new TestTimeAugmentationScorer(TestTimeAugmentationScorer.Mode.DISAGREEMENT, options.augmentations(),
				options.topFraction());
			default -> new SinglePassScorer(PixelUncertainty.byName(name), options.topFraction());
		};
	}
}
