package org.segloop.core.image;

import java.nio.file.Path;

import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.planar.PlanarImg;

/**
 * An image as SegLoop's core sees it: an ImgLib2 planar image with axes X, Y, C, Z, T (always five
 * dimensions, size 1 where absent), planes in ImageJ's order (c fastest, then z, then t), plus
 * calibration and where it came from. Planes are the arrays ImageJ or the caller allocated; nothing
 * is copied.
 *
 * @param pixels planar image, dims [x, y, c, z, t]; plane arrays are byte[], short[] (unsigned),
 *          float[] or int[]
 * @param calibration spacing and value function
 * @param name short name for outputs, e.g. the file name without extension
 * @param source file it was read from, or null
 */
public record ImageVolume(PlanarImg<?, ?> pixels, Calibration calibration,
	String name, Path source)
{

	public ImageVolume {
		if (pixels.numDimensions() != 5) throw new IllegalArgumentException("pixels must have axes x, y, c, z, t");
		for (int d = 0; d < 5; d++)
			if (pixels.dimension(d) <= 0) throw new ImageInputException(source, "has a zero-size axis (" + "xyczt".charAt(d) + ")",
				"an image needs at least one pixel in every dimension");
	}

	public int width() {
		return (int) pixels.dimension(0);
	}

	public int height() {
		return (int) pixels.dimension(1);
	}

	public int channels() {
		return (int) pixels.dimension(2);
	}

	public int slices() {
		return (int) pixels.dimension(3);
	}

	public int frames() {
		return (int) pixels.dimension(4);
	}

	/** Index of plane (c, z, t) in ImageJ stack order. */
	public int planeIndex(int c, int z, int t) {
		return c + channels() * (z + slices() * t);
	}

	/** Raw plane array: byte[], short[], float[] or int[] of width*height values. */
	public Object plane(int c, int z, int t) {
		return ((ArrayDataAccess<?>) pixels.getPlane(planeIndex(c, z, t))).getCurrentStorageArray();
	}

	/** A reader of stored values (unsigned for byte and short), ignoring the value calibration. */
	public PlaneReader reader(int c, int z, int t) {
		return PlaneReader.of(plane(c, z, t));
	}

	public long voxelCount() {
		return (long) width() * height() * channels() * slices() * frames();
	}
}
