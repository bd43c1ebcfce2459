package org.segloop.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FastMathTest {

	@Test
	void expIsWithinAFewMillionthsOfMathExpOverTheWholeFloatRange() {
		double worst = 0;
		for (float x = -87f; x <= 88f; x += 0.00137f) {
			double exact = Math.exp(x);
			worst = Math.max(worst, Math.abs(FastMath.exp(x) - exact) / exact);
		}
		assertTrue(worst < 5e-6, "worst relative error " + worst);
	}

	@Test
	void theTableExpForSoftmaxIsWithinTwoMillionthsDownToMinusTwenty() {
		double worst = 0;
		for (float x = -20f; x <= 0f; x += 0.000913f) {
			double exact = Math.exp(x);
			worst = Math.max(worst, Math.abs(FastMath.expNonPositive(x) - exact) / exact);
		}
		assertTrue(worst < 2e-6, "worst relative error " + worst);
		assertTrue(FastMath.expNonPositive(-50f) < 3e-9f);
		assertEquals(1f, FastMath.expNonPositive(0f));
	}

	@Test
	void expUnderflowsToZeroAndOverflowsToInfinity() {
		assertEquals(0f, FastMath.exp(-200f));
		assertEquals(Float.POSITIVE_INFINITY, FastMath.exp(200f));
		assertEquals(1f, FastMath.exp(0f), 1e-7);
	}
}
