package org.segloop.core.inference;

import java.util.Arrays;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Derives instance labels from a class mask. Objects are connected components (4-connected in 2D,
 * 6-connected in 3D) of the object classes. With a boundary class, components are taken of the
 * object interior only and then grown back into the boundary pixels breadth-first, which splits
 * touching objects along the boundary the model drew. Growth also steps diagonally within a
 * plane, so a ragged rim that touches its body only at corners still joins it. Boundary pixels
 * that no interior reaches (a ring with nothing inside, slivers off a large cell's rim) are no
 * object: a boundary only means something next to the object it bounds. Likewise a sliver — an
 * object less than a third interior, grown from a speck of interior inside a large cell's thick
 * rim — that touches a proper object joins it. Instances below a minimum size are dropped; labels
 * are 1..n in raster order.
 *
 * <p>Works frame by frame (2D models: also slice by slice) on the whole mask, with two int arrays
 * of the sample's size; no recursion, so any object size is safe.
 */
public final class InstanceLabeler {

	private final int boundaryClass;
	private final int minSize;

	/**
	 * @param foregroundClass the object class, or -1 for every non-zero class but the boundary
	 * @param boundaryClass the boundary class to split along, or -1 for plain components
	 * @param minSize smallest instance kept, in pixels
	 */
	public InstanceLabeler(int foregroundClass, int boundaryClass, int minSize) {
		this.boundaryClass = boundaryClass;
		this.minSize = minSize;
		for (int c = 0; c < 256; c++) {
			seed[c] = c != 0 && c != boundaryClass && (foregroundClass < 0 || c == foregroundClass);
			boundary[c] = boundaryClass >= 0 && c == boundaryClass;
		}
	}

	/** Class lookups instead of comparisons in the per-pixel loops. */
	private final boolean[] seed = new boolean[256];
	private final boolean[] boundary = new boolean[256];

	public record Result(PlanarImg<IntType, IntArray> labels, int count) {}

	/** @param volumetric whether z neighbours connect (3D objects) or slices are separate */
	public Result label(PlanarImg<UnsignedByteType, ByteArray> mask, boolean volumetric) {
		int w = (int) mask.dimension(0), h = (int) mask.dimension(1), d = (int) mask.dimension(2), frames = (int) mask.dimension(3);
		PlanarImg<IntType, IntArray> labels = PlanarImgs.ints(w, h, d, frames);
		int total = 0;
		for (int t = 0; t < frames; t++) {
			if (volumetric) total = labelSample(mask, labels, t, 0, d, w, h, total);
			else for (int z = 0; z < d; z++) total = labelSample(mask, labels, t, z, 1, w, h, total);
		}
		return new Result(labels, total);
	}

	private int labelSample(PlanarImg<UnsignedByteType, ByteArray> mask, PlanarImg<IntType, IntArray> labels, int t, int z0,
		int depth, int w, int h, int offset)
	{
		int dTotal = (int) mask.dimension(2);
		byte[][] cls = new byte[depth][];
		int[][] lab = new int[depth][];
		for (int z = 0; z < depth; z++) {
			cls[z] = mask.getPlane(z0 + z + dTotal * t).getCurrentStorageArray();
			lab[z] = labels.getPlane(z0 + z + dTotal * t).getCurrentStorageArray();
		}
		int plane = w * h;
		long n = (long) plane * depth;
		int[] queue = new int[(int) Math.min(n, Integer.MAX_VALUE - 8)];
		int next = 0;
		int[] sizes = new int[16];
		// 1. components of the seeds (interior pixels), by breadth-first flood fill
		for (int z = 0; z < depth; z++)
			for (int i = 0; i < plane; i++)
				if (lab[z][i] == 0 && seed[cls[z][i] & 0xff]) sizes = flood(z * plane + i, ++next, sizes, w, h, depth, plane, cls, lab, queue);
		// 2. grow seeds into boundary pixels, in breadth-first order from all seeds at once; boundary
		// pixels no seed reaches stay background
		int[] interior = Arrays.copyOf(sizes, next + 1);
		if (boundaryClass >= 0) {
			// the first ring: boundary pixels next to a seed take that seed's label (cheaper than testing every seed pixel)
			int tail = 0;
			for (int z = 0; z < depth; z++)
				for (int y = 0, i = 0; y < h; y++)
					for (int x = 0; x < w; x++, i++)
						if (boundary[cls[z][i] & 0xff]) {
							int label = seedNeighbourLabel(z, i, x, w, depth, plane, cls, lab);
							if (label > 0) {
								lab[z][i] = label;
								sizes[label]++;
								queue[tail++] = z * plane + i;
							}
						}
			int head = 0;
			while (head < tail) {
				int q = queue[head++];
				int label = depth == 1 ? lab[0][q] : lab[q / plane][q % plane];
				int before = tail;
				tail = growInto(q, w, depth, plane, cls, lab, label, queue, tail);
				sizes[label] += tail - before;
			}
		}
		// 3. slivers (mostly boundary around a speck of interior) that touch a proper object are part of its rim
		int[] owner = boundaryClass >= 0 ? sliverOwners(lab, w, depth, plane, next, sizes, interior) : null;
		// 4. drop small instances, renumber consecutively after the offset
		int[] map = new int[next + 1];
		int kept = offset;
		for (int l = 1; l <= next; l++) map[l] = (owner == null || owner[l] == l) && sizes[l] >= Math.max(1, minSize) ? ++kept : 0;
		if (owner != null) for (int l = 1; l <= next; l++) map[l] = map[owner[l]];
		for (int z = 0; z < depth; z++) {
			int[] l = lab[z];
			for (int i = 0; i < plane; i++) l[i] = map[l[i]]; // map[0] = 0
		}
		return kept;
	}

	/**
	 * For each object, the object it belongs to: itself, or for a sliver — an object whose interior
	 * is less than a third of it, as specks of interior inside a large cell's thick rim make them —
	 * the proper object it shares the longest border with. Grown sizes move to the owner. A sliver
	 * that touches no proper object stays an object (a small nucleus drawn mostly as boundary).
	 */
	private static int[] sliverOwners(int[][] lab, int w, int depth, int plane, int count, int[] sizes, int[] interior) {
		int[] owner = new int[count + 1];
		boolean[] sliver = new boolean[count + 1];
		boolean any = false;
		for (int l = 1; l <= count; l++) {
			owner[l] = l;
			sliver[l] = 3L * interior[l] < sizes[l];
			any |= sliver[l];
		}
		if (!any) return owner;
		java.util.Map<Long, Integer> contacts = new java.util.HashMap<>();
		for (int z = 0; z < depth; z++) {
			int[] l = lab[z];
			for (int i = 0, x = 0; i < plane; i++, x = x + 1 == w ? 0 : x + 1) {
				int a = l[i];
				if (a == 0) continue;
				// right, the three below, and the next slice: each touching pair once
				if (x + 1 < w && l[i + 1] != a) touch(a, l[i + 1], sliver, contacts);
				if (i + w < plane) {
					if (l[i + w] != a) touch(a, l[i + w], sliver, contacts);
					if (x > 0 && l[i + w - 1] != a) touch(a, l[i + w - 1], sliver, contacts);
					if (x + 1 < w && l[i + w + 1] != a) touch(a, l[i + w + 1], sliver, contacts);
				}
				if (z + 1 < depth && lab[z + 1][i] != a) touch(a, lab[z + 1][i], sliver, contacts);
			}
		}
		int[] best = new int[count + 1];
		for (java.util.Map.Entry<Long, Integer> e : contacts.entrySet()) {
			int s = (int) (e.getKey() >>> 32), other = (int) (long) e.getKey();
			if (e.getValue() > best[s] || e.getValue() == best[s] && other < owner[s]) {
				best[s] = e.getValue();
				owner[s] = other;
			}
		}
		for (int l = 1; l <= count; l++) if (owner[l] != l) sizes[owner[l]] += sizes[l];
		return owner;
	}

	/** Counts a contact between a sliver and a proper object (b ≠ a). */
	private static void touch(int a, int b, boolean[] sliver, java.util.Map<Long, Integer> contacts) {
		if (b == 0 || sliver[a] == sliver[b]) return;
		if (sliver[a]) contacts.merge((long) a << 32 | b, 1, Integer::sum);
		else contacts.merge((long) b << 32 | a, 1, Integer::sum);
	}

	/** Labels the component of {@code start} and returns the (possibly grown) size table. */
	private int[] flood(int start, int label, int[] sizes, int w, int h, int depth, int plane, byte[][] cls, int[][] lab, int[] queue) {
		if (label >= sizes.length) sizes = Arrays.copyOf(sizes, sizes.length * 2);
		int head = 0, tail = 0;
		queue[tail++] = start;
		lab[start / plane][start % plane] = label;
		while (head < tail) {
			sizes[label]++;
			tail = visitSeedNeighbours(queue[head++], w, depth, plane, cls, lab, label, queue, tail);
		}
		return sizes;
	}

	/** The label of the first seed among the pixel's in-plane 8 neighbours and z neighbours, or 0. */
	private int seedNeighbourLabel(int z, int i, int x, int w, int depth, int plane, byte[][] cls, int[][] lab) {
		byte[] c = cls[z];
		int[] l = lab[z];
		boolean left = x > 0, right = x + 1 < w, up = i >= w, down = i + w < plane;
		if (left && seed[c[i - 1] & 0xff]) return l[i - 1];
		if (right && seed[c[i + 1] & 0xff]) return l[i + 1];
		if (up && seed[c[i - w] & 0xff]) return l[i - w];
		if (down && seed[c[i + w] & 0xff]) return l[i + w];
		if (up && left && seed[c[i - w - 1] & 0xff]) return l[i - w - 1];
		if (up && right && seed[c[i - w + 1] & 0xff]) return l[i - w + 1];
		if (down && left && seed[c[i + w - 1] & 0xff]) return l[i + w - 1];
		if (down && right && seed[c[i + w + 1] & 0xff]) return l[i + w + 1];
		if (z > 0 && seed[cls[z - 1][i] & 0xff]) return lab[z - 1][i];
		if (z + 1 < depth && seed[cls[z + 1][i] & 0xff]) return lab[z + 1][i];
		return 0;
	}

	/** Labels the free boundary pixels among the in-plane 8 neighbours and z neighbours of {@code q}; returns the new tail. */
	private int growInto(int q, int w, int depth, int plane, byte[][] cls, int[][] lab, int label, int[] queue, int tail) {
		int z = depth == 1 ? 0 : q / plane;
		int i = q - z * plane;
		int x = i % w;
		boolean left = x > 0, right = x + 1 < w, up = i >= w, down = i + w < plane;
		if (left) tail = visit(z, i - 1, plane, cls, lab, label, queue, tail, false);
		if (right) tail = visit(z, i + 1, plane, cls, lab, label, queue, tail, false);
		if (up) tail = visit(z, i - w, plane, cls, lab, label, queue, tail, false);
		if (down) tail = visit(z, i + w, plane, cls, lab, label, queue, tail, false);
		if (up && left) tail = visit(z, i - w - 1, plane, cls, lab, label, queue, tail, false);
		if (up && right) tail = visit(z, i - w + 1, plane, cls, lab, label, queue, tail, false);
		if (down && left) tail = visit(z, i + w - 1, plane, cls, lab, label, queue, tail, false);
		if (down && right) tail = visit(z, i + w + 1, plane, cls, lab, label, queue, tail, false);
		if (z > 0) tail = visit(z - 1, i, plane, cls, lab, label, queue, tail, false);
		if (z + 1 < depth) tail = visit(z + 1, i, plane, cls, lab, label, queue, tail, false);
		return tail;
	}

	/** Labels the unvisited seed pixels among the 4 (6) neighbours of {@code q}; returns the new tail. */
	private int visitSeedNeighbours(int q, int w, int depth, int plane, byte[][] cls, int[][] lab, int label, int[] queue, int tail) {
		int z = depth == 1 ? 0 : q / plane;
		int i = q - z * plane;
		int x = i % w; // the only division per pixel; y borders follow from the flat index
		if (x > 0) tail = visit(z, i - 1, plane, cls, lab, label, queue, tail, true);
		if (x + 1 < w) tail = visit(z, i + 1, plane, cls, lab, label, queue, tail, true);
		if (i >= w) tail = visit(z, i - w, plane, cls, lab, label, queue, tail, true);
		if (i + w < plane) tail = visit(z, i + w, plane, cls, lab, label, queue, tail, true);
		if (z > 0) tail = visit(z - 1, i, plane, cls, lab, label, queue, tail, true);
		if (z + 1 < depth) tail = visit(z + 1, i, plane, cls, lab, label, queue, tail, true);
		return tail;
	}

	private int visit(int z, int i, int plane, byte[][] cls, int[][] lab, int label, int[] queue, int tail, boolean seedPass) {
		if (lab[z][i] != 0) return tail;
		int c = cls[z][i] & 0xff;
		if (!(seedPass ? seed[c] : boundary[c])) return tail;
		lab[z][i] = label;
		queue[tail++] = z * plane + i;
		return tail;
	}
}
