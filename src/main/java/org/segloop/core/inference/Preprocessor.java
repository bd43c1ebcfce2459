package org.segloop.core.inference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.segloop.core.UserSetting;
import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.model.ProcessingStep;
import org.segloop.core.model.SegLoopSettings.IntensityWindow;

/**
 * Turns a model's preprocessing steps into one {@link ValuePipeline} per input channel for one
 * sample, with statistics taken over the whole sample (not per tile), so that all tiles of an image
 * are normalised identically. The value calibration (e.g. to Hounsfield units) and the optional
 * CT intensity window are applied first. NaN or infinite pixels are refused (typed error) unless
 * the policy says to feed them as 0.
 */
public final class Preprocessor {

	/** What to do with NaN or infinite pixels. */
	public enum NonFinitePolicy {
		/** Refuse the image with a typed error. */
		FAIL,
		/** Exclude them from statistics and feed 0 to the model. */
		ZERO
	}

	private final List<ProcessingStep> steps;
	private final IntensityWindow window;
	private final NonFinitePolicy policy;

	Preprocessor(List<ProcessingStep> steps, IntensityWindow window, NonFinitePolicy policy) {
		this.steps = steps;
		this.window = window;
		this.policy = policy;
	}

	/**
	 * @param channelPlanes for each input channel, the plane arrays of the sample (one plane for 2D
	 *          models, all slices for 3D models)
	 */
	ValuePipeline[] compile(List<List<Object>> channelPlanes, Calibration calibration, Path source) {
		int channels = channelPlanes.size();
		ValuePipeline[] p = new ValuePipeline[channels];
		for (int c = 0; c < channels; c++) {
			p[c] = ValuePipeline.identity();
			if (calibration.hasValueFunction()) p[c] = p[c].affine(calibration.valueSlope(), calibration.valueOffset());
			if (window != null) p[c] = p[c].clip(window.low(), window.high());
		}
		SampleValues[] perChannel = null;
		SampleValues joint = null;
		for (ProcessingStep step : steps) {
			if (step instanceof ProcessingStep.Pooled pooled) {
				if (pooled.joinsChannels() && joint == null) joint = values(flatten(channelPlanes), source);
				if (!pooled.joinsChannels() && perChannel == null) {
					perChannel = new SampleValues[channels];
					for (int c = 0; c < channels; c++) perChannel[c] = values(channelPlanes.get(c), source);
				}
			}
			for (int c = 0; c < channels; c++) {
				SampleValues v = step instanceof ProcessingStep.Pooled pooled ? (pooled.joinsChannels() ? joint : perChannel[c]) : null;
				p[c] = apply(step, p[c], v, c);
			}
		}
		if (perChannel == null && joint == null) checkFinite(channelPlanes, source); // no statistics step has looked
		return p;
	}

	private SampleValues values(List<Object> planes, Path source) {
		SampleValues v = SampleValues.of(planes);
		if (v.nonFinite() > 0 && policy == NonFinitePolicy.FAIL) throw new ImageInputException(source,
			"has " + v.nonFinite() + " NaN or infinite pixel values",
			"replace them (Process > Math > Remove NaNs… in Fiji), or segment treating them as background", UserSetting.NON_FINITE);
		return v;
	}

	/** Checks for non-finite values when no statistics step has seen them. */
	private void checkFinite(List<List<Object>> channelPlanes, Path source) {
		if (policy == NonFinitePolicy.ZERO) return;
		for (List<Object> planes : channelPlanes)
			for (Object p : planes)
				if (p instanceof float[] f) for (float v : f)
					if (!Float.isFinite(v)) {
						values(planes, source);
						return;
					}
	}

	private static ValuePipeline apply(ProcessingStep step, ValuePipeline p, SampleValues v, int c) {
		if (step instanceof ProcessingStep.ScaleRange s) {
			double lo = v.percentile(s.minPercentile(), p);
			double hi = v.percentile(s.maxPercentile(), p);
			double scale = 1 / (hi - lo + s.eps());
			return p.affine(scale, -lo * scale);
		}
		if (step instanceof ProcessingStep.ZeroMeanUnitVariance z) {
			double[] ms = v.meanStd(p);
			double scale = 1 / (ms[1] + z.eps());
			return p.affine(scale, -ms[0] * scale);
		}
		if (step instanceof ProcessingStep.FixedZeroMeanUnitVariance z) {
			double scale = 1 / (pick(z.std(), c) + z.eps());
			return p.affine(scale, -pick(z.mean(), c) * scale);
		}
		if (step instanceof ProcessingStep.ScaleLinear s) return p.affine(pick(s.gain(), c), pick(s.offset(), c));
		if (step instanceof ProcessingStep.Clip s) return p.clip(s.min(), s.max());
		if (step instanceof ProcessingStep.Binarize s) return p.binarize(pick(s.threshold(), c));
		if (step instanceof ProcessingStep.EnsureDtype e) return switch (e.dtype()) {
			case "float32", "float64" -> p;
			case "uint8" -> p.roundClamp(0, 255);
			case "int8" -> p.roundClamp(-128, 127);
			case "uint16" -> p.roundClamp(0, 65535);
			case "int16" -> p.roundClamp(-32768, 32767);
			default -> p.roundClamp(-Double.MAX_VALUE, Double.MAX_VALUE);
		};
		throw new IllegalArgumentException("not a preprocessing step: " + step);
	}

	static double pick(double[] values, int c) {
		return values.length == 1 ? values[0] : values[Math.min(c, values.length - 1)];
	}

	private static List<Object> flatten(List<List<Object>> channelPlanes) {
		List<Object> all = new ArrayList<>();
		channelPlanes.forEach(all::addAll);
		return all;
	}
}
