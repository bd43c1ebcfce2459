/**
 * How unsure a model is: {@link UncertaintyScorer}s by name in {@link Scorers} (entropy, margin, least
 * confidence, test-time augmentation, BALD) produce a proposal with per-pixel uncertainty and
 * {@link ImageScores}. Uses core.inference, core.image and core.work.
 */
package org.segloop.core.uncertainty;
