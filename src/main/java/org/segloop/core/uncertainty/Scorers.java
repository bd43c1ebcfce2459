package org.segloop.core.uncertainty;

import java.util.List;

import org.segloop.core.registry.Registry;
import org.segloop.core.registry.UnknownNameException;

/**
 * The uncertainty scorers, by name, as settings and the CLI refer to them: SegLoop's built-ins and
 * any {@link ScorerFactory} a jar on the class path registers.
 */
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

	public static final Registry<ScorerFactory> REGISTRY = new Registry<>(ScorerFactory.class, "uncertainty scorer");

	private Scorers() {}

	public static List<String> names() {
		return REGISTRY.names();
	}

	/**
	 * @throws UnknownNameException for an unknown name, listing the known ones
	 * @throws IllegalArgumentException for options the scorer cannot use
	 */
	public static UncertaintyScorer create(String name, Options options) {
		return REGISTRY.byName(name).create(options);
	}
}
