package org.segloop.core.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Planes to train on and planes held out to measure Dice and stop early. All planes of one image
 * go to the same side, so the held-out Dice is measured on images the model never trained on.
 */
public record TrainingData(List<TrainingSample> train, List<TrainingSample> validation, int trainImages, int validationImages) {

	public TrainingData {
		train = List.copyOf(train);
		validation = List.copyOf(validation);
	}

	/**
	 * A seeded split by image: {@code round(fraction × images)} images held out, at least one, and at
	 * least one left to train on.
	 *
	 * @param byImage planes of each image, in a stable order (e.g. by correction id)
	 */
	public static TrainingData split(Map<String, List<TrainingSample>> byImage, double fraction, long seed) {
		List<String> keys = new ArrayList<>(byImage.keySet());
		if (keys.size() < 2) throw new IllegalArgumentException("need at least 2 images to split, have " + keys.size());
		Collections.shuffle(keys, new Random(seed));
		int held = Math.max(1, Math.min(keys.size() - 1, (int) Math.round(fraction * keys.size())));
		List<TrainingSample> train = new ArrayList<>(), validation = new ArrayList<>();
		for (int i = 0; i < keys.size(); i++) (i < held ? validation : train).addAll(byImage.get(keys.get(i)));
		return new TrainingData(train, validation, keys.size() - held, held);
	}
}
