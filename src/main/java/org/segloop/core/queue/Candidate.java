package org.segloop.core.queue;

/**
 * An image that can be served: predicted, not leased, corrected or skipped.
 *
 * @param score its uncertainty under the project's reduction (NaN when unscored)
 * @param embedding small descriptor for diversity, or null
 * @param lastServedAt when it was last served (ms since the epoch), or null if never
 */
public record Candidate(long imageId, double score, float[] embedding, Long lastServedAt) {}
