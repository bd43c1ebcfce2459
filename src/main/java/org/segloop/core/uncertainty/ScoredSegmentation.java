package org.segloop.core.uncertainty;

import org.segloop.core.inference.SegmentationResult;

/**
 * A proposal with its uncertainty.
 *
 * @param proposal class mask and instances
 * @param uncertainty per-pixel uncertainty in [0, 1], per plane ({@code z + slices * t})
 * @param scores the image's reduced scores
 * @param scorer name of the scorer that measured it
 */
public record ScoredSegmentation(SegmentationResult proposal, float[][] uncertainty, ImageScores scores, String scorer) {}
