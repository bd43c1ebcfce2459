package org.segloop.core.image;

/**
 * Physical meaning of pixel positions and values.
 *
 * @param pixelWidth size of a pixel along x, in {@code unit}
 * @param pixelHeight along y
 * @param pixelDepth spacing of slices along z
 * @param unit spatial unit, e.g. "micron" or "mm"; "pixel" when unknown
 * @param valueOffset physical value = valueOffset + valueSlope * stored value (e.g. Hounsfield units)
 * @param valueSlope see valueOffset
 * @param valueUnit unit of physical values, e.g. "HU", or "" when none
 */
public record Calibration(double pixelWidth, double pixelHeight, double pixelDepth, String unit, double valueOffset,
	double valueSlope, String valueUnit)
{

	public static Calibration none() {
		return new Calibration(1, 1, 1, "pixel", 0, 1, "");
	}

	/** The same spacing with stored values meaning themselves (for label images). */
	public Calibration withoutValueFunction() {
		return new Calibration(pixelWidth, pixelHeight, pixelDepth, unit, 0, 1, "");
	}

	public boolean hasValueFunction() {
		return valueOffset != 0 || valueSlope != 1;
	}
}
