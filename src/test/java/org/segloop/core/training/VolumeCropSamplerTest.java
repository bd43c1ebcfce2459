package org.segloop.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.segloop.core.model.AxisSize;
import org.segloop.core.model.ModelDescription;
import org.segloop.testutil.CtPhantomProjects;

/**
 * 3D crops: sizes the model accepts, labels that move with the image voxel for voxel under every
 * augmentation, and rotations only where the voxel size allows them.
 */
class VolumeCropSamplerTest {

	/** A volume whose class at each voxel is the voxel's index, and whose image is the same number: every crop voxel tells where it came from. */
	static TrainingSample numbered(int w, int h, int d, double[] spacing) {
		int[] classes = new int[w * h * d];
		float[] image = new float[classes.length];
		for (int i = 0; i < classes.length; i++) {
			classes[i] = i;
			image[i] = i;
		}
		return new TrainingSample("numbered", w, h, d, 1, image, classes, spacing);
	}

	/** Source {z, y, x} of a voxel index of {@link #numbered}. */
	private static int[] at(int index, TrainingSample s) {
		return new int[] { index / (s.width() * s.height()), index / s.width() % s.height(), index % s.width() };
	}

	/**
	 * Checks one crop: the image is one gain and offset of the classes' source values (labels moved
	 * with the image), and each crop axis walks along one sample axis; returns that axis per crop axis.
	 */
	private static int[] check(BatchSampler.Batch b, int item, TrainingSample s) {
		int[] crop = b.spatial();
		int n = crop[0] * crop[1] * crop[2];
		float[] img = b.images();
		int[] cls = b.classes();
		int o = item * n;
		int lo = o, hi = o; // the farthest apart classes give the most precise gain
		for (int i = o; i < o + n; i++) {
			if (cls[i] < cls[lo]) lo = i;
			if (cls[i] > cls[hi]) hi = i;
		}
		double gain = (img[hi] - img[lo]) / (double) (cls[hi] - cls[lo]), offset = img[lo] - gain * cls[lo];
		for (int i = 0; i < n; i++)
			assertEquals(cls[o + i] * gain + offset, img[o + i], 1e-3 * Math.max(1, Math.abs(img[o + i])), "voxel " + i + " of the image and its class");
		int[] source = new int[3];
		int[] step = { crop[1] * crop[2], crop[2], 1 };
		for (int a = 0; a < 3; a++) {
			int[] p = at(cls[o], s), q = at(cls[o + step[a]], s);
			int moved = -1;
			for (int k = 0; k < 3; k++) if (p[k] != q[k]) moved = k;
			source[a] = moved;
			for (int i = 0; i < n; i++) { // the same sample axis all through the crop
				int c = i / step[a] % crop[a];
				if (c + 1 == crop[a]) continue;
				int[] u = at(cls[o + i], s), v = at(cls[o + i + step[a]], s);
				for (int k = 0; k < 3; k++) assertEquals(k == moved ? 1 : 0, Math.abs(u[k] - v[k]), "crop axis " + a + " walks along sample axis " + moved);
			}
		}
		return source;
	}

	private static Set<List<Integer>> axisMaps(TrainingSample s, int[] crop, int draws) {
		VolumeCropSampler sampler = new VolumeCropSampler(crop, 7);
		Set<List<Integer>> seen = new HashSet<>();
		for (int i = 0; i < draws; i++) {
			BatchSampler.Batch b = sampler.batch(List.of(s, s));
			for (int item = 0; item < 2; item++) {
				int[] m = check(b, item, s);
				seen.add(List.of(m[0], m[1], m[2]));
			}
		}
		return seen;
	}

	@Test
	void withNearIsotropicVoxelsEveryAxisPermutationOccursAndLabelsFollowTheImage() {
		Set<List<Integer>> seen = axisMaps(numbered(12, 11, 10, new double[] { 1, 1, 1.1 }), new int[] { 6, 6, 6 }, 150);
		assertEquals(6, seen.size(), "all six axis orders: " + seen);
	}

	@Test
	void thickSlicesAreNeverTurnedIntoThePlane() {
		TrainingSample ct = numbered(12, 11, 10, new double[] { 0.7, 0.7, 2.5 });
		Set<List<Integer>> seen = axisMaps(ct, new int[] { 6, 6, 6 }, 150);
		assertEquals(Set.of(List.of(0, 1, 2), List.of(0, 2, 1)), seen, "z stays z; y and x may swap (square pixels)");
		assertEquals(2, new VolumeCropSampler(new int[] { 6, 6, 6 }, 1).permutations(ct).size());
	}

