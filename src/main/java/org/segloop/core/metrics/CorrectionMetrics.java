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
 * @param hd95 NaN when exactly one side has no objects, 0 when neither has any
 */
public record CorrectionMetrics(List<String> classes, double[] dice, double[] iou, double objectDice, double fractionChanged, int proposedObjects,
	int correctedObjects, int matchedObjects, double precision, double recall, double f1, double hd95)
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
		LabelVolume proposedObjects = proposalInstances != null ? proposalInstances : components(proposalClasses);
		LabelVolume correctedObjects = kind == Kind.INSTANCE ? corrected : components(corrected);
		List<String> classes = kind == Kind.INSTANCE ? List.of("background", "object") : classNames;
		LabelVolume a = kind == Kind.INSTANCE ? binary(proposedObjects) : proposalClasses;
		LabelVolume b = kind == Kind.INSTANCE ? binary(corrected) : corrected;
		int n = classes.size();
		long[] inter = new long[n], sizeA = new long[n], sizeB = new long[n];
		long changed = 0;
		for (int p = 0; p < a.labels().length; p++)
			for (int i = 0; i < a.labels()[p].length; i++) {
				int ca = Math.min(n - 1, a.labels()[p][i]), cb = Math.min(n - 1, b.labels()[p][i]);
				sizeA[ca]++;
				sizeB[cb]++;
				if (ca == cb) inter[ca]++;
				else changed++;
			}
		double[] dice = new double[n], iou = new double[n];
		for (int c = 0; c < n; c++) {
			long union = sizeA[c] + sizeB[c] - inter[c];
			dice[c] = sizeA[c] + sizeB[c] == 0 ? Double.NaN : 2.0 * inter[c] / (sizeA[c] + sizeB[c]);
			iou[c] = union == 0 ? Double.NaN : (double) inter[c] / union;
		}
		Matching m = Matching.of(proposedObjects, correctedObjects);
		if (kind == Kind.INSTANCE) changed = m.changedPixels;
		int np = proposedObjects.max(), nc = correctedObjects.max();
		double precision = np == 0 ? (nc == 0 ? 1 : 0) : (double) m.matched / np;
		double recall = nc == 0 ? (np == 0 ? 1 : 0) : (double) m.matched / nc;
		double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
		LabelVolume objectsA = binary(proposedObjects), objectsB = binary(correctedObjects);
		return new CorrectionMetrics(classes, dice, iou, objectDice(objectsA, objectsB), (double) changed / a.pixels(), np, nc, m.matched, precision, recall, f1,
			Hausdorff.hd95(objectsA, objectsB));
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
		for (int c = 0; c < classes.size(); c++) perClass.put(classes.get(c), Map.of("dice", json(dice[c]), "iou", json(iou[c])));
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
	private record Matching(int matched, long changedPixels) {

		static Matching of(LabelVolume a, LabelVolume b) {
			a = dense(a);
			b = dense(b);
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
			for (int p = 0; p < a.labels().length; p++)
				for (int i = 0; i < a.labels()[p].length; i++) {
					int la = a.labels()[p][i], lb = b.labels()[p][i];
					boolean same = la == 0 ? lb == 0 : lb != 0 && partner[la] == lb;
					if (!same) changed++;
				}
			return new Matching(matched, changed);
		}

		/** Labels renumbered 1..n when they are sparse (e.g. 16777217 or 2^31 − 1): the matching does not depend on the numbers, the arrays above do. */
		private static LabelVolume dense(LabelVolume v) {
			long pixels = (long) v.width() * v.height() * v.labels().length;
			if (v.max() <= pixels) return v;
			Map<Integer, Integer> number = new HashMap<>();
			number.put(0, 0);
			int[][] out = new int[v.labels().length][];
			for (int p = 0; p < out.length; p++) {
				out[p] = new int[v.labels()[p].length];
				for (int i = 0; i < out[p].length; i++) out[p][i] = number.computeIfAbsent(v.labels()[p][i], k -> number.size());
			}
			return new LabelVolume(v.width(), v.height(), v.slices(), v.frames(), out, v.spacing());
		}
	}
}
