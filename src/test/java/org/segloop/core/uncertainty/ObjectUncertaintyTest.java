package org.segloop.core.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.segloop.core.metrics.VoxelVolume;

class ObjectUncertaintyTest {

	/** 4 × 1 pixels, 3 slices: object 1 on slices 1-2 (1-based), object 2 on slice 3 only. */
	static final int[][] INSTANCES = { { 1, 1, 0, 0 }, { 1, 0, 0, 0 }, { 0, 0, 2, 2 } };
	static final float[][] MAP = { { 0.1f, 0.3f, 0.9f, 0.9f }, { 0.2f, 0.9f, 0.9f, 0.9f }, { 0.9f, 0.9f, 0.6f, 0.8f } };

	@Test
	void eachObjectHasItsMeanVoxelUncertaintyVolumeAndSlices() {
		List<ObjectUncertainty> objects = ObjectUncertainty.measure(INSTANCES, 2, MAP, 3, VoxelVolume.of(new double[] { 0.5, 0.5, 2 }, "mm", 3));
		assertEquals(new ObjectUncertainty(1, 3, 0.2, 3 * 0.0005, 1, 1, 2), objects.get(0), "centre of slices 0, 0, 1 (0-based) rounds to slice 1");
		assertEquals(new ObjectUncertainty(2, 2, 0.7, 2 * 0.0005, 3, 3, 3), objects.get(1));
		assertEquals(List.of(objects.get(1), objects.get(0)), ObjectUncertainty.mostUncertainFirst(objects));
		assertEquals(objects, ObjectUncertainty.parse(ObjectUncertainty.toJson(objects)), "stored and read back");
	}

	@Test
	void withoutPhysicalSpacingTheVolumeIsUnknownAndOldRowsReadBack() {
		List<ObjectUncertainty> objects = ObjectUncertainty.measure(INSTANCES, 2, MAP, 3, VoxelVolume.unknown());
		assertNull(objects.get(0).volumeMl());
		assertEquals(List.of(new ObjectUncertainty(1, 12, 0.25, null, 0, 0, 0)), ObjectUncertainty.parse("[{\"label\":1,\"pixels\":12,\"uncertainty\":0.25}]"),
			"a prediction stored before sizes and slices were recorded");
		assertEquals(List.of(), ObjectUncertainty.parse(null));
		assertNull(ObjectUncertainty.toJson(List.of()));
	}
}
