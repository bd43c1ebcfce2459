package org.segloop.core.training;

/**
 * The class a model should predict at each pixel of a correction. Instance masks become classes
 * the way the model was trained: for a model that separates touching objects by a boundary class,
 * every object pixel with a 4-neighbour of another label (or the background, or the image edge's
 * mirror) is boundary and the rest is the object's class. Stateless.
 */
public final class TrainingTargets {

	private TrainingTargets() {}

	/**
	 * @param instances instance labels of one plane, 0 = background
	 * @param objectClass class of each object (indexed by label), or null for class 1 everywhere
	 * @param boundaryClass the model's boundary class, or -1 when it has none
	 */
	public static int[] ofInstances(int[] instances, int width, int height, int[] objectClass, int boundaryClass) {
		int[] out = new int[instances.length];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				int i = y * width + x, l = instances[i];
				if (l == 0) continue;
				if (boundaryClass > 0 && touchesOther(instances, width, height, x, y, l)) out[i] = boundaryClass;
				else out[i] = objectClass == null || l >= objectClass.length || objectClass[l] <= 0 ? 1 : objectClass[l];
			}
		return out;
	}

	private static boolean touchesOther(int[] labels, int width, int height, int x, int y, int l) {
		// edge pixels compare with themselves (edge padding), as the bundled model's recipe does
		return x > 0 && labels[y * width + x - 1] != l || x + 1 < width && labels[y * width + x + 1] != l
			|| y > 0 && labels[(y - 1) * width + x] != l || y + 1 < height && labels[(y + 1) * width + x] != l;
	}
}
