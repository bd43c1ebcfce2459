package org.segloop.core.export;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A seeded train / validation / test split that never moves a case: each case's subset follows
 * from its image's content and the seed alone (see {@link #subsetOf}), so exports made before and
 * after new corrections agree on every earlier case, and the same seed gives the same split.
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
			throw new IllegalArgumentException("the split takes train,validation[,test] fractions, e.g. 0.7,0.15,0.15 (got '" + fractions + "')");
		try {
			double tr = Double.parseDouble(parts[0].trim()), va = Double.parseDouble(parts[1].trim());
			double te = parts.length == 3 ? Double.parseDouble(parts[2].trim()) : 0;
			return new SplitPlan(tr, va, te, seed);
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("the split takes numbers, e.g. 0.7,0.15,0.15 (got '" + fractions + "')");
		}
	}

	/**
	 * The subset of a case, from a keyed hash (HMAC-SHA256, keyed by the seed) of its image's content
	 * hash: a number u in [0, 1) that depends on nothing else, so a case keeps its subset however
	 * many cases are added, removed or reordered later. u &lt; test goes to test, u &lt; test +
	 * validation to validation, the rest to training: the fractions hold approximately (exactly in
	 * expectation), and a tiny project may have an empty subset.
	 */
	public Subset subsetOf(String contentSha256) {
		double u = unitHash(contentSha256);
		return u < test ? Subset.TEST : u < test + validation ? Subset.VALIDATION : Subset.TRAIN;
	}

	private double unitHash(String contentSha256) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(("segloop-split-" + seed).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			long bits = ByteBuffer.wrap(mac.doFinal(contentSha256.getBytes(StandardCharsets.UTF_8))).getLong();
			return (bits >>> 11) * 0x1.0p-53;
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
		}
	}
}
