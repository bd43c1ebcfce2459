package org.segloop.core.image;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;

/** Wraps plane arrays (as ImageJ holds them) into ImgLib2 planar images without copying. */
public final class Planes {

	private Planes() {}

	/** dims = [x, y, c, z, t]; planes in ImageJ order; all arrays of one primitive type. */
	public static ImageVolume volume(List<?> planes, long[] dims, Calibration calibration, String name, java.nio.file.Path source) {
		return new ImageVolume(wrap(planes, dims), calibration, name, source);
	}

	public static PlanarImg<?, ?> wrap(List<?> planes, long[] dims) {
		Object first = planes.get(0);
		if (first instanceof byte[]) {
			List<ByteArray> a = new ArrayList<>();
			planes.forEach(p -> a.add(new ByteArray((byte[]) p)));
			PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(a, dims, new Fraction());
			img.setLinkedType(new UnsignedByteType(img));
			return img;
		}
		if (first instanceof short[]) {
			List<ShortArray> a = new ArrayList<>();
			planes.forEach(p -> a.add(new ShortArray((short[]) p)));
			PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(a, dims, new Fraction());
			img.setLinkedType(new UnsignedShortType(img));
			return img;
		}
		if (first instanceof float[]) {
			List<FloatArray> a = new ArrayList<>();
			planes.forEach(p -> a.add(new FloatArray((float[]) p)));
			PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(a, dims, new Fraction());
			img.setLinkedType(new FloatType(img));
			return img;
		}
		if (first instanceof int[]) {
			List<IntArray> a = new ArrayList<>();
			planes.forEach(p -> a.add(new IntArray((int[]) p)));
			PlanarImg<IntType, IntArray> img = new PlanarImg<>(a, dims, new Fraction());
			img.setLinkedType(new IntType(img));
			return img;
		}
		throw new IllegalArgumentException("Unsupported plane type " + first.getClass());
	}
}
