package org.segloop.core.training;

/**
 * Dice of predicted against true classes, pooled over many planes: per class 2·|P∩T| / (|P|+|T|),
 * then the mean over the foreground classes that occur in either. Not thread-safe.
 */
public final class DiceScore {

	private final long[] intersection, predicted, truth;

	public DiceScore(int classes) {
		intersection = new long[classes];
		predicted = new long[classes];
		truth = new long[classes];
	}

	public void add(int[] predictedClasses, int[] trueClasses) {
		for (int i = 0; i < trueClasses.length; i++) {
			int p = predictedClasses[i], t = trueClasses[i];
			predicted[p]++;
			truth[t]++;
			if (p == t) intersection[p]++;
		}
	}

	/** Mean foreground Dice; 1 when neither prediction nor truth has any foreground. */
	public double value() {
		double sum = 0;
		int n = 0;
		for (int k = 1; k < intersection.length; k++) {
			if (predicted[k] + truth[k] == 0) continue;
			sum += 2.0 * intersection[k] / (predicted[k] + truth[k]);
			n++;
		}
		return n == 0 ? 1 : sum / n;
	}

	/** Dice of one class. */
	public double of(int k) {
		return predicted[k] + truth[k] == 0 ? 1 : 2.0 * intersection[k] / (predicted[k] + truth[k]);
	}
}
