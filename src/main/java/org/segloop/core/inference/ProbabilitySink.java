package org.segloop.core.inference;

/**
 * Receives class probabilities as the segmenter finishes them, block by block, so that no full-size
 * probability image needs to exist. Label masks, probability files and uncertainty reductions are
 * all sinks.
 *
 * <p>Contract: calls come one at a time, in order ({@link #begin} on the caller's thread, then
 * {@link #accept} for every block on the segmenter's worker thread, each pixel exactly once, then
 * {@link #end} on the caller's thread), with happens-before between them, so a sink needs no
 * locking. No {@code end} when the run fails or is cancelled. Must not block for long; must not
 * keep the chunk's arrays.
 */
public interface ProbabilitySink {

	default void begin(SegmentationGeometry geometry) {}

	void accept(ProbabilityChunk chunk);

	default void end() {}
}
