package org.segloop.core.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.segloop.core.bench.CtPhantom;
import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.Planes;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.inference.SegmentOptions;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.uncertainty.VolumeAugmentation.Symmetry;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.TestModels;

class VolumeAugmentationTest {

	static final Path CT_MODEL = Path.of("models", "ct-organ-unet3d");
	static final Calibration CT = new Calibration(0.7, 0.7, 2.5, "mm", -1024, 1, "HU");
	static final Calibration ISOTROPIC = new Calibration(0.8, 0.8, 0.9, "mm", 0, 1, "");
	static final Calibration RECTANGULAR = new Calibration(0.5, 0.8, 0.5, "mm", 0, 1, "");

	/** A volume whose every voxel holds a distinct value, 2 frames and 2 channels. */
	static ImageVolume distinct(int w, int h, int d, Calibration cal) {
		List<Object> planes = new ArrayList<>();
		int v = 0;
		for (int t = 0; t < 2; t++)
			for (int z = 0; z < d; z++)
				for (int c = 0; c < 2; c++) {
					float[] p = new float[w * h];
					for (int i = 0; i < p.length; i++) p[i] = v++;
					planes.add(p);
				}
		return Planes.volume(planes, new long[] { w, h, 2, d, 2 }, cal, "distinct", null);
	}

	@Test
	void everyAllowedAugmentationIsUndoneExactlyByItsSourceMapping() {
		ImageVolume image = distinct(5, 4, 3, ISOTROPIC);
		List<VolumeAugmentation> all = VolumeAugmentation.allowedFor(ISOTROPIC);
		assertEquals(48, all.size(), "isotropic voxels take every symmetry of the cube");
		assertEquals(48, new HashSet<>(all).size(), "each once");
		for (VolumeAugmentation a : all) {
			ImageVolume moved = a.apply(image);
			int[] size = a.size(5, 4, 3);
			assertArrayEquals(size, new int[] { moved.width(), moved.height(), moved.slices() }, a.toString());
			for (int t = 0; t < 2; t++)
				for (int c = 0; c < 2; c++) {
					float[][] back = new float[3][20];
					for (int zo = 0; zo < size[2]; zo++) {
						int[] src = a.source(5, 4, 3, zo);
						float[] plane = (float[]) moved.plane(c, zo, t);
						for (int i = 0; i < plane.length; i++) back[src[2 * i]][src[2 * i + 1]] = plane[i];
					}
					for (int z = 0; z < 3; z++) assertArrayEquals((float[]) image.plane(c, z, t), back[z], a + " c" + c + " z" + z + " t" + t);
				}
		}
	}

	@Test
	void theSpacingDecidesWhichAxesMayTurn() {
		assertEquals(Symmetry.SQUARE_PIXELS, Symmetry.of(CT), "2.5 mm slices of 0.7 mm pixels");
		assertEquals(Symmetry.ISOTROPIC, Symmetry.of(ISOTROPIC), "within 20 %");
		assertEquals(Symmetry.SQUARE_PIXELS, Symmetry.of(new Calibration(0.8, 0.8, 1.0, "mm", 0, 1, "")), "25 % thicker is anisotropic");
		assertEquals(Symmetry.FLIPS_ONLY, Symmetry.of(RECTANGULAR));
		assertEquals(Symmetry.SQUARE_PIXELS, Symmetry.of(Calibration.none()), "unknown spacing never turns z into the plane");
		List<VolumeAugmentation> ct = VolumeAugmentation.allowedFor(CT), rect = VolumeAugmentation.allowedFor(RECTANGULAR);
		assertEquals(16, ct.size());
		assertTrue(ct.stream().noneMatch(VolumeAugmentation::movesZ), "anisotropic voxels never get z rotations: " + ct);
		assertEquals(8, rect.size());
		assertTrue(rect.stream().allMatch(a -> a.axes()[0] == 0 && a.axes()[1] == 1 && a.axes()[2] == 2), "non-square pixels are only flipped: " + rect);
		for (List<VolumeAugmentation> order : List.of(ct, rect, VolumeAugmentation.allowedFor(ISOTROPIC))) {
			assertEquals("(x, y, z)", order.get(0).toString(), "the proposal's pass comes first");
			assertEquals("(x, y, -z)", order.get(1).toString(), "then a 3D model's own symmetry, the z flip");
		}
		List<VolumeAugmentation> iso = VolumeAugmentation.allowedFor(ISOTROPIC);
		assertFalse(iso.get(2).movesZ());
		assertTrue(iso.get(3).movesZ() && iso.get(4).movesZ(), "four isotropic passes turn z into x, five into y as well: " + iso.subList(0, 5));
		assertEquals("(-y, x, z)", ct.get(2).toString(), "square pixels: the in-plane quarter turn third");
	}

