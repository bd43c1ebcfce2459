package org.segloop.core.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded train / validation / test split. The same seed and the same set of cases always give
 * the same split, whatever order the cases arrive in.
 *
 * @param train, validation, test fractions ≥ 0 that sum to 1
 */
public record SplitPlan(double train, double validation, double test, long seed) {

	public enum Subset {
		TRAIN, VALIDATION, TEST;

		public String folderName() {
			return this == VALIDATION ? "val" : name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	public SplitPlan {
		if (!(train >= 0 && validation >= 0 && test >= 0) || Math.abs(train + validation + test - 1) > 1e-6)
			throw new IllegalArgumentException("split fractions must be ≥ 0 and add up to 1, e.g. 0.7,0.15,0.15 (got " + train + ","
				+ validation + "," + test + ")");
	}

	public static SplitPlan defaults() {
		return new SplitPlan(0.7, 0.15, 0.15, 42);
	}

	/** Parses "0.7,0.15,0.15", or "0.8,0.2" for no test set; the fractions given must add up to 1. */
	public static SplitPlan parse(String fractions, long seed) {
		String[] parts = fractions.split(",");
		if (parts.length < 2 || parts.length > 3)
			throw new IllegalArgumentException("--split takes train,validation[,test] fractions, e.g. 0.7,0.15,0.15 (got '" + fractions + "')");
		try {
			double tr = Double.parseDouble(parts[0].trim()), va = Double.parseDouble(parts[1].trim());
			double te = parts.length == 3 ? Double.parseDouble(parts[2].trim()) : 0;
			return new SplitPlan(tr, va, te, seed);
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("--split takes numbers, e.g. 0.7,0.15,0.15 (got '" + fractions + "')");
		}
	}

	/**
	 * Assigns each id a subset: the ids are sorted, shuffled with the seed, and cut into test,
	 * validation and training parts of rounded sizes. Training keeps at least one case, so a tiny
	 * project still exports something to train on.
	 */
	public Map<Long, Subset> assign(List<Long> ids) {
		List<Long> order = new ArrayList<>(ids);
		order.sort(null);
		java.util.Collections.shuffle(order, new Random(seed));
		int n = order.size();
		int nTest = (int) Math.round(n * test), nVal = (int) Math.round(n * validation);
		while (n > 0 && nTest + nVal >= n) {
			if (nTest >= nVal && nTest > 0) nTest--;
			else nVal--;
		}
		Map<Long, Subset> out = new HashMap<>();
		for (int i = 0; i < n; i++)
			out.put(order.get(i), i < nTest ? Subset.TEST : i < nTest + nVal ? Subset.VALIDATION : Subset.TRAIN);
		return out;
	}
}
