package org.segloop.core.inference;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * What segmenting one image produced.
 *
 * @param geometry size, classes and calibration
 * @param classMask class index per pixel, dims [x, y, z, t]
 * @param instances instance label per pixel (0 = background), dims [x, y, z, t], or null when the
 *          model's settings or the options ask for none
 * @param instanceCount number of instances
 * @param tiles model runs it took
 * @param seconds wall time
 */
public record SegmentationResult(SegmentationGeometry geometry, PlanarImg<UnsignedByteType, ByteArray> classMask,
	PlanarImg<IntType, IntArray> instances, int instanceCount, long tiles, double seconds)
{

	/** Pixels per class, over the whole image. */
	public long[] classHistogram() {
		long[] counts = new long[Math.max(2, geometry.classes())];
		for (int p = 0; p < classMask.numSlices(); p++)
			for (byte b : classMask.getPlane(p).getCurrentStorageArray()) counts[b & 0xff]++;
		return counts;
	}
}