	@Test
	void aSymmetricModelDisagreesWithItselfNowhereUnderAnyOfTheEightPasses(@TempDir Path dir) throws Exception {
		// a 3×3×3 mean filter is equivariant under every symmetry of the cube: if every pass is turned back
		// exactly, the eight predictions coincide and BALD's disagreement is zero up to float rounding
		Path onnx = TestModels.volumetric(dir.resolve("vol/model.onnx"));
		org.segloop.core.model.StarterPackage.create(onnx, dir.resolve("volpkg"), "vol", f -> {});
		ImageVolume image = distinct(12, 10, 9, ISOTROPIC);
		ImageVolume oneChannel = Planes.volume(List.of(image.plane(0, 0, 0), image.plane(0, 1, 0), image.plane(0, 2, 0), image.plane(0, 3, 0),
			image.plane(0, 4, 0), image.plane(0, 5, 0), image.plane(0, 6, 0), image.plane(0, 7, 0), image.plane(0, 8, 0)), new long[] { 12, 10, 1, 9, 1 },
			ISOTROPIC, "v", null);
		try (SegmentationTool tool = new SegmentationTool(ModelPackage.open(dir.resolve("volpkg")), RuntimeOptions.defaults(), SegmentOptions.defaults())) {
			ScoredSegmentation bald = Scorers.create("bald", new Scorers.Options(0.05, 8)).score(tool, oneChannel, ProgressListener.NONE, new Cancellation());
			// inside; on the outer voxels the tile's padding (the model's zeros on one side, the image mirrored on the
			// other when the tile is larger than the image) is not symmetric, so the passes rightly differ there
			for (int z = 1; z < 8; z++)
				for (int y = 1; y < 9; y++)
					for (int x = 1; x < 11; x++) {
						float u = bald.uncertainty()[z][y * 12 + x];
						assertTrue(u < 1e-5, "disagreement " + u + " at " + x + "," + y + "," + z);
					}
			ScoredSegmentation tta = Scorers.create("tta", new Scorers.Options(0.05, 8)).score(tool, oneChannel, ProgressListener.NONE, new Cancellation());
			assertTrue(tta.scores().mean() > 0.01, "the ensemble's entropy is the model's own, not zero");
		}
	}

	@Test
	void theBundledCtModelScoresAnAnisotropicPhantomWithZFlipsAndCountsItsRuns() {
		CtPhantom.Volume v = CtPhantom.generate(3, 64, 64, 16);
		List<Object> planes = new ArrayList<>();
		for (short[] hu : v.hu()) {
			short[] stored = new short[hu.length];
			for (int i = 0; i < hu.length; i++) stored[i] = (short) (hu[i] + 1024);
			planes.add(stored);
		}
		ImageVolume image = Planes.volume(planes, new long[] { 64, 64, 1, 16, 1 }, CT, "phantom", null);
		try (SegmentationTool tool = new SegmentationTool(ModelPackage.open(CT_MODEL), RuntimeOptions.defaults(), SegmentOptions.defaults())) {
			long[] last = new long[2];
			ScoredSegmentation tta = Scorers.create("tta", new Scorers.Options(0.05, 4)).score(tool, image, (done, total, what) -> {
				last[0] = done;
				last[1] = total;
			}, new Cancellation());
			ScoredSegmentation single = Scorers.create("entropy", Scorers.Options.defaults()).score(tool, image, ProgressListener.NONE, new Cancellation());
			assertEquals(last[1], last[0], "progress ends at its total");
			assertEquals(4 * tool.plan(image).tiles(), last[1], "four passes of the same size (flips and an in-plane quarter turn of a square image)");
			assertEquals(16, tta.uncertainty().length);
			for (float[] plane : tta.uncertainty())
				for (float u : plane) assertTrue(u >= 0 && u <= 1.0001f, "uncertainty " + u);
			assertArrayEquals(single.proposal().classHistogram(), tta.proposal().classHistogram(), "the proposal is the unaugmented pass");
		}
	}
}
