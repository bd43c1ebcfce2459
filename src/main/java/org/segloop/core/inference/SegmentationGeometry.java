package org.segloop.core.inference;

import java.util.List;

import org.segloop.core.image.Calibration;

/** Size and meaning of a segmentation result: one value per (x, y, z, t) and class. */
public record SegmentationGeometry(int width, int height, int slices, int frames, List<String> classNames,
	Calibration calibration, String imageName)
{

	public SegmentationGeometry {
		classNames = List.copyOf(classNames);
	}

	public int classes() {
		return classNames.size();
	}

	public int planeIndex(int z, int t) {
		return z + slices * t;
	}
}
