package org.segloop.core.project;

import java.util.Map;

import org.segloop.core.queue.Strategies;
import org.segloop.core.registry.UnknownNameException;
import org.segloop.core.uncertainty.ImageScores;
import org.segloop.core.uncertainty.Scorers;

/**
 * How a project scores and serves its images. Stored in the database, set at {@code init} and
 * changeable later.
 *
 * @param strategy queue strategy name (see {@link Strategies})
 * @param scorer uncertainty scorer name (see {@link Scorers})
 * @param reduction which image score ranks the queue
 * @param topFraction fraction of pixels the {@code top} reduction averages
 * @param augmentations K for the test-time-augmentation scorers
 * @param seed seed of the {@code random} strategy and of export splits
 * @param leaseMinutes how long an image served by {@code next} stays reserved for its annotator
 * @param rotation how many of the best candidates {@code next} rotates among, least recently served first
 * @param coldStart the strategy that serves while the project holds no correction yet, or {@value #NO_COLD_START}: the
 *     starting model's uncertainty tends to pick atypical images first, and a model fine-tuned on those alone can get worse on
 *     typical ones, so a first batch that represents the pool (e.g. {@code diverse}) is the safer start
 */
public record ProjectSettings(String strategy, String scorer, ImageScores.Reduction reduction, double topFraction, int augmentations,
	long seed, int leaseMinutes, int rotation, String coldStart)
{

	/** {@link #coldStart} when the project's own strategy serves from the first image on. */
	public static final String NO_COLD_START = "none";

	/**
	 * Names are not looked up here: a stored project whose scorer or strategy came from a jar that
	 * is not installed now must still open (status reads it), so they are checked when set
	 * ({@link #withStrategy}, {@link #withScorer}), when saved ({@link ProjectStore#saveSettings}) and
	 * when used ({@link ProjectExtensions}).
	 */
	public ProjectSettings {
		if (coldStart == null) coldStart = NO_COLD_START;
		if (strategy == null || scorer == null) throw new IllegalArgumentException("a strategy and a scorer are needed");
		if (leaseMinutes < 1) throw new IllegalArgumentException("leaseMinutes must be ≥ 1");
		if (rotation < 1) throw new IllegalArgumentException("rotation must be ≥ 1");
	}

	public static ProjectSettings defaults() {
		return new ProjectSettings("uncertainty", "entropy", ImageScores.Reduction.TOP, 0.05, 4, 42, 30, 3, NO_COLD_START);
	}

	public Scorers.Options scorerOptions() {
		return new Scorers.Options(topFraction, augmentations);
	}

	/** @throws UnknownNameException for a strategy that is not installed; the registered spelling is kept */
	public ProjectSettings withStrategy(String name) {
		return new ProjectSettings(Strategies.byName(name).name(), scorer, reduction, topFraction, augmentations, seed, leaseMinutes, rotation, coldStart);
	}

	/** @throws UnknownNameException for a scorer that is not installed; the registered spelling is kept */
	public ProjectSettings withScorer(String name) {
		return new ProjectSettings(strategy, Scorers.REGISTRY.byName(name).name(), reduction, topFraction, augmentations, seed, leaseMinutes, rotation, coldStart);
	}

	/**
	 * @param name a strategy's name, or {@value #NO_COLD_START} (any case) for none
	 * @throws UnknownNameException for a strategy that is not installed; the registered spelling is kept
	 */
	public ProjectSettings withColdStart(String name) {
		String stored = name == null || name.equalsIgnoreCase(NO_COLD_START) ? NO_COLD_START : Strategies.byName(name).name();
		return new ProjectSettings(strategy, scorer, reduction, topFraction, augmentations, seed, leaseMinutes, rotation, stored);
	}

	public boolean hasColdStart() {
		return !NO_COLD_START.equals(coldStart);
	}

	public ProjectSettings withSeed(long value) {
		return new ProjectSettings(strategy, scorer, reduction, topFraction, augmentations, value, leaseMinutes, rotation, coldStart);
	}

	public ProjectSettings withLeaseMinutes(int value) {
		return new ProjectSettings(strategy, scorer, reduction, topFraction, augmentations, seed, value, rotation, coldStart);
	}

	Map<String, String> toMeta() {
		return Map.of("strategy", strategy, "scorer", scorer, "reduction", reduction.id(), "top_fraction", Double.toString(topFraction),
			"augmentations", Integer.toString(augmentations), "seed", Long.toString(seed), "lease_minutes", Integer.toString(leaseMinutes),
			"rotation", Integer.toString(rotation), "cold_start", coldStart);
	}

	static ProjectSettings fromMeta(Map<String, String> meta) {
		ProjectSettings d = defaults();
		return new ProjectSettings(meta.getOrDefault("strategy", d.strategy), meta.getOrDefault("scorer", d.scorer),
			ImageScores.Reduction.byName(meta.getOrDefault("reduction", d.reduction.id())),
			Double.parseDouble(meta.getOrDefault("top_fraction", Double.toString(d.topFraction))),
			Integer.parseInt(meta.getOrDefault("augmentations", Integer.toString(d.augmentations))),
			Long.parseLong(meta.getOrDefault("seed", Long.toString(d.seed))),
			Integer.parseInt(meta.getOrDefault("lease_minutes", Integer.toString(d.leaseMinutes))),
			Integer.parseInt(meta.getOrDefault("rotation", Integer.toString(d.rotation))), meta.getOrDefault("cold_start", d.coldStart));
	}
}
