package org.segloop.core.inference;

/** Fast float exponentials for postprocessing, where they dominate the per-pixel cost. */
final class FastMath {

	private static final int STEPS_PER_UNIT = 256;
	private static final float RANGE = 20f; // exp(-20) = 2e-9: below that, probabilities do not change
	private static final float[] TABLE = new float[(int) (RANGE * STEPS_PER_UNIT) + 2];

	static {
		for (int k = 0; k < TABLE.length; k++) TABLE[k] = (float) Math.exp(-(double) k / STEPS_PER_UNIT);
	}

	private FastMath() {}

	/**
	 * exp(x) for x ≤ 0: the nearest table entry times a second-order correction, relative error
	 * below 1e-6 down to x = -20 and absolute error below 3e-9 beyond. The table index comes from
	 * the float's mantissa (adding 2^23 rounds to an integer), which avoids Java's float-to-int
	 * conversion and its fix-up branch; no branches are data-dependent.
	 */
	static float expNonPositive(float x) {
		float t = -(x < -RANGE ? -RANGE : x) * STEPS_PER_UNIT; // 0 ≤ t ≤ 5120
		float rounded = t + 0x1p23f;
		int i = Float.floatToRawIntBits(rounded) & 0x7FFFFF;
		float g = (t - (rounded - 0x1p23f)) * (1f / STEPS_PER_UNIT); // |g| ≤ 1/512
		return TABLE[i] * (1f - g + 0.5f * g * g);
	}

	/** exp(x) accurate to a few 1e-6 relative over the whole float range. */
	static float exp(float x) {
		if (x < -87.3f) return 0f;
		if (x > 88.7f) return Float.POSITIVE_INFINITY;
		float y = x * 1.442695041f; // exp(x) = 2^y
		int n = (int) y;
		if (y < n) n--; // floor for negatives
		float f = y - n; // in [0, 1)
		// minimax polynomial of 2^f on [0, 1)
		float p = 1.8775767e-3f;
		p = p * f + 8.9893397e-3f;
		p = p * f + 5.5826318e-2f;
		p = p * f + 2.4015361e-1f;
		p = p * f + 6.9315308e-1f;
		p = p * f + 9.9999994e-1f;
		return n < -126 ? p * Float.intBitsToFloat((n + 126 + 127) << 23) * 0x1p-126f : p * Float.intBitsToFloat((n + 127) << 23);
	}
}
