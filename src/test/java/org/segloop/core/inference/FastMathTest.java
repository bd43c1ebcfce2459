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
	void softmaxOfExtremeLogitsStaysAProbability() {
		Postprocessor p = new Postprocessor(java.util.List.of(new org.segloop.core.model.ProcessingStep.Softmax()));
		float[] v = { -1000f, 0f, 1000f };
		p.apply(v);
		assertEquals(1f, v[0] + v[1] + v[2], 1e-6);
		assertEquals(1f, v[2], 1e-6);
		float[] w = { 1f, 2f, 3f };
		p.apply(w);
		double s = Math.exp(1) + Math.exp(2) + Math.exp(3);
		assertEquals(Math.exp(1) / s, w[0], 1e-6);
		assertEquals(Math.exp(3) / s, w[2], 1e-6);
	}

	@Test
	void expUnderflowsToZeroAndOverflowsToInfinity() {
		assertEquals(0f, FastMath.exp(-200f));
		assertEquals(Float.POSITIVE_INFINITY, FastMath.exp(200f));
		assertEquals(1f, FastMath.exp(0f), 1e-7);
	}
}
