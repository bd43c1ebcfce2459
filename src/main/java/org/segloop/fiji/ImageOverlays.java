package org.segloop.fiji;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.process.ImageProcessor;
import ij.process.LUT;

import java.util.ArrayList;
import java.util.List;

import org.segloop.core.output.PreviewWriter;

/**
 * Image overlays over the image being annotated: the uncertainty map as translucent heat (dark
 * red → yellow → white, scaled to the map's maximum over all its planes, so a calm slice looks calm),
 * and the objects as translucent colour fills. Each plane of a stack or series gets its own overlay
 * tied to its slice, so both follow the slider. They are {@link ImageRoi}s, which the views never
 * take for objects.
 */
final class ImageOverlays {

	static final String NAME = "SegLoop uncertainty";
	static final String LABELS = "SegLoop labels";

	private ImageOverlays() {}

	/** Adds the heat of every plane to the image's overlay (each on its slice), or removes it when it is there. */
	static void toggle(ImagePlus image, ImagePlus uncertainty) {
		toggle(image, NAME, () -> overlay(uncertainty, image));
	}

	/** Adds the named image overlays made by {@code make}, or removes them when they are there. */
	static void toggle(ImagePlus image, String name, java.util.function.Supplier<List<ImageRoi>> make) {
		Overlay overlay = image.getOverlay();
		if (overlay == null) image.setOverlay(overlay = new Overlay());
		boolean removed = false;
		for (int i = overlay.size() - 1; i >= 0; i--)
			if (overlay.get(i) instanceof ImageRoi && name.equals(overlay.get(i).getName())) {
				overlay.remove(i); // by index: Roi.equals compares bounds, so remove(roi) could take the other overlay
				removed = true;
			}
		if (!removed) for (ImageRoi r : make.get()) overlay.add(r);
		image.updateAndDraw();
	}

	/** The objects as translucent colour fills (background transparent), one fill per plane, each on its slice. */
	static List<ImageRoi> labels(List<Roi> rois, ImagePlus image) {
		int slices = image.getNSlices(), frames = image.getNFrames();
		List<ImageRoi> out = new ArrayList<>();
		for (int t = 1; t <= frames; t++)
			for (int z = 1; z <= slices; z++) {
				ij.process.ByteProcessor fill = new ij.process.ByteProcessor(image.getWidth(), image.getHeight());
				int n = 0;
				for (Roi r : rois) {
					n++;
					if (!onPlane(r, z, t, slices, frames)) continue;
					fill.setValue(1 + (n - 1) % 255);
					fill.fill(r);
				}
				fill.setLut(LabelColours.lut());
				ImageRoi roi = new ImageRoi(0, 0, fill);
				roi.setName(LABELS);
				roi.setOpacity(0.35);
				roi.setZeroTransparent(true);
				out.add(placed(roi, image, z, t));
			}
		return out;
	}

	/** Whether a ROI lies on plane (z, t), 1-based: its slice and frame, or every plane when it has no position (ImageJ's convention). */
	static boolean onPlane(Roi r, int z, int t, int slices, int frames) {
		int rz = r.getZPosition(), rt = r.getTPosition();
		if (rz == 0 && rt == 0 && r.getPosition() > 0) { // a plain stack position
			if (slices > 1) rz = r.getPosition();
			else rt = r.getPosition();
		}
		return (rz == 0 || rz == z) && (rt == 0 || rt == t);
	}

	/**
	 * Half-transparent overlays of the map, one per plane (z, t) of the image, where 0 is fully
	 * transparent; a map with fewer planes than the image repeats its last plane.
	 */
	static List<ImageRoi> overlay(ImagePlus uncertainty, ImagePlus image) {
		ij.ImageStack map = uncertainty.getStack();
		double max = 0;
		for (int i = 1; i <= map.getSize(); i++) max = Math.max(max, map.getProcessor(i).getStatistics().max);
		int slices = image.getNSlices(), frames = image.getNFrames();
		List<ImageRoi> out = new ArrayList<>();
		for (int t = 1; t <= frames; t++)
			for (int z = 1; z <= slices; z++) {
				int plane = Math.min(z - 1 + slices * (t - 1) + 1, map.getSize());
				ImageProcessor p = map.getProcessor(plane).duplicate();
				p.setMinAndMax(0, max > 0 ? max : 1);
				ImageProcessor heat = p.convertToByte(true);
				heat.setLut(heat());
				ImageRoi roi = new ImageRoi(0, 0, heat);
				roi.setName(NAME);
				roi.setOpacity(0.5);
				roi.setZeroTransparent(true);
				out.add(placed(roi, image, z, t));
			}
		return out;
	}

	/** Ties an overlay to plane (z, t) of a stack (every channel); a single plane needs no position. */
	private static ImageRoi placed(ImageRoi roi, ImagePlus image, int z, int t) {
		if (image.getNSlices() * image.getNFrames() == 1) return roi;
		if (image.isHyperStack() || image.getNChannels() > 1) roi.setPosition(0, z, t);
		else roi.setPosition(image.getNSlices() > 1 ? z : t);
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
