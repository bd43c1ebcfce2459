package org.segloop.fiji;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import ij.ImagePlus;
import ij.measure.Calibration;

import org.segloop.core.display.DisplayWindow;

/**
 * Display windows for CT (and any image in physical values): the named presets in Hounsfield
 * units, as radiology viewers offer them (the core's {@link DisplayWindow} presets, so Fiji and
 * previews show a series alike), and how a window (center, width in physical values) becomes
 * ImageJ's display range. A window changes only what is shown: the pixels, the
 * measurements and what the model is given stay as they are.
 *
 * <p>Stateless; the ImagePlus methods are for the thread that drives the image (the session thread).
 */
public final class WindowPresets {

	/** A named window in HU: the core's {@link DisplayWindow} presets, which previews use too. */
	public enum Preset {
		SOFT_TISSUE(DisplayWindow.SOFT_TISSUE),
		LUNG(DisplayWindow.LUNG),
		BONE(DisplayWindow.BONE),
		BRAIN(DisplayWindow.BRAIN);

		private final String label;
		private final double center;
		private final double width;

		Preset(DisplayWindow w) {
			this.label = w.name().replace('-', ' '); // "soft tissue" reads better in a dialog and a macro
			this.center = w.center();
			this.width = w.width();
		}

		/** The name users choose it by (in menus and macros), e.g. "soft tissue". */
		public String label() {
			return label;
		}

		public double center() {
			return center;
		}

		public double width() {
			return width;
		}

		/** The preset named {@code label} (as {@link #label()} gives it, any case). */
		public static Preset byLabel(String label) {
			for (Preset p : values()) if (p.label.equalsIgnoreCase(label.trim())) return p;
			throw new IllegalArgumentException("no window preset '" + label + "'; the presets are " + labels());
		}

		public static List<String> labels() {
			return Arrays.stream(values()).map(Preset::label).toList();
		}
	}

	/** The window CT is shown with when its header names none: soft tissue, 40/400 HU. */
	public static final Preset CT_DEFAULT = Preset.SOFT_TISSUE;

	/** The unit of Hounsfield values, as SegLoop's DICOM reading sets it. */
	public static final String HU = "HU";

	private WindowPresets() {}

	/**
	 * Shows {@code image} with the window {@code center ± width / 2} in physical values (what ImageJ
	 * measures), as a display range in stored values: for 8- and 16-bit images through the value
	 * calibration's straight line, for 32-bit images as they are. The range holds for the whole stack.
	 *
	 * @throws IllegalArgumentException for a width that is not positive or a value that is not finite
	 */
	public static void apply(ImagePlus image, double center, double width) {
		if (!Double.isFinite(center) || !Double.isFinite(width) || width <= 0)
			throw new IllegalArgumentException(String.format(Locale.ROOT, "a window needs a finite center and a width above 0 (got center %s, width %s)",
				center, width));
		double[] range = storedRange(image.getCalibration(), image.getBitDepth(), center, width);
		image.setDisplayRange(range[0], range[1]);
		image.updateAndDraw();
	}

	/** The display range {min, max} in stored values for a window in physical values. */
	static double[] storedRange(Calibration cal, int bitDepth, double center, double width) {
		double low = center - width / 2, high = center + width / 2;
		double[] line = cal.getFunction() == Calibration.STRAIGHT_LINE && bitDepth != 32 ? cal.getCoefficients() : null;
		if (line == null || line.length < 2 || line[1] == 0) return new double[] { low, high };
		double a = (low - line[0]) / line[1], b = (high - line[0]) / line[1];
		return new double[] { Math.min(a, b), Math.max(a, b) };
	}

	/** The window shown now, {center, width}, in physical values. */
	public static double[] current(ImagePlus image) {
		Calibration cal = image.getCalibration();
		double lo = image.getDisplayRangeMin(), hi = image.getDisplayRangeMax();
		if (image.getBitDepth() != 32) {
			lo = cal.getCValue(lo);
			hi = cal.getCValue(hi);
		}
		return new double[] { (lo + hi) / 2, Math.abs(hi - lo) };
	}

	/** Whether an image's values are Hounsfield units, the unit the presets are in. */
	public static boolean inHounsfieldUnits(ImagePlus image) {
		return HU.equals(image.getCalibration().getValueUnit());
	}
}
