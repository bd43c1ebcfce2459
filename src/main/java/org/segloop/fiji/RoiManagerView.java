package org.segloop.fiji;

import java.awt.Color;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

/**
 * The desktop view: the image in its window, the proposal in the ROI Manager (one ROI per object,
 * named by class and label, coloured by class, on its slice), corrected with ImageJ's own tools
 * (brush, freehand, wand, ROI Manager add/update/delete/combine/split). Only public ImageJ API.
 */
public final class RoiManagerView implements AnnotationView {

	private ImagePlus image;
	private ImagePlus uncertainty;

	@Override
	public void show(AnnotationSession.Proposal proposal) {
		closeImage();
		image = proposal.image();
		uncertainty = proposal.uncertainty();
		image.show();
		RoiManager rm = RoiManager.getRoiManager();
		rm.reset();
		for (Roi roi : proposal.rois()) {
			roi.setStrokeColor(classColour(roi.getProperty(RoiLabels.CLASS)));
			rm.add(roi, -1); // keeps the ROI's slice and its label/class properties
		}
		rm.runCommand(image, "Show All without labels");
		var window = image.getWindow();
		if (window != null && rm.getX() < window.getX() + window.getWidth() && rm.getX() + rm.getWidth() > window.getX())
			rm.setLocation(window.getX() + window.getWidth() + 8, window.getY()); // beside the image, not over it
	}

	/** Well-separated hues by class (golden angle); class 1 is red. */
	static Color classColour(String classIndex) {
		int c;
		try {
			c = classIndex == null ? 1 : Integer.parseInt(classIndex);
		}
		catch (NumberFormatException e) {
			c = 1;
		}
		return Color.getHSBColor(((c - 1) * 0.618034f) % 1f, 0.9f, 1f);
	}

	@Override
	public List<Roi> rois() {
		RoiManager rm = RoiManager.getInstance();
		return rm == null ? List.of() : List.of(rm.getRoisAsArray());
	}

	@Override
	public ImagePlus shownImage() {
		return image;
	}

	@Override
	public void toggleLabels() {
		if (image != null) ImageOverlays.toggle(image, ImageOverlays.LABELS, () -> ImageOverlays.labels(rois(), image));
	}

	@Override
	public void toggleUncertainty() {
		if (image != null) ImageOverlays.toggle(image, uncertainty);
	}

	@Override
	public void close() {
		closeImage();
		RoiManager rm = RoiManager.getInstance();
		if (rm != null) rm.reset();
	}

	private void closeImage() {
		if (image == null) return;
		image.changes = false; // the correction lives in the project, not in the image file
		image.close();
		image = null;
	}
}
