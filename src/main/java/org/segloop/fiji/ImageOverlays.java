package org.segloop.fiji;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.process.ImageProcessor;
import ij.process.LUT;

import java.util.List;

import org.segloop.core.output.PreviewWriter;

/**
 * Image overlays over the image being annotated: the uncertainty map as translucent heat (dark
 * red → yellow → white, scaled to the map's maximum), and the objects as translucent colour fills.
 * They are {@link ImageRoi}s, which the views never take for objects.
 */
final class ImageOverlays {

	static final String NAME = "SegLoop uncertainty";
	static final String LABELS = "SegLoop labels";

	private ImageOverlays() {}

	/** Adds the heat of the current slice to the image's overlay, or removes it when it is there. */
	static void toggle(ImagePlus image, ImagePlus uncertainty) {
		toggle(image, NAME, () -> overlay(uncertainty, image.getCurrentSlice()));
	}

	/** Adds the named image overlay made by {@code make}, or removes it when it is there. */
	static void toggle(ImagePlus image, String name, java.util.function.Supplier<ImageRoi> make) {
		Overlay overlay = image.getOverlay();
		if (overlay == null) image.setOverlay(overlay = new Overlay());
		for (int i = 0; i < overlay.size(); i++)
			if (overlay.get(i) instanceof ImageRoi && name.equals(overlay.get(i).getName())) {
				overlay.remove(i); // by index: Roi.equals compares bounds, so remove(roi) could take the other overlay
				image.updateAndDraw();
				return;
			}
		overlay.add(make.get());
		image.updateAndDraw();
	}

	/** The objects of the current slice as translucent colour fills (background transparent). */
	static ImageRoi labels(List<Roi> rois, ImagePlus image) {
		ij.process.ByteProcessor fill = new ij.process.ByteProcessor(image.getWidth(), image.getHeight());
		int slice = image.getCurrentSlice();
		int n = 0;
		for (Roi r : rois) {
			n++;
			if (r.getZPosition() > 0 && image.getNSlices() > 1 && r.getZPosition() != image.getSlice()) continue;
			if (r.getPosition() > 0 && r.getZPosition() == 0 && r.getPosition() != slice) continue;
			fill.setValue(1 + (n - 1) % 255);
			fill.fill(r);
		}
		fill.setLut(LabelColours.lut());
		ImageRoi roi = new ImageRoi(0, 0, fill);
		roi.setName(LABELS);
		roi.setOpacity(0.35);
		roi.setZeroTransparent(true);
		return roi;
	}

	/** A half-transparent overlay of the map's plane {@code slice} (1-based, clamped), where 0 is fully transparent. */
	static ImageRoi overlay(ImagePlus uncertainty, int slice) {
		ImageProcessor plane = uncertainty.getStack().getProcessor(Math.min(Math.max(1, slice), uncertainty.getStackSize())).duplicate();
		plane.resetMinAndMax();
		ImageProcessor heat = plane.convertToByte(true);
		heat.setLut(heat());
		ImageRoi roi = new ImageRoi(0, 0, heat);
		roi.setName(NAME);
		roi.setOpacity(0.5);
		roi.setZeroTransparent(true);
		return roi;
	}

	private static LUT heat() {
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		for (int i = 0; i < 256; i++) {
			int rgb = PreviewWriter.heatRgb(i / 255f);
			r[i] = (byte) (rgb >> 16);
			g[i] = (byte) (rgb >> 8);
			b[i] = (byte) rgb;
		}
		return new LUT(r, g, b);
	}
}
