package org.segloop.core.display;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.PlaneReader;

/**
 * A display window: physical values (Hounsfield units for CT, i.e. {@code valueOffset +
 * valueSlope × stored}) from {@link #min()} = center − width/2 (black, 0) to {@link #max()} =
 * center + width/2 (white, 255), linear in between, clamped outside. The same range is ImageJ's
 * display range ({@link #storedRange} converts it to stored values for
 * {@code ImageProcessor.setMinAndMax}).
 *
 * <p>Presets (center/width, HU): soft tissue 40/400, lung −600/1500, bone 400/1800 (the wide bone
 * window, which keeps cortex and marrow apart; 300/1500 is the other common choice), brain 40/80.
 * Default rule ({@link #forImage}): the DICOM header's first window if the series has one, else
 * soft tissue for CT, else (MR, other modalities, microscopy) the 1st to 99.8th percentile of the
 * image's values.
 *
 * <p>Display only: the model's input is normalised by the model package's own preprocessing, never
 * by a display window. Immutable; thread-safe.
 *
 * @param name a preset's name, "header", "percentiles" or "C,W"
 * @param center physical value at mid grey
 * @param width physical range from black to white, &gt; 0
 */
public record DisplayWindow(String name, double center, double width) {

	public static final DisplayWindow SOFT_TISSUE = new DisplayWindow("soft-tissue", 40, 400);
	public static final DisplayWindow LUNG = new DisplayWindow("lung", -600, 1500);
	public static final DisplayWindow BONE = new DisplayWindow("bone", 400, 1800);
	public static final DisplayWindow BRAIN = new DisplayWindow("brain", 40, 80);

	/** The choice that means "the default rule" in {@link #forImage(ImageVolume, String)}. */
	public static final String AUTO = "auto";
	/** The choice that means "the DICOM header's window". */
	public static final String HEADER = "header";

	/** Percentiles of the default rule for images without a header window or preset. */
	static final double LOW_PERCENTILE = 0.01, HIGH_PERCENTILE = 0.998;
	private static final int MAX_SAMPLES = 1 << 20;

	public DisplayWindow {
		if (!(width > 0) || !Double.isFinite(center) || !Double.isFinite(width))
			throw new IllegalArgumentException("a display window needs a finite center and a width > 0 (got " + center + ", " + width + ")");
	}

	/** A window of a center and width (e.g. from a user or a header), named "C,W". */
	public static DisplayWindow of(double center, double width) {
		return new DisplayWindow(number(center) + "," + number(width), center, width);
	}

	/** The presets, in the order choice lists show them. */
	public static List<DisplayWindow> presets() {
		return List.of(SOFT_TISSUE, LUNG, BONE, BRAIN);
	}

	/** Every choice a user can give: "auto", "header", the presets' names (then "C,W" for a custom window). */
	public static List<String> choices() {
		List<String> out = new ArrayList<>(List.of(AUTO, HEADER));
		for (DisplayWindow w : presets()) out.add(w.name());
		return out;
	}

	/** Black: center − width/2. */
	public double min() {
		return center - width / 2;
	}

	/** White: center + width/2. */
	public double max() {
		return center + width / 2;
	}

	/** A physical value's grey level, 0–255. */
	public int toDisplay(double physical) {
		if (!(physical > min())) return 0; // also NaN
		if (physical >= max()) return 255;
		return (int) Math.min(255, 256 * (physical - min()) / width);
	}

	/** One plane's grey levels (row-major), the stored values calibrated by the image's value function. */
	public int[] toDisplay(ImageVolume image, int c, int z, int t) {
		Calibration cal = image.calibration();
		PlaneReader r = image.reader(c, z, t);
		int[] out = new int[image.width() * image.height()];
		for (int i = 0; i < out.length; i++) out[i] = toDisplay(cal.valueOffset() + cal.valueSlope() * (double) r.get(i));
		return out;
	}

	/** The window in stored values (for ImageJ's {@code setMinAndMax} on a calibrated 16-bit image): {min, max}, ordered. */
	public double[] storedRange(Calibration cal) {
		double slope = cal.valueSlope() == 0 ? 1 : cal.valueSlope();
		double a = (min() - cal.valueOffset()) / slope, b = (max() - cal.valueOffset()) / slope;
		return new double[] { Math.min(a, b), Math.max(a, b) };
	}

