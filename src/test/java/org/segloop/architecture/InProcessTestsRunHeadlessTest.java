package org.segloop.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;

import org.junit.jupiter.api.Test;

/**
 * Tests in the build's JVM run headless (the pom's surefire configuration sets java.awt.headless),
 * so a test that needs a window fails here on a developer's desktop as it would in CI, instead of
 * opening one. Tests of real windows start their own JVM on an X display (fiji.OnDisplay).
 */
class InProcessTestsRunHeadlessTest {

	@Test
	void theTestJvmIsHeadlessEvenWhereADisplayIsSet() {
		System.out.println("GraphicsEnvironment.isHeadless() = " + GraphicsEnvironment.isHeadless() + ", DISPLAY = " + System.getenv("DISPLAY"));
		assertEquals("true", System.getProperty("java.awt.headless"), "surefire's systemPropertyVariables in pom.xml");
		assertTrue(GraphicsEnvironment.isHeadless());
	}
}
