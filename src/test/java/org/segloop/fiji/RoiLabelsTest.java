package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ij.gui.OvalRoi;
import ij.gui.Roi;

import org.junit.jupiter.api.Test;
import org.segloop.core.metrics.LabelVolume;

/** Label image → ROIs → label image is pixel-identical, whatever the shapes; edited ROIs map to the labels a user expects. */
class RoiLabelsTest {

	private static final List<String> CLASSES = List.of("background", "nucleus", "boundary");
	private static final double[] SPACING = { 1, 1, 1 };

	private static LabelVolume plane(int w, int h, int... labels) {
		return new LabelVolume(w, h, 1, 1, new int[][] { labels }, SPACING);
	}

	private static LabelVolume roundTrip(LabelVolume v) {
		List<Roi> rois = RoiLabels.toRois(v, null, CLASSES, 2);
		return RoiLabels.toLabels(rois, v.width(), v.height(), v.slices(), v.frames(), SPACING);
	}

	private static void assertRoundTrip(LabelVolume v) {
		LabelVolume back = roundTrip(v);
		for (int p = 0; p < v.labels().length; p++) assertArrayEquals(v.labels()[p], back.labels()[p], "plane " + p);
	}

	@Test
	void holesTouchingObjectsSinglePixelsAndTheBorderSurviveTheRoundTrip() {
		assertRoundTrip(plane(6, 6,
			1, 1, 1, 1, 0, 7,
			1, 0, 0, 1, 0, 0,
			1, 0, 2, 1, 3, 3,   // 2 sits in 1's hole; 3 touches 1
			1, 1, 1, 1, 3, 3,
			0, 0, 0, 0, 0, 0,
			4, 0, 5, 5, 6, 4)); // 4 is one object in two corners; 5 and 6 touch; 7 a single pixel on the border
	}

	@Test
	void diagonalNeighboursAndThinLinesSurvive() {
		assertRoundTrip(plane(5, 4,
			1, 0, 0, 0, 2,
			0, 1, 0, 2, 0,
			0, 0, 1, 0, 0,
			3, 3, 3, 3, 3));
	}

	@Test
	void randomBlobsOfManyLabelsSurvive() {
		Random random = new Random(3);
		int w = 97, h = 61;
		int[] labels = new int[w * h];
		for (int n = 1; n <= 60; n++) {
			int cx = random.nextInt(w), cy = random.nextInt(h), r = 1 + random.nextInt(7);
			for (int y = Math.max(0, cy - r); y < Math.min(h, cy + r); y++)
				for (int x = Math.max(0, cx - r); x < Math.min(w, cx + r); x++)
					if (random.nextInt(4) > 0) labels[y * w + x] = n; // ragged blobs with holes, overlapping earlier ones
		}
		assertRoundTrip(plane(w, h, labels));
	}

	@Test
	void theBundledModelsProposalForASampleSurvives() {
		var image = org.segloop.core.image.ImageReader.read(org.segloop.testutil.Fixtures.BUNDLED_MODEL.resolve("samples/nuclei_04.tif"));
		try (var tool = new org.segloop.core.inference.SegmentationTool(org.segloop.testutil.Fixtures.bundledModel(),
			org.segloop.core.inference.RuntimeOptions.defaults(), org.segloop.core.inference.SegmentOptions.defaults()))
		{
			var result = tool.segment(image);
			LabelVolume objects = org.segloop.core.output.SegmentationFiles.instanceLabels(result);
			LabelVolume classes = org.segloop.core.output.SegmentationFiles.classLabels(result);
			List<Roi> rois = RoiLabels.toRois(objects, classes, CLASSES, 2);
			assertEquals(result.instanceCount(), rois.size());
			assertEquals(List.of("nucleus"), rois.stream().map(r -> r.getName().split(" ")[0]).distinct().toList(), "boundary is never an object's class");
			assertRoundTrip(objects);
		}
	}

	@Test
	void aStackKeepsEachObjectOnItsSlicesWithOneLabel() {
		int[][] planes = {
			{ 1, 1, 0, 0, 2, 0 },
			{ 1, 1, 0, 0, 0, 0 },
			{ 0, 1, 0, 3, 3, 3 } };
		LabelVolume v = new LabelVolume(3, 2, 3, 1, planes, SPACING);
		List<Roi> rois = RoiLabels.toRois(v, null, CLASSES, 2);
		assertEquals(5, rois.size(), "one ROI per object per slice");
		assertEquals(3, rois.get(rois.size() - 1).getZPosition());
		assertEquals("nucleus 3", rois.get(rois.size() - 1).getName());
		assertRoundTrip(v);
	}

	@Test
	void editedRoisBecomeTheObjectsTheUserMeant() {
		LabelVolume v = plane(8, 4,
			1, 1, 0, 0, 0, 0, 2, 2,
			1, 1, 0, 0, 0, 0, 2, 2,
			0, 0, 0, 0, 0, 0, 0, 0,
			0, 0, 0, 0, 0, 0, 0, 0);
		List<Roi> rois = new ArrayList<>(RoiLabels.toRois(v, null, CLASSES, 2));
		rois.remove(1);                                     // delete object 2
		Roi drawn = new Roi(3, 2, 2, 2);                    // draw a new one
		rois.add(drawn);
		Roi copy = (Roi) rois.get(0).clone();               // a split part that still carries label 1
		copy.setLocation(0, 2);
		rois.add(copy);
		LabelVolume back = RoiLabels.toLabels(rois, 8, 4, 1, 1, SPACING);
		int[] l = back.labels()[0];
		assertEquals(0, l[6], "deleted object is gone");
		assertEquals(1, l[0], "kept object keeps its label");
		assertEquals(2, l[3 + 2 * 8], "a drawn ROI gets a label no remaining object has");
		assertNotEquals(1, l[0 + 2 * 8], "the second ROI with label 1 on one plane is a separate object");
		assertNotEquals(l[3 + 2 * 8], l[0 + 2 * 8]);
		assertEquals(0, l[2 + 0 * 8]);
	}

	@Test
	void anOvalDrawnByHandIsPaintedAsImageJFillsIt() {
		Roi oval = new OvalRoi(2, 2, 9, 7);
		LabelVolume back = RoiLabels.toLabels(List.of(oval), 16, 12, 1, 1, SPACING);
		ij.process.ByteProcessor expected = new ij.process.ByteProcessor(16, 12);
		expected.setValue(1);
		expected.fill(oval);
		for (int i = 0; i < 16 * 12; i++) assertEquals(expected.get(i), back.labels()[0][i], "pixel " + i);
	}
}
