package org.segloop.core.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Class-weighted cross-entropy plus soft Dice over classes, on logits {@code [b, k, spatial…]}
 * and integer classes {@code [b, spatial…]}, for any number of spatial axes ({y, x} or {z, y, x}). The weights lift rare classes (thin boundaries, small objects)
 * that plain cross-entropy would drown in background; the Dice term rewards overlap directly, as
 * the held-out score measures it.
 */
final class SegmentationLoss extends Loss {

	private final float[] classWeights;
	private final float diceWeight;

	SegmentationLoss(float[] classWeights, double diceWeight) {
		super("ce+dice");
		this.classWeights = classWeights.clone();
		this.diceWeight = (float) diceWeight;
	}

	@Override
	public NDArray evaluate(NDList labels, NDList predictions) {
		NDArray logits = predictions.singletonOrThrow();
		int k = classWeights.length;
		int rank = logits.getShape().dimension() - 2; // spatial axes
		int[] classesSecond = new int[rank + 2]; // [b, spatial…, k] -> [b, k, spatial…]
		classesSecond[1] = rank + 1;
		for (int i = 0; i < rank; i++) classesSecond[i + 2] = i + 1;
		NDArray oneHot = labels.singletonOrThrow().toType(DataType.INT64, false).oneHot(k).transpose(classesSecond);
		long[] weightShape = new long[rank + 2];
		java.util.Arrays.fill(weightShape, 1);
		weightShape[1] = k;
		NDArray w = logits.getManager().create(classWeights).reshape(new ai.djl.ndarray.types.Shape(weightShape));
		NDArray pixelWeight = oneHot.mul(w).sum(new int[] { 1 });
		NDArray crossEntropy = logits.logSoftmax(1).mul(oneHot).sum(new int[] { 1 }).neg();
		NDArray ce = crossEntropy.mul(pixelWeight).sum().div(pixelWeight.sum());
		if (diceWeight == 0) return ce;
		NDArray p = logits.softmax(1);
		int[] axes = new int[rank + 1]; // batch and space: one Dice per class
		for (int i = 1; i <= rank; i++) axes[i] = i + 1;
		NDArray intersection = p.mul(oneHot).sum(axes);
		NDArray total = p.sum(axes).add(oneHot.sum(axes));
		NDArray dice = intersection.mul(2).add(1).div(total.add(1));
		return ce.add(dice.mean().neg().add(1).mul(diceWeight));
	}

	/**
	 * Weights ∝ 1/√frequency, scaled so the average pixel weighs 1 and capped at 10; classes that
	 * never occur weigh 1.
	 */
	static float[] classWeights(long[] counts) {
		long total = 0;
		for (long c : counts) total += c;
		float[] w = new float[counts.length];
		double mean = 0;
		for (int i = 0; i < w.length; i++) {
			w[i] = counts[i] == 0 ? 1 : (float) (1 / Math.sqrt(counts[i] / (double) total));
			mean += counts[i] / (double) total * w[i];
		}
		for (int i = 0; i < w.length; i++) w[i] = (float) Math.min(10, counts[i] == 0 ? 1 : w[i] / mean);
		return w;
	}
}
