package org.segloop.core.image;

/** Reads one plane's stored values as float, by flat index {@code y * width + x}. */
@FunctionalInterface
public interface PlaneReader {

	float get(int index);

	static PlaneReader of(Object array) {
		if (array instanceof byte[] b) return i -> b[i] & 0xff;
		if (array instanceof short[] s) return i -> s[i] & 0xffff;
		if (array instanceof float[] f) return i -> f[i];
		if (array instanceof int[] n) return i -> n[i];
		throw new IllegalArgumentException("Unsupported plane type " + array.getClass());
	}
}
