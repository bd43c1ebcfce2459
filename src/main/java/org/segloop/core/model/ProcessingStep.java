package org.segloop.core.model;

import java.util.List;

/**
 * Pre- and post-processing steps of bioimage.io model descriptions. Every step is point-wise once
 * its statistics are known, so SegLoop computes statistics on the whole image and then applies the
 * step tile by tile: tiles of one image are normalised identically.
 */
public sealed interface ProcessingStep {

	/** Axes over which statistics are pooled; null means all axes (channels joined). */
	interface Pooled {
		List<String> axes();

		/** Whether statistics are pooled over channels too, instead of one set per channel. */
		default boolean joinsChannels() {
			return axes() == null || axes().contains("c") || axes().contains("channel");
		}
	}

	record ScaleRange(List<String> axes, double minPercentile, double maxPercentile, double eps)
		implements ProcessingStep, Pooled {}

	record ZeroMeanUnitVariance(List<String> axes, double eps) implements ProcessingStep, Pooled {}

	/** Per-channel mean and std when the lists have several values, else one for all channels. */
	record FixedZeroMeanUnitVariance(double[] mean, double[] std, double eps) implements ProcessingStep {}

	/** {@code gain * x + offset}, per channel when the arrays have several values. */
	record ScaleLinear(double[] gain, double[] offset) implements ProcessingStep {}

	record Clip(double min, double max) implements ProcessingStep {}

	/** 1 where x > threshold else 0; per channel when several thresholds are given. */
	record Binarize(double[] threshold) implements ProcessingStep {}

	/** Cast; SegLoop computes in float32, so integer types round and clamp. */
	record EnsureDtype(String dtype) implements ProcessingStep {}

	record Sigmoid() implements ProcessingStep {}

	/** Softmax over the channel axis. */
	record Softmax() implements ProcessingStep {}
}
