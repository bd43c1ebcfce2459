package org.segloop.core.uncertainty;

import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/**
 * Says how unsure a model is about an image: segments it (the proposal) and measures uncertainty
 * per pixel and per image. Scoring is separate from selecting: queue strategies only see the
 * numbers. Made by the {@link ScorerFactory} of the same name, found through {@link Scorers}.
 *
 * <p>Contract: blocking, on the calling thread, using the tool (so one image at a time per tool);
 * stops with a {@link java.util.concurrent.CancellationException} at the next tile when cancelled,
 * producing nothing. Progress counts model runs over all passes. The result has a proposal, a map
 * of {@code float[slices * frames][width * height]} (plane index {@code z + slices * t}) with every
 * value finite and in [0, 1], and finite scores; {@link Scorers#score} holds added scorers to it.
 */
public interface UncertaintyScorer {

	/** The registered name, e.g. "entropy" or "tta". */
	String name();

	/** Model passes per image (1, or K for test-time augmentation). */
	default int passes() {
		return 1;
	}

	ScoredSegmentation score(SegmentationTool tool, ImageVolume image, ProgressListener progress, Cancellation cancel);
}
