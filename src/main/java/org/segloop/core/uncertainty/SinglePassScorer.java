package org.segloop.core.uncertainty;

import java.util.List;

import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.SegmentationResult;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/** Uncertainty from one pass's probabilities (entropy, margin or least confidence), computed as they stream. */
final class SinglePassScorer implements UncertaintyScorer {

	private final PixelUncertainty measure;
	private final double topFraction;

	SinglePassScorer(PixelUncertainty measure, double topFraction) {
		this.measure = measure;
		this.topFraction = topFraction;
	}

	@Override
	public String name() {
		return measure.id();
	}

	@Override
	public ScoredSegmentation score(SegmentationTool tool, ImageVolume image, ProgressListener progress, Cancellation cancel) {
		UncertaintySink sink = new UncertaintySink(measure, topFraction, true);
		SegmentationResult r = tool.segment(image, List.of(sink), progress, cancel);
		return new ScoredSegmentation(r, sink.map(), sink.scores(), name());
	}
}
