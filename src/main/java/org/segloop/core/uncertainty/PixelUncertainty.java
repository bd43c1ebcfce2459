package org.segloop.core.uncertainty;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How unsure the model is about one pixel, from its class probabilities, scaled to [0, 1]
 * (0 = certain, 1 = as unsure as possible). Registered by name for settings and the CLI.
 */
public enum PixelUncertainty {

	/** Shannon entropy divided by log(classes). */
	ENTROPY("entropy") {
		@Override
		public float of(float[][] p, int i) {
			double h = 0;
			for (float[] c : p) h -= plogp(c[i]);
			if (p.length == 1) h -= plogp(1 - p[0][i]); // binary output: the other class is implicit
			return (float) (h / Math.log(Math.max(2, p.length)));
		}
	},
	/** 1 − (p₁ − p₂), the gap between the two most probable classes. */
	MARGIN("margin") {
		@Override
		public float of(float[][] p, int i) {
			float first = 0, second = 0;
			for (float[] c : p) {
				float v = c[i];
				if (v > first) {
					second = first;
					first = v;
				}
				else if (v > second) second = v;
			}
			if (p.length == 1) second = 1 - first; // binary output: the other class is implicit
			return 1 - Math.abs(first - second);
		}
	},
	/** (1 − max p) scaled so that the uniform distribution gives 1. */
	LEAST_CONFIDENCE("least_confidence") {
		@Override
		public float of(float[][] p, int i) {
			float max = 0;
			for (float[] c : p) max = Math.max(max, c[i]);
			if (p.length == 1) max = Math.max(max, 1 - max);
			int classes = Math.max(2, p.length);
			return (1 - max) * classes / (classes - 1);
		}
	};

	private static double plogp(float v) {
		return v > 0 ? v * Math.log(v) : 0;
	}

	private final String id;

	PixelUncertainty(String id) {
		this.id = id;
	}

	public String id() {
		return id;
	}

	/** Uncertainty of pixel {@code i}, given {@code p[class][pixel]}. */
	public abstract float of(float[][] p, int i);

	public static PixelUncertainty byName(String name) {
		for (PixelUncertainty u : values())
			if (u.id.equals(name.toLowerCase(Locale.ROOT))) return u;
		throw new IllegalArgumentException("unknown uncertainty measure '" + name + "'; known: " + names());
	}

	public static List<String> names() {
		return Arrays.stream(values()).map(PixelUncertainty::id).toList();
	}
}
