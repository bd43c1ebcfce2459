package org.segloop.core.project;

import java.util.Map;

import org.segloop.core.queue.Strategies;
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
 */
public record ProjectSettings(String strategy, String scorer, ImageScores.Reduction reduction, double topFraction, int augmentations,
	long seed, int leaseMinutes, int rotation)
{

	public ProjectSettings {
		// unknown names are refused here (UnknownNameException), so no surface can store one; the registered spelling is kept
		strategy = Strategies.byName(strategy).name();
		scorer = Scorers.REGISTRY.byName(scorer).name();
		Scorers.create(scorer, new Scorers.Options(topFraction, augmentations)); // validates the options
		if (leaseMinutes < 1) throw new IllegalArgumentException("leaseMinutes must be ≥ 1");
		if (rotation < 1) throw new IllegalArgumentException("rotation must be ≥ 1");
	}

	public static ProjectSettings defaults() {
		return new ProjectSettings("uncertainty", "entropy", ImageScores.Reduction.TOP, 0.05, 4, 42, 30, 3);
	}

	public Scorers.Options scorerOptions() {
		return new Scorers.Options(topFraction, augmentations);
	}

	public ProjectSettings withStrategy(String name) {
		return new ProjectSettings(name, scorer, reduction, topFraction, augmentations, seed, leaseMinutes, rotation);
	}

	public ProjectSettings withScorer(String name) {
		return new ProjectSettings(strategy, name, reduction, topFraction, augmentations, seed, leaseMinutes, rotation);
	}

	public ProjectSettings withSeed(long value) {
		return new ProjectSettings(strategy, scorer, reduction, topFraction, augmentations, value, leaseMinutes, rotation);
	}

	public ProjectSettings withLeaseMinutes(int value) {
		return new ProjectSettings(strategy, scorer, reduction, topFraction, augmentations, seed, value, rotation);
	}

	Map<String, String> toMeta() {
		return Map.of("strategy", strategy, "scorer", scorer, "reduction", reduction.id(), "top_fraction", Double.toString(topFraction),
			"augmentations", Integer.toString(augmentations), "seed", Long.toString(seed), "lease_minutes", Integer.toString(leaseMinutes),
			"rotation", Integer.toString(rotation));
	}

	static ProjectSettings fromMeta(Map<String, String> meta) {
		ProjectSettings d = defaults();
		return new ProjectSettings(meta.getOrDefault("strategy", d.strategy), meta.getOrDefault("scorer", d.scorer),
			ImageScores.Reduction.byName(meta.getOrDefault("reduction", d.reduction.id())),
			Double.parseDouble(meta.getOrDefault("top_fraction", Double.toString(d.topFraction))),
			Integer.parseInt(meta.getOrDefault("augmentations", Integer.toString(d.augmentations))),
			Long.parseLong(meta.getOrDefault("seed", Long.toString(d.seed))),
			Integer.parseInt(meta.getOrDefault("lease_minutes", Integer.toString(d.leaseMinutes))),
			Integer.parseInt(meta.getOrDefault("rotation", Integer.toString(d.rotation))));
	}
}
