package org.segloop.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.segloop.core.model.AxisSize;

class AxisTilingTest {

	@Test
	void coresCoverEveryPixelStartOnTheStepGridAndOverlap() {
		AxisSize size = new AxisSize.Parameterized(64, 16);
		for (int n = 1; n <= 2000; n += 7) {
			AxisTiling t = AxisTiling.plan(n, size, 16, 256, 16);
			assertTrue(size.admits(t.tileSize()));
			boolean[] covered = new boolean[n];
			for (int i = 0; i < t.count(); i++) {
				int s = t.coreStarts()[i];
				if (t.count() > 1) assertEquals(0, s % 16, "start " + s + " for size " + n);
				for (int k = s; k < Math.min(n, s + t.coreLength()); k++) covered[k] = true;
				if (i > 0) assertTrue(t.overlapBefore(i) >= 15, "overlap " + t.overlapBefore(i) + " for size " + n);
			}
			for (int k = 0; k < n; k++) assertTrue(covered[k], "pixel " + k + " of " + n);
		}
	}

	@Test
	void imagesSmallerThanTheModelMinimumGetOnePaddedTile() {
		AxisTiling t = AxisTiling.plan(1, new AxisSize.Parameterized(64, 16), 16, 512, 16);
		assertEquals(64, t.tileSize());
		assertEquals(1, t.count());
		for (int k : t.sourceIndices(0)) assertEquals(0, k);
	}

	@Test
	void fixedSizesAreKeptWhateverTheImage() {
		AxisTiling t = AxisTiling.plan(1000, new AxisSize.Fixed(96), 8, 512, 16);
		assertEquals(t.coreStarts().length, t.count());
		assertEquals(96, t.tileSize());
		assertEquals(1000 - 80, t.coreStarts()[t.count() - 1]);
	}

	@Test
	void reflectionMirrorsWithoutRepeatingTheEdge() {
		assertEquals(1, AxisTiling.reflect(-1, 5));
		assertEquals(3, AxisTiling.reflect(5, 5));
		assertEquals(0, AxisTiling.reflect(8, 5));
		assertEquals(0, AxisTiling.reflect(-7, 1));
	}

	@Test
	void blendingWeightsRampAcrossTheOverlap() {
		AxisTiling t = AxisTiling.plan(600, new AxisSize.Parameterized(64, 16), 16, 256, 16);
		assertTrue(t.weight(1, 0) < 0.1f);
		assertEquals(1f, t.weight(1, t.overlapBefore(1)), 1e-6);
		assertEquals(1f, t.weight(0, 0), 1e-6);
	}
}
