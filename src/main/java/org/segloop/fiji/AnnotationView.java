package org.segloop.fiji;

import java.util.List;

import ij.ImagePlus;
import ij.gui.Roi;

/**
 * Where the image being annotated and its proposal are shown, and where the corrected ROIs are
 * read back from. Implementations touch ImageJ windows and the ROI Manager as macros do, off the
 * Event Dispatch Thread; in Fiji the view is used on {@link SegLoopService}'s session thread only,
 * together with the session whose images it shows.
 */
public interface AnnotationView {

	/** Shows a leased image with its proposal ROIs (replacing what was shown before). */
	void show(AnnotationSession.Proposal proposal);

	/** The ROIs as the user left them. */
	List<Roi> rois();

	/** The image shown now, or null. */
	ImagePlus shownImage();

	/** Shows one plane of the shown image (0-based slice and frame); nothing when no image is shown. */
	default void showSlice(int slice, int frame) {
		ImagePlus image = shownImage();
		if (image != null) image.setPosition(image.getC(), slice + 1, frame + 1); // on a window this also shows the slice's ROIs
	}

	/** The plane shown now, {slice, frame} 0-based (the user may have scrolled), or null when no image is shown. */
	default int[] shownSlice() {
		ImagePlus image = shownImage();
		return image == null ? null : new int[] { image.getZ() - 1, image.getT() - 1 };
	}

	/** Shows or hides the uncertainty heat over the image. */
	default void toggleUncertainty() {}

	/** Shows or hides the objects as translucent colour fills over the image. */
	default void toggleLabels() {}

	/** Closes what {@link #show} opened. */
	void close();
}
