package org.segloop.core.training;

import java.util.List;

import org.segloop.core.model.WeightSet;

/**
 * What a fine-tuning run produced.
 *
 * @param weights the best epoch's weights (the starting weights when no epoch beat them)
 * @param startDice held-out Dice of the starting weights
 * @param heldOutDice held-out Dice of {@code weights}
 * @param bestEpoch the epoch {@code weights} come from, 0 for the starting weights
 * @param stopReason why training stopped, in words
 * @param classWeights the cross-entropy weight of each class
 */
public record FineTuneResult(WeightSet weights, double startDice, double heldOutDice, int epochs, int bestEpoch, String stopReason,
	double seconds, List<Epoch> history, int trainImages, int validationImages, int trainPlanes, int validationPlanes, float[] classWeights)
{

	/** One epoch: mean training loss, held-out Dice after it, seconds it took. */
	public record Epoch(int epoch, double trainLoss, double heldOutDice, double seconds) {}

	public boolean improved() {
		return bestEpoch > 0;
	}
}
