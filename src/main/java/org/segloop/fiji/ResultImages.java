package org.segloop.fiji;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import net.imglib2.img.basictypeaccess.array.IntArray;

import org.segloop.core.inference.SegmentationGeometry;
import org.segloop.core.inference.SegmentationResult;

/** Turns a core segmentation result into ImageJ images (sharing the class mask's planes). */
public final class ResultImages {

	private ResultImages() {}

	public static ImagePlus classes(SegmentationResult r) {
		SegmentationGeometry g = r.geometry();
		ImageStack stack = new ImageStack(g.width(), g.height());
		for (int p = 0; p < g.slices() * g.frames(); p++)
			stack.addSlice(new ByteProcessor(g.width(), g.height(), r.classMask().getPlane(p).getCurrentStorageArray()));
		return image(g.imageName() + "_classes", stack, g);
	}

	/** Instance labels as 16-bit, or 32-bit float beyond 65535 instances; null when there are none. */
	public static ImagePlus instances(SegmentationResult r) {
		if (r.instances() == null) return null;
		SegmentationGeometry g = r.geometry();
		ImageStack stack = new ImageStack(g.width(), g.height());
		boolean small = r.instanceCount() <= 65535;
		for (int p = 0; p < g.slices() * g.frames(); p++) {
			int[] labels = ((IntArray) r.instances().getPlane(p)).getCurrentStorageArray();
			if (small) {
				short[] s = new short[labels.length];
				for (int i = 0; i < s.length; i++) s[i] = (short) labels[i];
				stack.addSlice(new ShortProcessor(g.width(), g.height(), s, null));
			}
			else {
				float[] f = new float[labels.length];
				for (int i = 0; i < f.length; i++) f[i] = labels[i];
				stack.addSlice(new FloatProcessor(g.width(), g.height(), f));
			}
		}
		ImagePlus imp = image(g.imageName() + "_instances", stack, g);
		imp.setDisplayRange(0, Math.max(1, r.instanceCount()));
		return imp;
	}

	private static ImagePlus image(String title, ImageStack stack, SegmentationGeometry g) {
		ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(1, g.slices(), g.frames());
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = g.calibration().pixelWidth();
		cal.pixelHeight = g.calibration().pixelHeight();
		cal.pixelDepth = g.calibration().pixelDepth();
		cal.setUnit(g.calibration().unit());
		return imp;
	}
}
