package org.segloop.core.inference;

/** Float exp accurate to a few 1e-7 (relative), several times faster than Math.exp on doubles. */
final class FastMath {

	private FastMath() {}

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
