package org.segloop.fiji;

import java.util.Locale;

import ij.ImagePlus;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.segloop.core.dicom.DicomSeries;

/**
 * Shows the image being annotated with a display window: a preset in HU for CT (soft tissue 40/400,
 * lung −600/1500, bone 400/1800, brain 40/80), the window of the series' DICOM header, or a custom
 * center and width in the image's physical values. Only the display changes: pixels, measurements,
 * the correction and what the model is given stay as they are. The range holds for the whole
 * stack, so every slice is shown with it. Macros:
 * {@code run("Window...", "preset=lung");} and {@code run("Window...", "preset=custom center=50 width=350");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>Window...", headless = true)
public class WindowCommand implements Command {

	/** The choice that reads the window from the series' DICOM header. */
	static final String HEADER = "header";
	/** The choice that takes {@code center} and {@code width} as given. */
	static final String CUSTOM = "custom";

	@Parameter
	private SegLoopService segloop;

	// the presets' labels (WindowPresets.Preset), then header and custom; WindowCommandTest keeps them in step
	@Parameter(label = "Window", choices = { "soft tissue", "lung", "bone", "brain", HEADER, CUSTOM }, persist = false)
	private String preset = "soft tissue";

	@Parameter(label = "Center (custom)", required = false, persist = false)
	private double center = 40;

	@Parameter(label = "Width (custom)", required = false, persist = false, min = "0")
	private double width = 400;

	@Parameter(type = ItemIO.OUTPUT)
	private String message;

	@Override
	public void run() {
		message = segloop.withSession(session -> {
			AnnotationSession.Proposal shown = session.current()
				.orElseThrow(() -> new IllegalStateException("no SegLoop image is shown: run Annotate Next first"));
			ImagePlus image = shown.image();
			double[] w = window(shown);
			WindowPresets.apply(image, w[0], w[1]);
			String unit = image.getCalibration().getValueUnit();
			return String.format(Locale.ROOT, "%s shown with window %s: center %s, width %s%s", image.getTitle(), preset, number(w[0]), number(w[1]),
				unit == null || unit.isEmpty() || unit.equals("Gray Value") ? "" : " " + unit);
		});
	}

	/** {center, width} for the chosen preset, refused where it does not apply. */
	private double[] window(AnnotationSession.Proposal shown) {
		if (CUSTOM.equals(preset)) return new double[] { center, width };
		if (HEADER.equals(preset)) {
			java.nio.file.Path file = shown.record().path();
			DicomSeries.Window w = DicomSeries.isManifest(file) ? DicomSeries.load(file).window() : null;
			if (w == null || w.width() <= 0) throw new IllegalArgumentException(shown.image().getTitle()
				+ " has no window in a DICOM header: choose a preset, or custom with a center and width");
			return new double[] { w.center(), w.width() };
		}
		WindowPresets.Preset p = WindowPresets.Preset.byLabel(preset);
		if (!WindowPresets.inHounsfieldUnits(shown.image())) throw new IllegalArgumentException("the " + p.label() + " window is in Hounsfield units, and "
			+ shown.image().getTitle() + " is not a CT image in HU: choose custom with a center and width in its values");
		return new double[] { p.center(), p.width() };
	}

	private static String number(double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
	}
}