	/**
	 * Parses a user's choice of a fixed window: a preset's name (case and '_' or ' ' for '-' do not
	 * matter) or "C,W" (e.g. "-600,1500").
	 *
	 * @throws IllegalArgumentException naming the choices, for anything else ("auto" and "header"
	 *     depend on the image: see {@link #forImage(ImageVolume, String)})
	 */
	public static DisplayWindow parse(String spec) {
		String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
		for (DisplayWindow w : presets()) if (w.name().equals(s) || w.name().replace("-", "").equals(s)) return w;
		String[] parts = s.split(",");
		if (parts.length == 2) try {
			double c = Double.parseDouble(parts[0]), w = Double.parseDouble(parts[1]);
			if (w > 0 && Double.isFinite(c) && Double.isFinite(w)) return of(c, w);
		}
		catch (NumberFormatException e) {
			// fall through to the message
		}
		throw new IllegalArgumentException("unknown display window '" + spec + "'; use one of " + String.join(", ", choices())
			+ ", or CENTER,WIDTH in physical values (e.g. -600,1500)");
	}

	/** Checks a choice without an image: "auto", "header", a preset or "C,W". */
	public static String requireValidChoice(String spec) {
		String s = spec == null ? AUTO : spec.trim().toLowerCase(Locale.ROOT);
		if (!s.equals(AUTO) && !s.equals(HEADER)) parse(spec);
		return s;
	}

	/** The default rule for any image: a DICOM series (its manifest is the image's source) by {@link #forSeries}, any other image by percentiles. */
	public static DisplayWindow forImage(ImageVolume image) {
		if (image.source() != null && DicomSeries.isManifest(image.source())) return forSeries(DicomSeries.load(image.source()), image);
		return percentiles(image);
	}

	/**
	 * The window a user chose for an image.
	 *
	 * @param spec null or "auto" (the default rule), "header", a preset's name or "C,W"
	 * @throws ImageInputException for "header" when the image has no header window
	 * @throws IllegalArgumentException for an unknown choice
	 */
	public static DisplayWindow forImage(ImageVolume image, String spec) {
		String s = requireValidChoice(spec);
		if (s.equals(AUTO)) return forImage(image);
		if (!s.equals(HEADER)) return parse(spec);
		DicomSeries series = image.source() != null && DicomSeries.isManifest(image.source()) ? DicomSeries.load(image.source()) : null;
		DisplayWindow header = series == null ? null : header(series);
		if (header == null) throw new ImageInputException(image.source(), "has no window in its DICOM header",
			"choose a preset (" + String.join(", ", presets().stream().map(DisplayWindow::name).toList()) + ") or CENTER,WIDTH");
		return header;
	}

	/** The default rule for a DICOM series: its header window, else soft tissue for CT, else percentiles of {@code image} (its pixels). */
	public static DisplayWindow forSeries(DicomSeries series, ImageVolume image) {
		DisplayWindow header = header(series);
		if (header != null) return header;
		if ("CT".equalsIgnoreCase(series.modality())) return SOFT_TISSUE;
		return percentiles(image);
	}

	/** The series' header window (the first WindowCenter/WindowWidth), or null when it has none (or a width ≤ 0). */
	public static DisplayWindow header(DicomSeries series) {
		DicomSeries.Window w = series.window();
		if (w == null || !(w.width() > 0) || !Double.isFinite(w.center())) return null;
		return new DisplayWindow(HEADER, w.center(), w.width());
	}

	/**
	 * The 1st to 99.8th percentile of the physical values of channel 0, frame 0, all slices (a
	 * regular sample of at most about a million values for large volumes), named "percentiles".
	 */
	public static DisplayWindow percentiles(ImageVolume image) {
		Calibration cal = image.calibration();
		long total = (long) image.width() * image.height() * image.slices();
		int stride = (int) Math.max(1, (total + MAX_SAMPLES - 1) / MAX_SAMPLES);
		int plane = image.width() * image.height();
		double[] values = new double[(int) ((total + stride - 1) / stride)];
		int n = 0;
		long i = 0;
		for (int z = 0; z < image.slices(); z++) {
			PlaneReader r = image.reader(0, z, 0);
			long end = (long) (z + 1) * plane;
			for (; i < end; i += stride) {
				double v = cal.valueOffset() + cal.valueSlope() * (double) r.get((int) (i - (long) z * plane));
				if (Double.isFinite(v)) values[n++] = v;
			}
		}
		if (n == 0) return new DisplayWindow("percentiles", 0, 1);
		java.util.Arrays.sort(values, 0, n);
		double lo = values[(int) (LOW_PERCENTILE * (n - 1))], hi = values[(int) (HIGH_PERCENTILE * (n - 1))];
		return new DisplayWindow("percentiles", (lo + hi) / 2, hi > lo ? hi - lo : 1);
	}

	private static String number(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}
}
