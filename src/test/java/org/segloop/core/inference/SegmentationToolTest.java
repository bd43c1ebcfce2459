package org.segloop.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.SyntheticImages;

class SegmentationToolTest {

	private static SegmentationTool tool;

	@BeforeAll
	static void load() {
		tool = new SegmentationTool(Fixtures.bundledModel(), RuntimeOptions.defaults(), SegmentOptions.defaults());
	}

	@AfterAll
	static void close() {
		tool.close();
	}

	@Test
	void findsSeparateNucleiAsOneInstanceEach() {
		SyntheticImages.Disks disks = SyntheticImages.disks(300, 220, 1, 12, 1);
		SegmentationResult r = tool.segment(disks.image());
		byte[] mask = r.classMask().getPlane(0).getCurrentStorageArray();
		assertTrue(dice(mask, disks.truth()[0]) > 0.85, "object Dice " + dice(mask, disks.truth()[0]));
		assertEquals(disks.count(), r.instanceCount());
	}

	@Test
	void aCellMuchLargerThanTheNucleiTheModelKnowsIsNotCutIntoRimSlivers() {
		// one cell of radius 120 with a wavy edge and a bright rim, far larger than the bundled model's nuclei:
		// the model draws a thick boundary band with specks of interior in it (which made 26 objects)
		int n = 384;
		short[] pixels = new short[n * n];
		java.util.Random rnd = new java.util.Random(3);
		int cell = 0;
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) {
				double d = Math.hypot(x - n / 2.0, y - n / 2.0);
				double edge = 120 + 4 * Math.sin(7 * Math.atan2(y - n / 2.0, x - n / 2.0));
				double v = 300 + (d < edge ? 1400 + 500 * Math.sin(x / 9.0) * Math.cos(y / 11.0) : 0) + (Math.abs(d - edge) < 6 ? 1500 : 0)
					+ 120 * rnd.nextGaussian();
				pixels[y * n + x] = (short) Math.max(0, Math.min(65535, v));
				if (d < edge) cell++;
			}
		ImageVolume image = org.segloop.core.image.Planes.volume(List.of(pixels), new long[] { n, n, 1, 1, 1 },
			org.segloop.core.image.Calibration.none(), "large cell", null);
		SegmentationResult r = tool.segment(image);
		int[] labels = r.instances().getPlane(0).getCurrentStorageArray();
		int[] sizes = new int[r.instanceCount() + 1];
		for (int l : labels) sizes[l]++;
		int largest = java.util.Arrays.stream(sizes, 1, sizes.length).max().orElse(0);
		assertTrue(largest > 0.8 * cell, "the cell is one object: " + largest + " of " + cell + " px");
		// what else remains are whole pieces of the bright rim (the model takes them for nuclei), not slivers
		assertTrue(r.instanceCount() <= 6, r.instanceCount() + " objects, sizes " + java.util.Arrays.toString(sizes));
		for (int l = 1; l < sizes.length; l++) assertTrue(sizes[l] >= 300, "no sliver: " + java.util.Arrays.toString(sizes));
	}

	@Test
	void smallTilesGiveTheSameProbabilitiesAsOneLargeTile() {
		ImageVolume image = SyntheticImages.disks(320, 300, 1, 14, 2).image();
		float[][] whole = probabilities(tool, image);
		try (SegmentationTool tiled = new SegmentationTool(Fixtures.bundledModel(), RuntimeOptions.defaults(),
			SegmentOptions.defaults().withTileSize(96)))
		{
			float[][] small = probabilities(tiled, image);
			double maxDiff = 0;
			for (int c = 0; c < whole.length; c++)
				for (int i = 0; i < whole[c].length; i++) maxDiff = Math.max(maxDiff, Math.abs(whole[c][i] - small[c][i]));
			assertTrue(maxDiff < 1e-3, "max probability difference between tilings " + maxDiff);
		}
	}

	@Test
	void softmaxInsideTheGraphGivesTheSameProbabilitiesAsTheJavaSoftmax() {
		assertTrue(tool.model().remainingPostprocessing().isEmpty(), "the bundled model's softmax runs in ONNX Runtime");
		ImageVolume image = SyntheticImages.disks(200, 180, 1, 8, 3).image();
		float[][] inGraph = probabilities(tool, image);
		try (SegmentationTool java = new SegmentationTool(Fixtures.bundledModel(),
			new RuntimeOptions(2, true, false), SegmentOptions.defaults()))
		{
			assertEquals(1, java.model().remainingPostprocessing().size());
			float[][] inJava = probabilities(java, image);
			double maxDiff = 0;
			for (int c = 0; c < inGraph.length; c++)
				for (int i = 0; i < inGraph[c].length; i++) maxDiff = Math.max(maxDiff, Math.abs(inGraph[c][i] - inJava[c][i]));
			assertTrue(maxDiff < 1e-4, "max probability difference " + maxDiff);
		}
	}

	@Test
	void aOnePixelImageIsPaddedToTheModelMinimum() {
		SegmentationResult r = tool.segment(SyntheticImages.constant(1, 1, 100f));
		assertEquals(1, r.geometry().width());
		assertEquals(1, r.tiles());
	}

	@Test
	void aStackIsSegmentedSliceBySliceWithTheSameSession() {
		SyntheticImages.Disks disks = SyntheticImages.disks(128, 128, 3, 5, 3);
		SegmentationResult r = tool.segment(disks.image());
		for (int z = 0; z < 3; z++) {
			byte[] mask = r.classMask().getPlane(z).getCurrentStorageArray();
			assertTrue(dice(mask, disks.truth()[z]) > 0.8, "slice " + z);
		}
		assertEquals(disks.count(), r.instanceCount());
	}

	@Test
	void aTimeSeriesIsSegmentedFrameByFrame() {
		SyntheticImages.Disks disks = SyntheticImages.disks(100, 90, 2, 4, 5);
		List<Object> frames = List.of(disks.image().plane(0, 0, 0), disks.image().plane(0, 1, 0));
		ImageVolume series = org.segloop.core.image.Planes.volume(frames, new long[] { 100, 90, 1, 1, 2 },
			org.segloop.core.image.Calibration.none(), "series", null);
		SegmentationResult r = tool.segment(series);
		assertEquals(2, r.geometry().frames());
		for (int t = 0; t < 2; t++)
			assertTrue(dice(r.classMask().getPlane(t).getCurrentStorageArray(), disks.truth()[t]) > 0.8, "frame " + t);
		assertEquals(disks.count(), r.instanceCount());
	}

	@Test
	void anRgbImageIsRefusedByAOneChannelModelWithAFix() {
		List<Object> planes = List.of(new byte[64 * 64], new byte[64 * 64], new byte[64 * 64]);
		ImageVolume rgb = org.segloop.core.image.Planes.volume(planes, new long[] { 64, 64, 3, 1, 1 },
			org.segloop.core.image.Calibration.none(), "rgb", java.nio.file.Path.of("rgb.png"));
		ImageInputException e = assertThrows(ImageInputException.class, () -> tool.segment(rgb));
		assertTrue(e.getMessage().startsWith("rgb.png: has 3 channel(s)") && e.fix().contains("8-bit"), e.getMessage());
	}

	@Test
	void nanPixelsAreRefusedUnlessAskedToTreatThemAsBackground() {
		ImageVolume image = SyntheticImages.constant(70, 70, Float.NaN);
		ImageInputException e = assertThrows(ImageInputException.class, () -> tool.segment(image));
		assertTrue(e.getMessage().contains("NaN"), e.getMessage());
		try (SegmentationTool lenient = new SegmentationTool(Fixtures.bundledModel(), RuntimeOptions.defaults(),
			SegmentOptions.defaults().withNonFinite(Preprocessor.NonFinitePolicy.ZERO)))
		{
			assertEquals(1, lenient.segment(image).tiles());
		}
	}

	@Test
	void cancellingStopsBeforeTheNextTile() {
		Cancellation cancel = new Cancellation();
		List<Long> seen = new ArrayList<>();
		ImageVolume image = SyntheticImages.disks(600, 600, 1, 5, 4).image();
		try (SegmentationTool tiled = new SegmentationTool(Fixtures.bundledModel(), RuntimeOptions.defaults(),
			SegmentOptions.defaults().withTileSize(128)))
		{
			assertThrows(java.util.concurrent.CancellationException.class, () -> tiled.segment(image, List.of(),
				(done, total, what) -> {
					seen.add(done);
					if (done == 2) cancel.cancel();
				}, cancel));
		}
		assertEquals(List.of(1L, 2L), seen);
	}

	static float[][] probabilities(SegmentationTool t, ImageVolume image) {
		int classes = t.classNames().size();
		float[][] all = new float[classes][image.width() * image.height()];
		t.segment(image, List.of(chunk -> {
			for (int c = 0; c < classes; c++)
				System.arraycopy(chunk.probabilities()[c], 0, all[c], chunk.y0() * chunk.width(), chunk.pixelsPerClass());
		}), ProgressListener.NONE, new Cancellation());
		return all;
	}

	static double dice(byte[] mask, int[] truth) {
		long inter = 0, a = 0, b = 0;
		for (int i = 0; i < mask.length; i++) {
			boolean p = mask[i] != 0, t = truth[i] != 0;
			if (p) a++;
			if (t) b++;
			if (p && t) inter++;
		}
		return 2.0 * inter / (a + b);
	}
}
