package org.segloop.core.training;

/**
 * One 2D plane to train on: the normalised model input and the class of every pixel.
 *
 * @param name where it came from (for messages), e.g. {@code "cells_03.tif z=2"}
 * @param image {@code [c * height * width + y * width + x]}, already preprocessed as the model expects
 * @param classes {@code [y * width + x]}, 0 = background
 */
public record TrainingSample(String name, int width, int height, int channels, float[] image, int[] classes) {

	public TrainingSample {
		if (image.length != (long) channels * width * height) throw new IllegalArgumentException(name + ": image has " + image.length + " values");
		if (classes.length != width * height) throw new IllegalArgumentException(name + ": classes have " + classes.length + " values");
	}
}
