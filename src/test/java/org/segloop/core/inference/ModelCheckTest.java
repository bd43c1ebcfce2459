package org.segloop.core.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.segloop.testutil.Fixtures;

class ModelCheckTest {

	@Test
	void theBundledModelReproducesItsTestOutput() {
		try (OnnxModel model = OnnxModel.load(Fixtures.bundledModel(), RuntimeOptions.defaults())) {
			ModelCheck.Report report = ModelCheck.run(model, 1e-4);
			assertArrayEquals(new long[] { 1, 3, 256, 256 }, report.outputShape());
			assertTrue(report.passed(), "max abs error " + report.maxAbsError());
		}
	}
}
