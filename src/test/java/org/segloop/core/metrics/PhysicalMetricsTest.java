package org.segloop.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Volumes in mL, HD95 in mm with anisotropic spacing, and the slices a correction changed, on hand-made volumes. */
class PhysicalMetricsTest {

	static final List<String> CLASSES = List.of("background", "organ", "lesion");
	/** 0.5 × 0.5 × 2 mm: a voxel is 0.5 mm³ = 0.0005 mL. */
	static final double[] SPACING = { 0.5, 0.5, 2.0 };

	/** A 10 × 10 × 5 volume with boxes {x0, y0, z0, w, h, d, label}. */
	static LabelVolume boxes(int[]... boxes) {
		int[][] planes = new int[5][100];
		for (int[] b : boxes)
			for (int z = b[2]; z < b[2] + b[5]; z++)
				for (int y = b[1]; y < b[1] + b[4]; y++)
					for (int x = b[0]; x < b[0] + b[3]; x++) planes[z][y * 10 + x] = b[6];
		return new LabelVolume(10, 10, 5, 1, planes, SPACING);
	}

	static VoxelVolume mm() {
		return VoxelVolume.of(SPACING, "mm", 5);
	}

	@Test
	void classVolumesAreInMillilitresFromTheSpacingAndTheirDifferenceIsCorrectionMinusProposal() {
		LabelVolume proposal = boxes(new int[] { 1, 1, 1, 5, 8, 1, 1 }, new int[] { 7, 7, 1, 2, 2, 2, 2 }); // organ 40 voxels, lesion 8
		LabelVolume corrected = boxes(new int[] { 1, 1, 1, 5, 8, 2, 1 }, new int[] { 7, 7, 1, 2, 2, 2, 2 }); // organ grown into slice 3: 80
		CorrectionMetrics m = CorrectionMetrics.compare(proposal, null, corrected, CorrectionMetrics.Kind.SEMANTIC, CLASSES, mm());
		assertEquals(0.0005, m.volumes().voxel().millilitres(), 1e-15);
		assertEquals(0.02, m.volumes().proposalMl(1), 1e-12);
		assertEquals(0.04, m.volumes().correctedMl(1), 1e-12);
		assertEquals(0.02, m.volumes().differenceMl(1), 1e-12);
		assertEquals(0.0, m.volumes().differenceMl(2), 1e-12, "the lesion was kept");
		JsonObject organ = json(m).getAsJsonObject("volumes").getAsJsonObject("classes").getAsJsonObject("organ");
		assertEquals(0.02, organ.get("proposalMl").getAsDouble(), 1e-12);
		assertEquals(80, organ.get("correctedVoxels").getAsLong());
		assertEquals(0.02, organ.get("differenceMl").getAsDouble(), 1e-12);
		assertEquals("mm", json(m).getAsJsonObject("volumes").get("unit").getAsString());
	}

	@Test
	void centimetresAndMicronsConvertButPixelsAndUnknownUnitsSaySoInsteadOfInventingMillilitres() {
		assertEquals(0.5, VoxelVolume.of(SPACING, "cm", 5).millilitres(), 1e-12, "0.5 cm³ = 0.5 mL");
		assertEquals(0.5e-12, VoxelVolume.of(SPACING, "micron", 5).millilitres(), 1e-24, "1 µm³ = 1e-12 mL");
		for (VoxelVolume none : List.of(VoxelVolume.of(SPACING, "pixel", 5), VoxelVolume.of(SPACING, "inch", 5), VoxelVolume.of(SPACING, "mm", 1))) {
			assertNull(none.ml(100), none.toString());
			assertTrue(none.note() != null && !none.note().isBlank());
		}
		assertTrue(VoxelVolume.of(SPACING, "inch", 5).note().contains("'inch'"));
		LabelVolume v = boxes(new int[] { 1, 1, 1, 5, 8, 1, 1 });
		JsonObject volumes = json(CorrectionMetrics.compare(v, null, v, CorrectionMetrics.Kind.SEMANTIC, CLASSES,
			VoxelVolume.of(SPACING, "pixel", 5))).getAsJsonObject("volumes");
		assertTrue(volumes.get("voxelMl").isJsonNull() && volumes.get("note").getAsString().contains("no physical spacing"), volumes.toString());
		assertTrue(volumes.getAsJsonObject("classes").getAsJsonObject("organ").get("proposalMl").isJsonNull());
		assertEquals(40, volumes.getAsJsonObject("classes").getAsJsonObject("organ").get("proposalVoxels").getAsLong(), "voxels are still counted");
		assertTrue(volumes.has("proposedObjects"), "a volume lists its objects");
		LabelVolume plane = new LabelVolume(10, 10, 1, 1, new int[][] { v.labels()[1] }, SPACING);
		JsonObject planar = json(CorrectionMetrics.compare(plane, null, plane, CorrectionMetrics.Kind.SEMANTIC, CLASSES, VoxelVolume.of(SPACING, "mm", 1)))
			.getAsJsonObject("volumes");
		assertTrue(!planar.has("proposedObjects") && planar.get("note").getAsString().contains("single plane"), "a plane has no volume: " + planar);
	}

