package org.segloop.core.training;

/**
 * One sample to train on: a 2D plane (depth 1) for a 2D model, a whole volume (one frame) for a 3D
 * model; the normalised model input and the class of every pixel.
 *
 * @param name where it came from (for messages), e.g. {@code "cells_03.tif z=2"}
 * @param depth slices; 1 for a plane
 * @param image {@code [((c * depth + z) * height + y) * width + x]}, already preprocessed as the model expects
 * @param classes {@code [(z * height + y) * width + x]}, 0 = background
 * @param spacing voxel size {x, y, z} in one physical unit, or null when unknown (uncalibrated pixels):
 *     it decides which rotations keep the anatomy's proportions
 */
public record TrainingSample(String name, int width, int height, int depth, int channels, float[] image, int[] classes, double[] spacing) {

	public TrainingSample {
		if (depth < 1) throw new IllegalArgumentException(name + ": depth " + depth);
		if (image.length != (long) channels * width * height * depth) throw new IllegalArgumentException(name + ": image has " + image.length + " values");
		if (classes.length != (long) width * height * depth) throw new IllegalArgumentException(name + ": classes have " + classes.length + " values");
		if (spacing != null && spacing.length != 3) throw new IllegalArgumentException(name + ": spacing needs x, y and z");
	}

	/** A 2D plane. */
	public TrainingSample(String name, int width, int height, int channels, float[] image, int[] classes) {
		this(name, width, height, 1, channels, image, classes, null);
	}

	/** Voxels in the sample (per channel). */
	public long voxels() {
		return (long) width * height * depth;
	}
}
