package org.segloop.core.correction;

/**
 * How a painted volume is completed from its edited (key) slices.
 *
 * @param interpolate whether labels between two edited slices are interpolated; when false the
 *     mask is stored as given (slices that differ from the proposal are edited, the rest kept)
 * @param maxGap the most unedited slices between two edited ones that are interpolated across
 *     (≥ 1 when interpolating); across a larger gap the proposal is kept, so key slices painted for
 *     two far-apart lesions do not replace the proposal between them
 */
public record KeySlices(boolean interpolate, int maxGap) {

	/** The default largest gap: 10 slices (2.5 cm at 2.5 mm slices). */
	public static final int DEFAULT_MAX_GAP = 10;

	/** Store the mask as given: nothing is interpolated. */
	public static final KeySlices NONE = new KeySlices(false, 0);

	public KeySlices {
		if (interpolate && maxGap < 1) throw new IllegalArgumentException("the largest gap to interpolate across must be at least 1 slice, not " + maxGap);
		if (!interpolate && maxGap < 0) throw new IllegalArgumentException("the largest gap cannot be negative: " + maxGap);
	}

	/** Interpolate across gaps of at most {@code maxGap} unedited slices. */
	public static KeySlices interpolating(int maxGap) {
		return new KeySlices(true, maxGap);
	}

	/** Interpolate across gaps of at most {@link #DEFAULT_MAX_GAP} slices. */
	public static KeySlices interpolating() {
		return interpolating(DEFAULT_MAX_GAP);
	}
}
