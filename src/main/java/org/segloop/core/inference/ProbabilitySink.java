package org.segloop.core.inference;

/**
 * Receives class probabilities as the segmenter finishes them, block by block, so that no full-size
 * probability image needs to exist. Label masks, probability files and uncertainty reductions are
 * all sinks.
 *
 * <p>Contract: called on the thread that runs the segmentation, in order: {@link #begin}, then
 * {@link #accept} for every block (each pixel exactly once), then {@link #end} — or no
 * {@code end} when the run fails or is cancelled. Must not block for long; must not keep the
 * chunk's arrays.
 */
public interface ProbabilitySink {

	default void begin(SegmentationGeometry geometry) {}

	void accept(ProbabilityChunk chunk);

	default void end() {}
}
