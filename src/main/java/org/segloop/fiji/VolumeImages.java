package org.segloop.fiji;

import java.nio.file.Path;
import java.util.Locale;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.Opener;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;

/**
 * A project's image as an ImageJ image. A DICOM series (its {@code .dcmseries} manifest) becomes one
 * calibrated stack: voxel size in mm, the rescale as ImageJ's value calibration (so measurements read
 * HU for CT; signed values are stored shifted into unsigned with the shift in the calibration, as
 * the core reads them), each slice labelled with its position along the slice normal, and shown
 * with the header's window or, for CT without one, soft tissue. Other files are opened by ImageJ as
 * before.
 *
 * <p>Blocking (reads the image); no windows are touched, so any thread may call it (the prefetcher
 * does).
 */
public final class VolumeImages {

	private VolumeImages() {}

	/** Opens a registered image: a series manifest through the core's series reader, anything else with ImageJ's opener. */
	public static ImagePlus open(Path file) {
		if (DicomSeries.isManifest(file)) return ofSeries(ImageSources.read(file), DicomSeries.load(file));
		ImagePlus imp = new Opener().openImage(file.toAbsolutePath().toString());
		if (imp == null) throw new ImageInputException(file, "cannot be opened by ImageJ", "check the file");
		return imp;
	}

	/**
	 * A series' volume (as {@link ImageSources#read} gives it) as a stack with slice positions and
	 * the display window of {@link #window}.
	 */
	public static ImagePlus ofSeries(ImageVolume volume, DicomSeries series) {
		ImagePlus imp = of(volume);
		double[] normal = series.normal();
		ImageStack stack = imp.getStack();
		for (int z = 0; z < volume.slices(); z++) {
			String label = String.format(Locale.ROOT, "position %.2f mm", dot(series.slices().get(z).position(), normal));
			for (int c = 0; c < volume.channels(); c++) stack.setSliceLabel(label, volume.planeIndex(c, z, 0) + 1);
		}
		DicomSeries.Window w = window(series);
		if (w != null) WindowPresets.apply(imp, w.center(), w.width());
		return imp;
	}

	/** The window a series opens with: its header's, else soft tissue for CT, else null (ImageJ's automatic range). */
	public static DicomSeries.Window window(DicomSeries series) {
		if (series.window() != null && series.window().width() > 0) return series.window();
		if ("CT".equals(series.modality())) return new DicomSeries.Window(WindowPresets.CT_DEFAULT.center(), WindowPresets.CT_DEFAULT.width());
		return null;
	}

	/**
	 * A volume as an ImageJ image, sharing its plane arrays: 8- and 16-bit planes keep their stored
	 * values with the value function as ImageJ's calibration (a straight line in {@code valueUnit});
	 * float planes hold physical values (ImageJ calibrates no 32-bit values), int planes become float.
	 */
	public static ImagePlus of(ImageVolume v) {
		Calibration c = v.calibration();
		ImageStack stack = new ImageStack(v.width(), v.height());
		boolean physicalFloats = false;
		for (int t = 0; t < v.frames(); t++)
			for (int z = 0; z < v.slices(); z++)
				for (int ch = 0; ch < v.channels(); ch++) {
					ImageProcessor ip = processor(v.width(), v.height(), v.plane(ch, z, t), c);
					physicalFloats |= ip instanceof FloatProcessor;
					stack.addSlice(null, ip);
				}
		ImagePlus imp = new ImagePlus(v.name(), stack);
		imp.setDimensions(v.channels(), v.slices(), v.frames());
		if (v.channels() > 1) imp = new ij.CompositeImage(imp, ij.CompositeImage.GRAYSCALE);
		ij.measure.Calibration cal = new ij.measure.Calibration(imp);
		cal.pixelWidth = c.pixelWidth();
		cal.pixelHeight = c.pixelHeight();
		cal.pixelDepth = c.pixelDepth();
		cal.setUnit(c.unit());
		if (!physicalFloats && c.hasValueFunction())
			cal.setFunction(ij.measure.Calibration.STRAIGHT_LINE, new double[] { c.valueOffset(), c.valueSlope() }, c.valueUnit());
		else if (!c.valueUnit().isEmpty()) cal.setValueUnit(c.valueUnit());
		imp.setCalibration(cal);
		imp.resetDisplayRange();
		return imp;
	}

	private static double dot(double[] a, double[] b) {
		return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
	}

	private static ImageProcessor processor(int w, int h, Object plane, Calibration c) {
		if (plane instanceof byte[] b) return new ByteProcessor(w, h, b);
		if (plane instanceof short[] s) return new ShortProcessor(w, h, s, null);
		float[] f = new float[w * h];
		if (plane instanceof float[] fl) {
			if (!c.hasValueFunction()) return new FloatProcessor(w, h, fl);
			for (int i = 0; i < f.length; i++) f[i] = (float) (c.valueOffset() + c.valueSlope() * fl[i]);
		}
		else {
			int[] in = (int[]) plane;
			for (int i = 0; i < f.length; i++) f[i] = (float) (c.valueOffset() + c.valueSlope() * in[i]);
		}
		return new FloatProcessor(w, h, f);
	}
}