	@Test
	void nonSquarePixelsAreNeitherTurnedNorTransposed() {
		Set<List<Integer>> seen = axisMaps(numbered(12, 11, 10, new double[] { 0.7, 0.9, 2.5 }), new int[] { 6, 6, 6 }, 60);
		assertEquals(Set.of(List.of(0, 1, 2)), seen);
	}

	@Test
	void uncalibratedVolumesTurnOnlyInThePlane() {
		Set<List<Integer>> seen = axisMaps(numbered(12, 11, 10, null), new int[] { 6, 6, 6 }, 100);
		assertEquals(Set.of(List.of(0, 1, 2), List.of(0, 2, 1)), seen);
	}

	@Test
	void axesOfDifferentCropLengthsNeverSwap() {
		Set<List<Integer>> seen = axisMaps(numbered(12, 11, 10, new double[] { 1, 1, 1 }), new int[] { 4, 6, 8 }, 60);
		assertEquals(Set.of(List.of(0, 1, 2)), seen);
	}

	@Test
	void everyAxisIsFlippedSometimes() {
		TrainingSample s = numbered(12, 11, 10, new double[] { 0.7, 0.7, 2.5 });
		VolumeCropSampler sampler = new VolumeCropSampler(new int[] { 4, 6, 6 }, 3);
		Set<String> directions = new HashSet<>();
		for (int i = 0; i < 60; i++) {
			int[] cls = sampler.batch(List.of(s)).classes();
			int[] first = at(cls[0], s), z = at(cls[36], s), y = at(cls[6], s);
			directions.add("z" + Integer.signum(z[0] - first[0]));
			directions.add("y" + Integer.signum(y[1] - first[1] + y[2] - first[2]));
		}
		assertEquals(Set.of("z1", "z-1", "y1", "y-1"), directions);
	}

	@Test
	void volumesSmallerThanTheCropAreMirroredAtTheirEdges() {
		TrainingSample small = numbered(5, 4, 3, new double[] { 0.7, 0.7, 2.5 });
		VolumeCropSampler sampler = new VolumeCropSampler(new int[] { 8, 12, 12 }, 5);
		for (int i = 0; i < 20; i++) {
			BatchSampler.Batch b = sampler.batch(List.of(small));
			check(b, 0, small);
			Set<Integer> covered = new HashSet<>();
			for (int c : b.classes()) covered.add(c);
			assertEquals((int) small.voxels(), covered.size(), "the whole volume, mirrored around it");
		}
	}

	@Test
	void cropsAndTilesHaveSizesTheBundledCtModelAccepts() {
		ModelDescription d = CtPhantomProjects.ctModel().description();
		for (int[] volume : new int[][] { { 64, 64, 16 }, { 200, 150, 50 }, { 40, 36, 9 } }) {
			TrainingSample s = new TrainingSample("v", volume[0], volume[1], volume[2], 1, new float[volume[0] * volume[1] * volume[2]],
				new int[volume[0] * volume[1] * volume[2]], null);
			for (int side = 16; side <= 160; side += 48)
				for (int depth = 1; depth <= 40; depth += 7) {
					VolumeShapes shapes = VolumeShapes.of(d, FineTuneSettings.defaults().withCrop(side, depth), List.of(s));
					int[] wanted = { depth, side, side }, extent = { volume[2], volume[1], volume[0] };
					for (int a = 0; a < 3; a++) {
						AxisSize rule = d.input().axis(VolumeShapes.AXES[a]).orElseThrow().size();
						String what = "axis " + VolumeShapes.AXES[a] + " of " + java.util.Arrays.toString(volume) + ", crop " + side + "/" + depth;
						assertTrue(rule.admits(shapes.crop()[a]), what + ": crop " + shapes.crop()[a]);
						assertTrue(rule.admits(shapes.tile()[a]), what + ": tile " + shapes.tile()[a]);
						assertTrue(shapes.crop()[a] >= Math.min(wanted[a], extent[a]), what);
						assertTrue(shapes.tile()[a] - 2 * shapes.halo()[a] >= shapes.crop()[a], what + ": the tile's core holds the crop");
					}
				}
		}
	}
}
