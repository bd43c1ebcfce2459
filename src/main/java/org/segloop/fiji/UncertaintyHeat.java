package org.segloop.fiji;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.process.ImageProcessor;
import ij.process.LUT;

import org.segloop.core.output.PreviewWriter;

/** The uncertainty map as a translucent heat overlay (dark red → yellow → white, scaled to the map's maximum). */
final class UncertaintyHeat {

	static final String NAME = "SegLoop uncertainty";

	private UncertaintyHeat() {}

	/** Adds the heat of the current slice to the image's overlay, or removes it when it is there. */
	static void toggle(ImagePlus image, ImagePlus uncertainty) {
		Overlay overlay = image.getOverlay();
		if (overlay == null) image.setOverlay(overlay = new Overlay());
		for (Roi r : overlay.toArray())
			if (r instanceof ImageRoi && NAME.equals(r.getName())) {
				overlay.remove(r);
				image.updateAndDraw();
				return;
			}
		overlay.add(overlay(uncertainty, image.getCurrentSlice()));
		image.updateAndDraw();
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