	@Test
	void eachProposedObjectNamesTheCorrectedObjectItBecameAndHowMuchItGrew() {
		LabelVolume proposal = boxes(new int[] { 0, 0, 0, 4, 4, 2, 1 }, new int[] { 6, 6, 3, 3, 3, 1, 2 }); // 32 and 9 voxels
		LabelVolume corrected = boxes(new int[] { 0, 0, 0, 4, 4, 3, 5 }); // the first grew by a slice, the second was deleted
		CorrectionMetrics m = CorrectionMetrics.compare(proposal, proposal, corrected, CorrectionMetrics.Kind.INSTANCE, CLASSES, mm());
		JsonObject volumes = json(m).getAsJsonObject("volumes");
		var proposed = volumes.getAsJsonArray("proposedObjects");
		assertEquals(2, proposed.size());
		JsonObject first = proposed.get(0).getAsJsonObject(), second = proposed.get(1).getAsJsonObject();
		assertEquals(32 * 0.0005, first.get("ml").getAsDouble(), 1e-12);
		assertEquals(1, first.get("matchedTo").getAsInt());
		assertEquals(16 * 0.0005, first.get("differenceMl").getAsDouble(), 1e-12);
		assertTrue(second.get("matchedTo").isJsonNull(), "a deleted object matches nothing");
		assertEquals(48 * 0.0005, volumes.getAsJsonArray("correctedObjects").get(0).getAsJsonObject().get("ml").getAsDouble(), 1e-12);
	}

	@Test
	void hd95IsInMillimetresAlongEachAxisWithItsOwnSpacing() {
		LabelVolume proposal = boxes(new int[] { 2, 2, 1, 5, 5, 1, 1 });
		LabelVolume oneSliceUp = boxes(new int[] { 2, 2, 2, 5, 5, 1, 1 });
		LabelVolume oneColumnRight = boxes(new int[] { 3, 2, 1, 5, 5, 1, 1 });
		assertEquals(2.0, CorrectionMetrics.compare(proposal, null, oneSliceUp, CorrectionMetrics.Kind.SEMANTIC, CLASSES, mm()).hd95(), 1e-9,
			"one slice is 2 mm");
		assertEquals(0.5, CorrectionMetrics.compare(proposal, null, oneColumnRight, CorrectionMetrics.Kind.SEMANTIC, CLASSES, mm()).hd95(), 1e-9,
			"one column is 0.5 mm");
	}

	@Test
	void slicesChangedCountsTheSlicesWithAnyChangedVoxelAndListsThemCompactly() {
		LabelVolume proposal = boxes(new int[] { 0, 0, 0, 10, 10, 5, 1 });
		LabelVolume corrected = boxes(new int[] { 0, 0, 0, 10, 10, 5, 1 }, new int[] { 0, 0, 0, 1, 1, 2, 0 }, new int[] { 9, 9, 3, 1, 1, 1, 2 });
		CorrectionMetrics m = CorrectionMetrics.compare(proposal, null, corrected, CorrectionMetrics.Kind.SEMANTIC, CLASSES, mm());
		assertEquals(new SliceChanges(3, 5, "1-2, 4"), m.slices(), "slices 1, 2 and 4 (1-based) had a voxel changed");
		JsonObject j = json(m);
		assertEquals(3, j.get("slicesChanged").getAsInt());
		assertEquals(5, j.get("slices").getAsInt());
		assertEquals("1-2, 4", j.get("changedSlices").getAsString());
		CorrectionMetrics same = CorrectionMetrics.compare(proposal, null, proposal, CorrectionMetrics.Kind.SEMANTIC, CLASSES, mm());
		assertEquals(new SliceChanges(0, 5, ""), same.slices());
	}

	@Test
	void slicesChangedOfAnInstanceCorrectionCountsASplitObjectsSlicesToo() {
		LabelVolume proposal = boxes(new int[] { 0, 0, 0, 4, 4, 5, 1 });
		// the same voxels, but slices 4-5 (1-based) are now a separate object: the object/background mask is unchanged
		LabelVolume corrected = boxes(new int[] { 0, 0, 0, 4, 4, 3, 1 }, new int[] { 0, 0, 3, 4, 4, 2, 2 });
		CorrectionMetrics m = CorrectionMetrics.compare(proposal, proposal, corrected, CorrectionMetrics.Kind.INSTANCE, CLASSES, mm());
		assertEquals(new SliceChanges(2, 5, "4-5"), m.slices());
	}

	@Test
	void aTimeSeriesListsItsChangedSlicesPerFrame() {
		assertEquals(new SliceChanges(3, 6, "t1: 2; t2: 1-2"), SliceChanges.of(new long[] { 0, 4, 0, 1, 7, 0 }, 3, 2));
	}

	private static JsonObject json(CorrectionMetrics m) {
		return JsonParser.parseString(m.toJson()).getAsJsonObject();
	}
}
