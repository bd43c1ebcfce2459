package org.segloop.core.inference;

import java.nio.file.Path;

import org.segloop.core.image.ImageInputException;
import org.segloop.core.model.ModelDescription;

/**
 * Whether an image's shape suits a model's input: its channel count, and a z-stack for a 3D
 * model. Segmentation checks it before the first tile, and a project checks it when an image is
 * registered, so both refuse the same images with the same message.
 */
public final class ImageFit {

	private ImageFit() {}

	/** True when the model's input has a z axis (it segments stacks in 3D tiles). */
	public static boolean isVolumetric(ModelDescription model) {
		return model.input().spatialAxes().stream().anyMatch(a -> a.id().equals("z"));
	}

	/**
	 * @param source the image file, named in the message
	 * @throws ImageInputException when the model cannot take an image of this many channels and slices
	 */
	public static void check(ModelDescription model, Path source, int channels, int slices) {
		int wanted = model.input().channelCount();
		if (wanted > 0 && wanted != channels) throw new ImageInputException(source,
			"has " + channels + " channel(s) but the model '" + model.name() + "' needs " + wanted,
			wanted == 1 ? "convert the image to one channel (Image > Type > 8-bit, or split channels and pick one)"
				: "give an image with " + wanted + " channels (e.g. Image > Type > RGB Color for 3)");
		if (isVolumetric(model) && slices == 1) throw new ImageInputException(source,
			"is a single plane but the model '" + model.name() + "' is 3D (needs a z-stack)",
			"open a z-stack, or use a 2D model for single images");
	}
}
