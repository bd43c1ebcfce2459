package org.segloop.core.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.Planes;

/** Which slice of a volume a preview shows. */
class ProjectPreviewsTest {

	private static ImageVolume uncertainty(float... perSlice) {
		List<float[]> planes = new ArrayList<>();
		for (float u : perSlice) {
			float[] p = new float[12];
			java.util.Arrays.fill(p, u);
			planes.add(p);
		}
		return Planes.volume(planes, new long[] { 4, 3, 1, perSlice.length, 1 }, Calibration.none(), "u", null);
	}

	@Test
	void aVolumesPreviewShowsTheSliceWithTheHighestMeanUncertaintyNotTheMiddleOne() {
		assertEquals(1, ProjectPreviews.mostUncertainSlice(uncertainty(0.1f, 0.9f, 0.2f, 0.3f, 0.1f)));
		assertEquals(4, ProjectPreviews.mostUncertainSlice(uncertainty(0.1f, 0.2f, 0.2f, 0.3f, 0.5f)));
	}

	@Test
	void tiesAndAPlainImageKeepTheFirstSlice() {
		assertEquals(0, ProjectPreviews.mostUncertainSlice(uncertainty(0.4f)));
		assertEquals(1, ProjectPreviews.mostUncertainSlice(uncertainty(0.1f, 0.4f, 0.4f)));
	}
}
