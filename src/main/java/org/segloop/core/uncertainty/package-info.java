/**
 * How unsure a model is: {@link UncertaintyScorer}s made by registered {@link ScorerFactory}s
 * ({@link Scorers}: entropy, margin, least confidence, test-time augmentation, BALD) produce a
 * proposal with per-pixel uncertainty and {@link ImageScores}. Uses core.inference, core.image,
 * core.work, core.registry and core.metrics (voxel volumes of objects).
 */
package org.segloop.core.uncertainty;
