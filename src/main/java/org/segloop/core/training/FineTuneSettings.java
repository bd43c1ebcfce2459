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
 * @param cropDepth slices of the random crops for a 3D model (in-plane they are {@code cropSize}); each is
 *     raised to the nearest size the model accepts and lowered to the largest training volume; 2D models ignore it
 */
public record FineTuneSettings(int maxEpochs, int patience, double learningRate, int batchSize, int cropSize, int cropsPerImage,
	double validationFraction, int minCorrections, long seed, double timeBudgetSeconds, double diceWeight, int cropDepth)
{

	/** Crop depth when none is given: suits the bundled CT model (z steps of 2 from 8, 2.5 mm slices: 4 cm of anatomy). */
	public static final int DEFAULT_CROP_DEPTH = 16;

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
		if (cropDepth < 1) throw new IllegalArgumentException("crop depth must be at least 1 slice, not " + cropDepth);
	}

	/** Settings with the default crop depth (for 2D models it does not matter). */
	public FineTuneSettings(int maxEpochs, int patience, double learningRate, int batchSize, int cropSize, int cropsPerImage,
		double validationFraction, int minCorrections, long seed, double timeBudgetSeconds, double diceWeight)
	{
		this(maxEpochs, patience, learningRate, batchSize, cropSize, cropsPerImage, validationFraction, minCorrections, seed, timeBudgetSeconds,
			diceWeight, DEFAULT_CROP_DEPTH);
	}

	public static FineTuneSettings defaults() {
		return new FineTuneSettings(30, 5, 1e-3, 4, 128, 2, 0.2, 4, 42, 300, 1.0);
	}

	public FineTuneSettings withSeed(long value) {
		return new FineTuneSettings(maxEpochs, patience, learningRate, batchSize, cropSize, cropsPerImage, validationFraction, minCorrections, value,
			timeBudgetSeconds, diceWeight, cropDepth);
	}

	public FineTuneSettings withTimeBudget(double seconds) {
		return new FineTuneSettings(maxEpochs, patience, learningRate, batchSize, cropSize, cropsPerImage, validationFraction, minCorrections, seed,
			seconds, diceWeight, cropDepth);
	}

	public FineTuneSettings withEpochs(int epochs, int patience) {
		return new FineTuneSettings(epochs, patience, learningRate, batchSize, cropSize, cropsPerImage, validationFraction, minCorrections, seed,
			timeBudgetSeconds, diceWeight, cropDepth);
	}

	public FineTuneSettings withLearningRate(double value) {
		return new FineTuneSettings(maxEpochs, patience, value, batchSize, cropSize, cropsPerImage, validationFraction, minCorrections, seed,
			timeBudgetSeconds, diceWeight, cropDepth);
	}

	/** The same settings with other crops: {@code side} in-plane (a multiple of 16), {@code depth} slices for 3D models. */
	public FineTuneSettings withCrop(int side, int depth) {
		return new FineTuneSettings(maxEpochs, patience, learningRate, batchSize, side, cropsPerImage, validationFraction, minCorrections, seed,
			timeBudgetSeconds, diceWeight, depth);
	}

	public FineTuneSettings withBatchSize(int value) {
		return new FineTuneSettings(maxEpochs, patience, learningRate, value, cropSize, cropsPerImage, validationFraction, minCorrections, seed,
			timeBudgetSeconds, diceWeight, cropDepth);
	}
}
