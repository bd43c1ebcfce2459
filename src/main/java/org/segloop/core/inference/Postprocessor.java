package org.segloop.core.inference;

import java.util.List;

import org.segloop.core.model.ProcessingStep;

/**
 * Applies a model's postprocessing to the class vector of one pixel (softmax over classes,
 * sigmoid, binarize, clip, scale_linear). Runs only on the core pixels of each tile, before
 * blending, so blended values are probabilities.
 */
final class Postprocessor {

	private final ProcessingStep[] steps;

	Postprocessor(List<ProcessingStep> steps) {
		for (ProcessingStep s : steps)
			if (s instanceof ProcessingStep.Pooled || s instanceof ProcessingStep.FixedZeroMeanUnitVariance
				|| s instanceof ProcessingStep.EnsureDtype)
				throw new IllegalArgumentException(s.getClass().getSimpleName() + " as postprocessing");
		this.steps = steps.toArray(ProcessingStep[]::new);
	}

	void apply(float[] v) {
		for (ProcessingStep s : steps) {
			if (s instanceof ProcessingStep.Softmax) softmax(v);
			else if (s instanceof ProcessingStep.Sigmoid) for (int c = 0; c < v.length; c++)
				v[c] = (float) (1 / (1 + Math.exp(-v[c])));
			else if (s instanceof ProcessingStep.Binarize b) for (int c = 0; c < v.length; c++)
				v[c] = v[c] > Preprocessor.pick(b.threshold(), c) ? 1 : 0;
			else if (s instanceof ProcessingStep.Clip k) for (int c = 0; c < v.length; c++)
				v[c] = (float) Math.min(k.max(), Math.max(k.min(), v[c]));
			else if (s instanceof ProcessingStep.ScaleLinear l) for (int c = 0; c < v.length; c++)
				v[c] = (float) (v[c] * Preprocessor.pick(l.gain(), c) + Preprocessor.pick(l.offset(), c));
		}
	}

	static void softmax(float[] v) {
		float max = Float.NEGATIVE_INFINITY;
		for (float x : v) max = Math.max(max, x);
		double sum = 0;
		for (int c = 0; c < v.length; c++) {
			v[c] = (float) Math.exp(v[c] - max);
			sum += v[c];
		}
		for (int c = 0; c < v.length; c++) v[c] /= sum;
	}
}
