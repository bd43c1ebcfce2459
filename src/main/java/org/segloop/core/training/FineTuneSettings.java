package org.segloop.core.training;

/**
 * How to fine-tune. Defaults suit a few dozen corrected 2D images on a laptop CPU.
 *
 * @param maxEpochs upper bound on passes over the training corrections
 * @param patience epochs without a better held-out Dice before stopping early
 * @param learningRate Adam's step size
 * @param batchSize crops per optimisation step
 * @param cropSize side of the square random crops (a multiple of 16; smaller images are padded)
 * @param cropsPerImage crops taken from each training image per epoch
 * @param validationFraction share of corrections held out to measure Dice and stop early (at least one)
 * @param minCorrections fewer corrected images than this are refused
 * @param seed seeds the split, the crops, the augmentations and PyTorch
 * @param timeBudgetSeconds training stops (keeping the best epoch so far) when this is spent; 0 = no limit
 * @param diceWeight weight of the soft Dice term next to the class-weighted cross-entropy
 */
public record FineTuneSettings(int maxEpochs, int patience, double learningRate, int batchSize, int cropSize, int cropsPerImage,
	double validationFraction, int minCorrections, long seed, double timeBudgetSeconds, double diceWeight)
{

	public FineTuneSettings {
		if (maxEpochs < 1) throw new IllegalArgumentException("epochs must be at least 1, not " + maxEpochs);
		if (patience < 1) throw new IllegalArgumentException("patience must be at least 1, not " + patience);
		if (!(learningRate > 0 && learningRate < 1)) throw new IllegalArgumentException("learning rate must be in (0, 1), not " + learningRate);
		if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
		if (cropSize < 16 || cropSize % 16 != 0) throw new IllegalArgumentException("crop size must be a multiple of 16, not " + cropSize);
		if (cropsPerImage < 1) throw new IllegalArgumentException("crops per image must be at least 1, not " + cropsPerImage);
		if (!(validationFraction > 0 && validationFraction < 1))
			throw new IllegalArgumentException("validation fraction must be in (0, 1), not " + validationFraction);
		if (minCorrections < 2) throw new IllegalArgumentException("at least 2 corrections are needed (one to train, one to validate)");
		if (!(timeBudgetSeconds >= 0)) throw new IllegalArgumentException("time budget must be 0 (none) or positive, not " + timeBudgetSeconds);
		if (!(diceWeight >= 0)) throw new IllegalArgumentException("Dice weight must be 0 or positive, not " + diceWeight);
	}

	public static FineTuneSettings defaults() {
		return new FineTuneSettings(30, 5, 1e-3, 4, 128, 2, 0.2, 4, 42, 300, 1.0);
	}

	public FineTuneSettings withSeed(long value) {
		return new FineTuneSettings(maxEpochs, patience, learningRate, batchSize, cropSize, cropsPerImage, validationFraction, minCorrections, value,
			timeBudgetSeconds, diceWeight);
	}

	public FineTuneSettings withTimeBudget(double seconds) {
		return new FineTuneSettings(maxEpochs, patience, learningRate, batchSize, cropSize, cropsPerImage, validationFraction, minCorrections, seed,
			seconds, diceWeight);
	}

	public FineTuneSettings withEpochs(int epochs, int patience) {
		return new FineTuneSettings(epochs, patience, learningRate, batchSize, cropSize, cropsPerImage, validationFraction, minCorrections, seed,
			timeBudgetSeconds, diceWeight);
	}

	public FineTuneSettings withLearningRate(double value) {
		return new FineTuneSettings(maxEpochs, patience, value, batchSize, cropSize, cropsPerImage, validationFraction, minCorrections, seed,
			timeBudgetSeconds, diceWeight);
	}
}
