package org.segloop.core.correction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.segloop.core.metrics.LabelVolume;

/** Completing a volume corrected on key slices: what is edited, interpolated and kept, and the shapes in between. */
class KeySliceCorrectionTest {

	static final int W = 64, H = 64, D = 32;

	static LabelVolume empty(int slices) {
		return new LabelVolume(W, H, slices, 1, new int[slices][W * H], new double[] { 0.7, 0.7, 2.5 });
	}

	static LabelVolume copy(LabelVolume v) {
		int[][] planes = new int[v.labels().length][];
		for (int p = 0; p < planes.length; p++) planes[p] = v.labels()[p].clone();
		return new LabelVolume(v.width(), v.height(), v.slices(), v.frames(), planes, v.spacing());
	}

	/** Paints a disc of {@code label} (over whatever is there). */
	static void disc(int[] plane, double cx, double cy, double r, int label) {
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) plane[y * W + x] = label;
	}

	static int area(int[] plane, int label) {
		int n = 0;
		for (int v : plane) if (v == label) n++;
		return n;
	}

	@Test
	void twoCirclesOfDifferentRadiusGrowMonotonicallyBetweenTheirKeySlices() {
		LabelVolume proposal = empty(D);
		LabelVolume painted = copy(proposal);
		disc(painted.labels()[10], 32, 32, 6, 1);
		disc(painted.labels()[20], 32, 32, 16, 1);
		KeySliceCorrection.Result r = KeySliceCorrection.complete(proposal, painted, KeySlices.interpolating());
		int previous = area(r.labels().labels()[10], 1);
		for (int z = 11; z <= 20; z++) {
			int a = area(r.labels().labels()[z], 1);
			assertTrue(a > previous, "slice " + z + ": area " + a + " after " + previous);
			previous = a;
		}
		// the radius halfway (slice 15) is about the mean of 6 and 16
		double radius15 = Math.sqrt(area(r.labels().labels()[15], 1) / Math.PI);
		assertEquals(11, radius15, 1.0);
		assertArrayEquals(new int[] { 10, 20 }, r.roles().edited());
		assertArrayEquals(IntStream.rangeClosed(11, 19).toArray(), r.roles().interpolated());
		assertEquals(D - 11, r.roles().kept().length);
		for (int z : r.roles().kept()) assertEquals(0, area(r.labels().labels()[z], 1), "kept slice " + z + " is the (empty) proposal");
	}

	@Test
	void aLesionInsideAnOrganLeavesNoBackgroundInTheSlicesBetween() {
		LabelVolume proposal = empty(D);
		LabelVolume painted = copy(proposal);
		// the lesion grows faster than the organ: the organ's hole and the lesion disagree between the key slices
		disc(painted.labels()[4], 30, 32, 20, 1);
		disc(painted.labels()[4], 26, 30, 3, 2);
		disc(painted.labels()[12], 34, 32, 22, 1);
		disc(painted.labels()[12], 38, 34, 12, 2);
		KeySliceCorrection.Result r = KeySliceCorrection.complete(proposal, painted, KeySlices.interpolating());
		for (int z = 5; z < 12; z++) {
			int[] plane = r.labels().labels()[z];
			assertTrue(area(plane, 2) > 0, "slice " + z + " has the lesion");
			// everything within the smaller organ (centres between 30 and 34) is organ or lesion
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++) {
					double d = Math.hypot(x - 32, y - 32);
					if (d <= 17) assertNotEquals(0, plane[y * W + x], "background inside the organ at slice " + z + ", x " + x + ", y " + y);
				}
		}
	}

	@Test
	void instanceObjectsAreInterpolatedEachOnItsOwnAndAnObjectOnOneKeySliceOnlyTapersOff() {
		LabelVolume proposal = empty(D);
		LabelVolume painted = copy(proposal);
		disc(painted.labels()[10], 16, 16, 6, 1);
		disc(painted.labels()[10], 48, 48, 6, 2);
		disc(painted.labels()[10], 48, 16, 8, 3); // only on slice 10
		disc(painted.labels()[20], 18, 18, 8, 1);
		disc(painted.labels()[20], 46, 46, 4, 2);
		KeySliceCorrection.Result r = KeySliceCorrection.complete(proposal, painted, KeySlices.interpolating());
		int previous3 = area(r.labels().labels()[10], 3);
		for (int z = 11; z < 20; z++) {
			int[] plane = r.labels().labels()[z];
			assertTrue(area(plane, 1) > 0 && area(plane, 2) > 0, "both objects on slice " + z);
			int a3 = area(plane, 3);
			assertTrue(a3 <= previous3, "object 3 does not grow on slice " + z);
			previous3 = a3;
			if (z >= 15) assertEquals(0, a3, "object 3 is gone by halfway, slice " + z);
			// objects never take each other's places
			assertEquals(0, plane[48 * W + 16], "object 1's area holds no other object");
		}
		assertTrue(area(r.labels().labels()[11], 3) > 0, "object 3 starts tapering off next to its key slice");
		assertEquals(0, area(r.labels().labels()[20], 3), "the edited slice stays as painted");
	}

	@Test
	void anObjectThatEndsBetweenKeySlicesDoesNotLiveOnInANeighbourThatStartsThere() {
		LabelVolume proposal = empty(D);
		LabelVolume painted = copy(proposal);
		disc(painted.labels()[10], 26, 32, 7, 1); // object 1 ends after slice 10
		disc(painted.labels()[20], 38, 32, 7, 2); // object 2, beside it, starts before slice 20
		KeySliceCorrection.Result r = KeySliceCorrection.complete(proposal, painted, KeySlices.interpolating());
		for (int z = 11; z < 20; z++) {
			int[] plane = r.labels().labels()[z];
			if (z >= 15) assertEquals(0, area(plane, 1), "object 1 is gone by halfway, slice " + z);
			if (z <= 15) assertEquals(0, area(plane, 2), "object 2 is not there before halfway, slice " + z);
		}
		assertTrue(area(r.labels().labels()[11], 1) > 0 && area(r.labels().labels()[19], 2) > 0);
	}

	@Test
	void aGapLargerThanTheLimitKeepsTheProposalBetween() {
		LabelVolume proposal = empty(D);
		disc(proposal.labels()[15], 32, 32, 5, 1); // a proposed object between two far-apart edits
		LabelVolume painted = copy(proposal);
		disc(painted.labels()[2], 10, 10, 4, 1);
		disc(painted.labels()[28], 50, 50, 4, 1);
		KeySliceCorrection.Result r = KeySliceCorrection.complete(proposal, painted, KeySlices.interpolating(10));
		assertArrayEquals(new int[] { 2, 28 }, r.roles().edited());
		assertEquals(0, r.roles().interpolated().length);
		for (int z = 3; z < 28; z++) assertArrayEquals(proposal.labels()[z], r.labels().labels()[z], "slice " + z + " keeps the proposal");
		// a limit the gap fits in interpolates it
		KeySliceCorrection.Result wide = KeySliceCorrection.complete(proposal, painted, KeySlices.interpolating(25));
		assertEquals(25, wide.roles().interpolated().length);
		assertEquals(0, KeySliceCorrection.complete(proposal, painted, KeySlices.interpolating(24)).roles().interpolated().length,
			"a limit one slice short keeps the whole gap");
	}

	@Test
	void paintedEqualToTheProposalIsAllKept() {
		LabelVolume proposal = empty(D);
		disc(proposal.labels()[5], 20, 20, 7, 1);
		disc(proposal.labels()[9], 20, 20, 9, 2);
		KeySliceCorrection.Result r = KeySliceCorrection.complete(proposal, copy(proposal), KeySlices.interpolating());
		assertEquals(SliceRoles.all(D, 1, SliceRole.KEPT), r.roles());
		for (int z = 0; z < D; z++) assertArrayEquals(proposal.labels()[z], r.labels().labels()[z]);
	}

	@Test
	void editedSlicesKeepExactlyWhatWasPainted() {
		LabelVolume proposal = empty(D);
		disc(proposal.labels()[8], 20, 20, 7, 1);
		LabelVolume painted = copy(proposal);
		painted.labels()[8][0] = 5; // one pixel and an odd label value
		disc(painted.labels()[12], 40, 40, 3, 7);
		painted.labels()[12][W * H - 1] = 1;
		KeySliceCorrection.Result r = KeySliceCorrection.complete(proposal, painted, KeySlices.interpolating());
		assertArrayEquals(painted.labels()[8], r.labels().labels()[8]);
		assertArrayEquals(painted.labels()[12], r.labels().labels()[12]);
		assertArrayEquals(new int[] { 8, 12 }, r.roles().edited());
		for (int z : r.roles().interpolated())
			for (int v : r.labels().labels()[z]) assertTrue(v == 0 || v == 1 || v == 5 || v == 7, "interpolated slices hold only painted labels");
	}

	@Test
	void withoutInterpolationTheMaskIsStoredAsGivenAndChangedSlicesAreEdited() {
		LabelVolume proposal = empty(D);
		LabelVolume painted = copy(proposal);
		disc(painted.labels()[10], 32, 32, 6, 1);
		disc(painted.labels()[14], 32, 32, 6, 1);
		KeySliceCorrection.Result r = KeySliceCorrection.complete(proposal, painted, KeySlices.NONE);
		assertArrayEquals(new int[] { 10, 14 }, r.roles().edited());
		assertEquals(0, r.roles().interpolated().length);
		for (int p = 0; p < D; p++) assertSame(painted.labels()[p], r.labels().labels()[p]);
	}

	@Test
	void framesAreCompletedEachOnItsOwn() {
		LabelVolume proposal = new LabelVolume(W, H, 8, 2, new int[16][W * H], new double[] { 1, 1, 1 });
		LabelVolume painted = copy(proposal);
		disc(painted.labels()[proposal.plane(1, 0)], 20, 20, 5, 1);
		disc(painted.labels()[proposal.plane(4, 1)], 20, 20, 5, 1); // a single edit in frame 1: nothing to interpolate to
		KeySliceCorrection.Result r = KeySliceCorrection.complete(proposal, painted, KeySlices.interpolating());
		assertArrayEquals(new int[] { 1, 12 }, r.roles().edited());
		assertEquals(0, r.roles().interpolated().length, "edits in different frames are not interpolated between");
	}

	@Test
	void volumesOfDifferentSizesAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> KeySliceCorrection.complete(empty(4), empty(5), KeySlices.NONE));
		assertThrows(IllegalArgumentException.class, () -> KeySlices.interpolating(0));
	}
}
