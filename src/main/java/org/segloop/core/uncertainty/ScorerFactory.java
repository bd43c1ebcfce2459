package org.segloop.core.uncertainty;

import org.segloop.core.registry.Extension;

/**
 * The extension point of uncertainty scorers: makes the {@link UncertaintyScorer} a project's
 * settings name. Listed in {@code META-INF/services/org.segloop.core.uncertainty.ScorerFactory};
 * found through {@link Scorers}.
 */
public interface ScorerFactory extends Extension {

	/**
	 * A scorer with these options; its {@link UncertaintyScorer#name()} is this factory's name.
	 * Called when a project's settings are saved (to check the options) and once per prediction
	 * run, never when settings are only read: keep it cheap (no model loading, no I/O).
	 *
	 * @throws IllegalArgumentException when the options do not suit it (e.g. too many augmentations)
	 */
	UncertaintyScorer create(Scorers.Options options);
}
