package org.segloop.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How much a scientist had to change a proposal: overlap per class (Dice, IoU), the fraction of
 * pixels changed, object-level precision, recall and F1 at IoU ≥ 0.5, and the 95th-percentile
 * Hausdorff distance between the object outlines (in calibrated units).
 *
 * <p>For a <em>semantic</em> correction, classes are compared as they are and objects are the
 * connected components of non-background. For an <em>instance</em> correction, the classes are
 * background / object, objects are the instances, and a pixel counts as changed when its
 * object/background state changed or its proposed object was not matched to its corrected one.
 *
 * @param dice, iou per class (NaN where the class is absent from both)
 * @param objectDice Dice of everything that is not background: the headline figure
 * @param hd95 NaN when exactly one side has no objects, 0 when neither has any; in the spacing's unit
 *          (mm for CT), each axis with its own spacing
 * @param volumes per class and per object, in voxels and mL
 * @param slices the slices whose labels changed ({@code slicesChanged} in the JSON)
 */
public record CorrectionMetrics(List<String> classes, double[] dice, double[] iou, double objectDice, double fractionChanged, int proposedObjects,
	int correctedObjects, int matchedObjects, double precision, double recall, double f1, double hd95, CorrectionVolumes volumes,
	SliceChanges slices)
{

	public enum Kind { SEMANTIC, INSTANCE }

	static final double MATCH_IOU = 0.5;

	/**
	 * @param proposalClasses the proposal's class per pixel
	 * @param proposalInstances the proposal's instances, or null (then components of non-background)
	 * @param corrected the accepted mask: class per pixel (semantic) or instance labels
	 */
	public static CorrectionMetrics compare(LabelVolume proposalClasses, LabelVolume proposalInstances, LabelVolume corrected, Kind kind,
		List<String> classNames)
	{
		return compare(proposalClasses, proposalInstances, corrected, kind, classNames, VoxelVolume.unknown());
	}

	/**
	 * As {@link #compare(LabelVolume, LabelVolume, LabelVolume, Kind, List)}, with volumes in mL
	 * where {@code voxel} knows them.
	 */
	public static CorrectionMetrics compare(LabelVolume proposalClasses, LabelVolume proposalInstances, LabelVolume corrected, Kind kind,
		List<String> classNames, VoxelVolume voxel)
	{
		LabelVolume proposedObjects = proposalInstances != null ? proposalInstances : components(proposalClasses);
		LabelVolume correctedObjects = kind == Kind.INSTANCE ? corrected : components(corrected);
		List<String> classes = kind == Kind.INSTANCE ? List.of("background", "object") : classNames;
		LabelVolume a = kind == Kind.INSTANCE ? binary(proposedObjects) : proposalClasses;
		LabelVolume b = kind == Kind.INSTANCE ? binary(corrected) : corrected;
		int n = classes.size();
		long[] inter = new long[n], sizeA = new long[n], sizeB = new long[n];
		long changed = 0;
		long[] changedPerPlane = new long[a.labels().length];
		for (int p = 0; p < a.labels().length; p++)
			for (int i = 0; i < a.labels()[p].length; i++) {
				int ca = Math.min(n - 1, a.labels()[p][i]), cb = Math.min(n - 1, b.labels()[p][i]);
				sizeA[ca]++;
				sizeB[cb]++;
				if (ca == cb) inter[ca]++;
				else {
					changed++;
					changedPerPlane[p]++;
				}
			}
		double[] dice = new double[n], iou = new double[n];
		for (int c = 0; c < n; c++) {
			long union = sizeA[c] + sizeB[c] - inter[c];
			dice[c] = sizeA[c] + sizeB[c] == 0 ? Double.NaN : 2.0 * inter[c] / (sizeA[c] + sizeB[c]);
			iou[c] = union == 0 ? Double.NaN : (double) inter[c] / union;
		}
		proposedObjects = Matching.dense(proposedObjects);
		correctedObjects = Matching.dense(correctedObjects);
		Matching m = Matching.of(proposedObjects, correctedObjects);
		if (kind == Kind.INSTANCE) {
			changed = m.changedPixels;
			changedPerPlane = m.changedPerPlane;
		}
		int np = proposedObjects.max(), nc = correctedObjects.max(); // objects present (numbered 1..n)
		double precision = np == 0 ? (nc == 0 ? 1 : 0) : (double) m.matched / np;
		double recall = nc == 0 ? (np == 0 ? 1 : 0) : (double) m.matched / nc;
		double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
		LabelVolume objectsA = binary(proposedObjects), objectsB = binary(correctedObjects);
		return new CorrectionMetrics(classes, dice, iou, objectDice(objectsA, objectsB), (double) changed / a.pixels(), np, nc, m.matched, precision, recall, f1,
			Hausdorff.hd95(objectsA, objectsB), new CorrectionVolumes(voxel, classes, sizeA, sizeB, m.sizeA, m.sizeB, m.partner),
			SliceChanges.of(changedPerPlane, a.slices(), a.frames()));
	}

	private static double objectDice(LabelVolume a, LabelVolume b) {
		long inter = 0, sum = 0;
		for (int p = 0; p < a.labels().length; p++)
			for (int i = 0; i < a.labels()[p].length; i++) {
				inter += a.labels()[p][i] & b.labels()[p][i];
				sum += a.labels()[p][i] + b.labels()[p][i];
			}
		return sum == 0 ? 1 : 2.0 * inter / sum;
	}

	/** As JSON for the project's correction record. */
	public String toJson() {
		Map<String, Object> m = new java.util.LinkedHashMap<>();
		Map<String, Object> perClass = new java.util.LinkedHashMap<>();
		for (int c = 0; c < classes.size(); c++) { // null for an undefined value (e.g. IoU of a class absent from both): Map.of refuses nulls
			Map<String, Object> one = new java.util.LinkedHashMap<>();
			one.put("dice", json(dice[c]));
			one.put("iou", json(iou[c]));
			perClass.put(classes.get(c), one);
		}
		m.put("classes", perClass);
		m.put("objectDice", objectDice);
		m.put("fractionChanged", fractionChanged);
		m.put("proposedObjects", proposedObjects);
		m.put("correctedObjects", correctedObjects);
		m.put("matchedObjects", matchedObjects);
		m.put("precision", precision);
		m.put("recall", recall);
		m.put("f1", f1);
		m.put("hd95", json(hd95));
		m.put("slicesChanged", slices.changed());
		m.put("slices", slices.total());
		m.put("changedSlices", slices.which());
		m.put("volumes", volumes.toMap());
		return new com.google.gson.GsonBuilder().serializeNulls().create().toJson(m);
	}

	private static Object json(double v) {
		return Double.isFinite(v) ? (Object) v : null;
	}

	private static LabelVolume components(LabelVolume classes) {
		int[] n = new int[1];
		return new LabelVolume(classes.width(), classes.height(), classes.slices(), classes.frames(), Components.label(classes, n),
			classes.spacing());
	}

	private static LabelVolume binary(LabelVolume v) {
		int[][] out = Components.copyOf(v.labels());
		for (int[] p : out)
			for (int i = 0; i < p.length; i++) p[i] = p[i] != 0 ? 1 : 0;
		return new LabelVolume(v.width(), v.height(), v.slices(), v.frames(), out, v.spacing());
	}

	/** One-to-one matching of objects at IoU ≥ 0.5, greedily by IoU. */
	private record Matching(int matched, long changedPixels, long[] changedPerPlane, long[] sizeA, long[] sizeB, int[] partner) {

		/** @param a, b labels numbered 1..n ({@link #dense}) */
		static Matching of(LabelVolume a, LabelVolume b) {
			Map<Long, Long> overlap = new HashMap<>();
			long[] sizeA = new long[a.max() + 1], sizeB = new long[b.max() + 1];
			for (int p = 0; p < a.labels().length; p++)
				for (int i = 0; i < a.labels()[p].length; i++) {
					int la = a.labels()[p][i], lb = b.labels()[p][i];
					sizeA[la]++;
					sizeB[lb]++;
					if (la != 0 && lb != 0) overlap.merge((long) la << 32 | lb, 1L, Long::sum);
				}
			List<double[]> pairs = new ArrayList<>();
			overlap.forEach((key, inter) -> {
				int la = (int) (key >>> 32), lb = (int) (long) key;
				double iou = (double) inter / (sizeA[la] + sizeB[lb] - inter);
				if (iou >= MATCH_IOU) pairs.add(new double[] { iou, la, lb });
			});
			pairs.sort((x, y) -> Double.compare(y[0], x[0]));
			int[] partner = new int[sizeA.length];
			boolean[] taken = new boolean[sizeB.length];
			int matched = 0;
			for (double[] pr : pairs) {
				int la = (int) pr[1], lb = (int) pr[2];
				if (partner[la] != 0 || taken[lb]) continue;
				partner[la] = lb;
				taken[lb] = true;
				matched++;
			}
			long changed = 0;
			long[] perPlane = new long[a.labels().length];
			for (int p = 0; p < a.labels().length; p++)
				for (int i = 0; i < a.labels()[p].length; i++) {
					int la = a.labels()[p][i], lb = b.labels()[p][i];
					boolean same = la == 0 ? lb == 0 : lb != 0 && partner[la] == lb;
					if (!same) {
						changed++;
						perPlane[p]++;
					}
				}
			return new Matching(matched, changed, perPlane, sizeA, sizeB, partner);
		}

		/**
		 * Labels renumbered 1..n in their order, unless they already are: the object count and the
		 * arrays above then follow the objects present, not the label values (16777217 or 2^31 − 1
		 * would otherwise size them, and labels {3, 7} would count as 7 objects).
		 */
		static LabelVolume dense(LabelVolume v) {
			long pixels = (long) v.width() * v.height() * v.labels().length;
			int max = v.max();
			if (max <= pixels) { // a table no larger than the image
				int[] number = new int[max + 1];
				for (int[] plane : v.labels())
					for (int l : plane) number[l] = 1;
				number[0] = 0; // background stays 0
				int n = 0;
				for (int l = 1; l <= max; l++) if (number[l] != 0) number[l] = ++n;
				return n == max ? v : relabelled(v, l -> number[l]);
			}
			java.util.TreeSet<Integer> present = new java.util.TreeSet<>();
			for (int[] plane : v.labels())
				for (int l : plane) if (l != 0) present.add(l);
			Map<Integer, Integer> number = new HashMap<>();
			number.put(0, 0);
			for (int l : present) number.put(l, number.size());
			return relabelled(v, number::get);
		}

		private static LabelVolume relabelled(LabelVolume v, java.util.function.IntUnaryOperator number) {
			int[][] out = new int[v.labels().length][];
			for (int p = 0; p < out.length; p++) {
				int[] in = v.labels()[p];
				out[p] = new int[in.length];
				for (int i = 0; i < in.length; i++) out[p][i] = number.applyAsInt(in[i]);
			}
			return new LabelVolume(v.width(), v.height(), v.slices(), v.frames(), out, v.spacing());
		}
	}
}
