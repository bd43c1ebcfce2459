package org.segloop.core.inference;

import java.util.List;

import org.segloop.core.model.ProcessingStep;

/**
 * Applies a model's postprocessing to class vectors (softmax over classes, sigmoid, binarize, clip,
 * scale_linear). Runs only on the core pixels of each tile, before blending, so blended values are
 * probabilities. Works on rows ({@code rows[c][i]}) so the per-pixel cost stays a few nanoseconds.
 * Not thread-safe (keeps a scratch row).
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

	/** Post-processes pixels 0..n-1 of the class rows in place. */
	void applyRows(float[][] rows, int n) {
		int classes = rows.length;
		for (ProcessingStep s : steps) {
			if (s instanceof ProcessingStep.Softmax) softmaxRows(rows, n);
			else if (s instanceof ProcessingStep.Sigmoid) for (float[] r : rows)
				for (int i = 0; i < n; i++) r[i] = 1 / (1 + FastMath.exp(-r[i]));
			else if (s instanceof ProcessingStep.Binarize b) for (int c = 0; c < classes; c++) {
				float t = (float) Preprocessor.pick(b.threshold(), c);
				for (int i = 0; i < n; i++) rows[c][i] = rows[c][i] > t ? 1 : 0;
			}
			else if (s instanceof ProcessingStep.Clip k) for (float[] r : rows)
				for (int i = 0; i < n; i++) r[i] = (float) Math.min(k.max(), Math.max(k.min(), r[i]));
			else if (s instanceof ProcessingStep.ScaleLinear l) for (int c = 0; c < classes; c++) {
				float g = (float) Preprocessor.pick(l.gain(), c), o = (float) Preprocessor.pick(l.offset(), c);
				for (int i = 0; i < n; i++) rows[c][i] = rows[c][i] * g + o;
			}
		}
	}

	/** One pixel's class vector, in place. */
	void apply(float[] v) {
		float[][] rows = new float[v.length][1];
		for (int c = 0; c < v.length; c++) rows[c][0] = v[c];
		applyRows(rows, 1);
		for (int c = 0; c < v.length; c++) v[c] = rows[c][0];
	}

	private float[] scratch = new float[0];

	/**
	 * Numerically safe softmax (shifted by the pixel's maximum) in row-major loops without
	 * data-dependent branches, with the table exponential for the non-positive shifted logits.
	 */
	private void softmaxRows(float[][] rows, int n) {
		if (scratch.length < n) scratch = new float[n];
		float[] m = scratch;
		System.arraycopy(rows[0], 0, m, 0, n);
		for (int c = 1; c < rows.length; c++) {
			float[] r = rows[c];
			for (int i = 0; i < n; i++) m[i] = r[i] > m[i] ? r[i] : m[i]; // not Math.max: its NaN rules cost more
		}
		for (float[] r : rows)
			for (int i = 0; i < n; i++) r[i] = FastMath.expNonPositive(r[i] - m[i]);
		float[] sum = m; // the maxima are no longer needed
		System.arraycopy(rows[0], 0, sum, 0, n);
		for (int c = 1; c < rows.length; c++) {
			float[] r = rows[c];
			for (int i = 0; i < n; i++) sum[i] += r[i];
		}
		for (int i = 0; i < n; i++) sum[i] = 1 / sum[i];
		for (float[] r : rows)
			for (int i = 0; i < n; i++) r[i] *= sum[i];
	}
}
