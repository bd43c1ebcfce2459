package org.segloop.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.junit.jupiter.api.Test;

/**
 * Instances from a class mask of the bundled model's kind (0 background, 1 interior, 2 boundary):
 * boundary pixels belong to the object they border; boundary with no interior is no object.
 */
class InstanceLabelerTest {

	private static final int BG = 0, IN = 1, RIM = 2;

	private final InstanceLabeler labeler = new InstanceLabeler(1, 2, 8);

	@Test
	void aLargeCellWithAThickRaggedRimIsOneObjectThatOwnsItsRim() {
		int w = 200, h = 200;
		byte[] c = new byte[w * h];
		// one large cell: interior disk r < 70, a rim 70..82 wide, ragged so that parts of it touch the
		// body only diagonally, and 26 rim fragments just outside, separated from it by background
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double r = Math.hypot(x - 100, y - 100);
				double angle = Math.atan2(y - 100, x - 100);
				if (r < 70) c[y * w + x] = IN;
				else if (r < 82) c[y * w + x] = RIM;
				else if (r >= 84 && r < 92 && Math.sin(26 * angle) > 0.3) c[y * w + x] = RIM; // slivers of 60-170 px
			}
		// a checkerboard patch of rim touching the rim only at corners
		for (int y = 20; y < 30; y++)
			for (int x = 20; x < 30; x++)
				if (((x + y) & 1) == 0) c[y * w + x] = RIM;
		c[19 * w + 19] = RIM;
		int[] labels = label(c, w, h);
		assertEquals(Set.of(1), objects(labels), "one object, no slivers");
		for (int i = 0; i < c.length; i++) {
			double r = Math.hypot(i % w - 100, i / w - 100);
			if (r < 82) assertEquals(1, labels[i], "the rim joins the cell at " + (i % w) + "," + (i / w));
			if (r >= 83) assertEquals(0, labels[i], "nothing beyond the rim is an object at " + (i % w) + "," + (i / w));
		}
	}

	@Test
	void specksOfInteriorInsideAThickRimAreNoObjectsOfTheirOwn() {
		// as the bundled model draws a cell far larger than its nuclei: a rim 16 px thick, sprinkled
		// with specks of interior (1 to 20 px) that would each grow a sliver of the rim
		int w = 240, h = 240;
		byte[] c = new byte[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double r = Math.hypot(x - 120, y - 120);
				c[y * w + x] = (byte) (r < 80 ? IN : r < 96 ? RIM : BG);
			}
		int specks = 0;
		for (int k = 0; k < 24; k++) {
			double angle = 2 * Math.PI * k / 24;
			int cx = (int) Math.round(120 + 89 * Math.cos(angle)), cy = (int) Math.round(120 + 89 * Math.sin(angle));
			int size = 1 + k % 4; // squares of 1..4 px a side
			for (int y = cy; y < cy + size; y++)
				for (int x = cx; x < cx + size; x++) c[y * w + x] = IN;
			specks++;
		}
		assertEquals(24, specks);
		int[] labels = label(c, w, h);
		assertEquals(Set.of(1), objects(labels));
		for (int i = 0; i < c.length; i++)
			if (c[i] != BG) assertEquals(1, labels[i], "part of the cell at " + (i % w) + "," + (i / w));
	}

	@Test
	void aSmallNucleusDrawnMostlyAsBoundaryStaysAnObjectWhenAlone() {
		int w = 30, h = 30;
		byte[] c = new byte[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double r = Math.hypot(x - 15, y - 15);
				if (r < 1.5) c[y * w + x] = IN; // 9 px of interior
				else if (r < 4.5) c[y * w + x] = RIM; // 52 px of boundary
			}
		assertEquals(Set.of(1), objects(label(c, w, h)));
	}

	@Test
	void rimPixelsTouchingTheBodyOnlyDiagonallyJoinIt() {
		int w = 20, h = 20;
		byte[] c = new byte[w * h];
		for (int y = 5; y < 15; y++)
			for (int x = 5; x < 15; x++) c[y * w + x] = IN;
		// a rim arc that touches the body's corner only diagonally
		for (int k = 0; k < 4; k++) c[(4 - k) * w + 15 + k] = RIM;
		for (int k = 0; k < 4; k++) c[(4 - k) * w + 16 + k] = RIM;
		int[] labels = label(c, w, h);
		assertEquals(Set.of(1), objects(labels));
		assertEquals(1, labels[4 * w + 15]);
		assertEquals(1, labels[1 * w + 19]);
	}

	@Test
	void aRingOfBoundaryWithoutInteriorIsNoObject() {
		int w = 64, h = 64;
		byte[] c = new byte[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double r = Math.hypot(x - 32, y - 32);
				if (r >= 15 && r < 20) c[y * w + x] = RIM; // ~550 px of ring, hollow inside
			}
		assertEquals(Set.of(), objects(label(c, w, h)));
	}

	@Test
	void touchingCellsStaySplitAlongTheirSharedBoundary() {
		int w = 120, h = 60;
		byte[] c = new byte[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double a = Math.hypot(x - 35, y - 30), b = Math.hypot(x - 82, y - 30);
				if (a < 20 && x < 57 || b < 22 && x > 60) c[y * w + x] = IN;
				else if (a < 24 || b < 26) c[y * w + x] = RIM; // thick rims, merged between the cells
			}
		int[] labels = label(c, w, h);
		assertEquals(Set.of(1, 2), objects(labels));
		int left = labels[30 * w + 35], right = labels[30 * w + 82];
		assertNotEquals(left, right);
		// the shared boundary is divided: each side goes to the nearer cell (interiors end at x 54 and 61)
		assertEquals(left, labels[30 * w + 56]);
		assertEquals(right, labels[30 * w + 59]);
		// every rim pixel belongs to one of the cells
		for (int i = 0; i < c.length; i++)
			if (c[i] == RIM) assertNotEquals(0, labels[i], "rim pixel " + (i % w) + "," + (i / w));
	}

	@Test
	void smallInteriorFragmentsBelowTheMinimumSizeAreStillDropped() {
		int w = 30, h = 30;
		byte[] c = new byte[w * h];
		c[5 * w + 5] = IN; // 1 px of interior with 4 px of rim: 5 px < 8
		c[4 * w + 5] = c[6 * w + 5] = c[5 * w + 4] = c[5 * w + 6] = RIM;
		for (int y = 15; y < 19; y++)
			for (int x = 15; x < 18; x++) c[y * w + x] = IN; // 12 px
		assertEquals(Set.of(1), objects(label(c, w, h)));
	}

	@Test
	void inThreeDimensionsABoundaryShellWithoutInteriorIsNoObject() {
		int w = 24, h = 24, d = 12;
		PlanarImg<UnsignedByteType, ByteArray> mask = PlanarImgs.unsignedBytes(w, h, d, 1);
		for (int z = 0; z < d; z++) {
			byte[] plane = mask.getPlane(z).getCurrentStorageArray();
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double r = Math.sqrt((x - 12) * (x - 12) + (y - 12) * (y - 12) + 4.0 * (z - 6) * (z - 6));
					if (r >= 6 && r < 9) plane[y * w + x] = RIM;
				}
		}
		assertEquals(0, labeler.label(mask, true).count());
	}

	private int[] label(byte[] classes, int w, int h) {
		PlanarImg<UnsignedByteType, ByteArray> mask = PlanarImgs.unsignedBytes(w, h, 1, 1);
		System.arraycopy(classes, 0, mask.getPlane(0).getCurrentStorageArray(), 0, classes.length);
		InstanceLabeler.Result r = labeler.label(mask, false);
		int[] labels = r.labels().getPlane(0).getCurrentStorageArray();
		assertEquals(objects(labels).size(), r.count());
		return labels;
	}

	private static Set<Integer> objects(int[] labels) {
		Set<Integer> s = new HashSet<>();
		for (int l : labels) if (l != 0) s.add(l);
		return s;
	}
}
