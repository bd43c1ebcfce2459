package org.segloop.fiji;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;

/**
 * The view without windows (headless Fiji, macros run with --headless, tests): the proposal ROIs
 * are put on the image's overlay, and the corrected ROIs are read back from it.
 */
public final class OverlayView implements AnnotationView {

	private ImagePlus image;
	private ImagePlus uncertainty;

	@Override
	public void show(AnnotationSession.Proposal proposal) {
		image = proposal.image();
		uncertainty = proposal.uncertainty();
		Overlay overlay = new Overlay();
		proposal.rois().forEach(overlay::add);
		image.setOverlay(overlay);
	}

	/** The image being annotated, or null. */
	public ImagePlus image() {
		return image;
	}

	@Override
	public List<Roi> rois() {
		Overlay overlay = image == null ? null : image.getOverlay();
		List<Roi> out = new ArrayList<>();
		if (overlay != null) for (Roi r : overlay.toArray()) if (!(r instanceof ImageRoi)) out.add(r); // the heat is not an object
		return out;
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
		ImageOverlays.toggle(image, uncertainty);
	}

	@Override
	public void close() {
		image = null;
	}
}
