package org.segloop.core.training;

import java.util.HashMap;
import java.util.Map;

import org.segloop.core.metrics.LabelVolume;

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
	 * @param objectClasses class of each object pixel, or null for class 1 everywhere
	 * @param boundaryClass the model's boundary class, or -1 when it has none
	 */
	public static int[] ofInstances(int[] instances, int width, int height, int[] objectClasses, int boundaryClass) {
		int[] out = new int[instances.length];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				int i = y * width + x, l = instances[i];
				if (l == 0) continue;
				if (boundaryClass > 0 && touchesOther(instances, width, height, x, y, l)) out[i] = boundaryClass;
				else out[i] = objectClasses == null || objectClasses[i] <= 0 ? 1 : objectClasses[i];
			}
		return out;
	}

	private static boolean touchesOther(int[] labels, int width, int height, int x, int y, int l) {
		// edge pixels compare with themselves (edge padding), as the bundled model's recipe does
		return x > 0 && labels[y * width + x - 1] != l || x + 1 < width && labels[y * width + x + 1] != l
			|| y > 0 && labels[(y - 1) * width + x] != l || y + 1 < height && labels[(y + 1) * width + x] != l;
	}

	/**
	 * Class per pixel for an instance correction: 1 for every object with a one-class model; with
	 * several classes, each object takes the proposal's most common object class under it (not
	 * background, not the class that marks boundaries between objects), else 1.
	 *
	 * @param boundaryClass the model's boundary class, or -1
	 */
	public static LabelVolume classesOfInstances(LabelVolume instances, LabelVolume proposalClasses, int boundaryClass) {
		int[][] out = new int[instances.labels().length][];
		Map<Integer, Map<Integer, Integer>> votes = new HashMap<>();
		if (proposalClasses != null)
			for (int p = 0; p < out.length; p++)
				for (int i = 0; i < instances.labels()[p].length; i++) {
					int l = instances.labels()[p][i], c = proposalClasses.labels()[p][i];
					if (l > 0 && c > 0 && c != boundaryClass) votes.computeIfAbsent(l, k -> new HashMap<>()).merge(c, 1, Integer::sum);
				}
		Map<Integer, Integer> classOf = new HashMap<>();
		votes.forEach((l, v) -> classOf.put(l, v.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey()));
		for (int p = 0; p < out.length; p++) {
			int[] in = instances.labels()[p];
			out[p] = new int[in.length];
			for (int i = 0; i < in.length; i++) out[p][i] = in[i] == 0 ? 0 : classOf.getOrDefault(in[i], 1);
		}
		return new LabelVolume(instances.width(), instances.height(), instances.slices(), instances.frames(), out, instances.spacing());
	}
}
