/**
 * How unsure a model is: {@link UncertaintyScorer}s made by registered {@link ScorerFactory}s
 * ({@link Scorers}: entropy, margin, least confidence, test-time augmentation, BALD) produce a
 * proposal with per-pixel uncertainty and {@link ImageScores}. Uses core.inference, core.image,
 * core.work and core.registry.
 */
package org.segloop.core.uncertainty;
