package org.segloop.core.dicom;

import com.pixelmed.dicom.SOPClass;

/**
 * What kind of DICOM object a SOP class is: SegLoop registers images and recognises the objects
 * that accompany them in a study folder (segmentations, structure sets, reports, presentation
 * states, ...) so they are named, not taken for images.
 */
public final class DicomObjects {

	private DicomObjects() {}

	/** Whether objects of this SOP class hold an image SegLoop can annotate. */
	public static boolean isImage(String sopClass) {
		return SOPClass.isImageStorage(sopClass) && !SOPClass.SegmentationStorage.equals(sopClass);
	}

	/** A description of a non-image object ("a DICOM Segmentation (labels)", ...). */
	public static String describe(String sopClass) {
		if (SOPClass.SegmentationStorage.equals(sopClass)) return "a DICOM Segmentation object (labels), not an image";
		if (SOPClass.RTStructureSetStorage.equals(sopClass)) return "a DICOM RT Structure Set (RTSTRUCT: contours), not an image";
		if (SOPClass.isStructuredReport(sopClass)) return "a DICOM Structured Report (SR), not an image";
		if (SOPClass.isPresentationState(sopClass)) return "a DICOM Presentation State (display settings), not an image";
		if (SOPClass.isKeyObjectSelectionDocument(sopClass)) return "a DICOM Key Object Selection, not an image";
		if (SOPClass.isEncapsulatedDocument(sopClass)) return "an encapsulated document (e.g. PDF) in DICOM, not an image";
		if (SOPClass.isRadiotherapy(sopClass)) return "a DICOM radiotherapy object, not an image";
		if (SOPClass.isDirectory(sopClass) || sopClass.isEmpty()) return "a DICOM directory (DICOMDIR) or an object without SOP class, not an image";
		if (SOPClass.isWaveform(sopClass)) return "a DICOM waveform, not an image";
		return "a DICOM object of SOP class " + sopClass + ", not an image";
	}

	/** What to do with a non-image object that was given where an image was expected. */
	public static String fixFor(String sopClass) {
		if (SOPClass.SegmentationStorage.equals(sopClass))
			return "use the image series it segments instead; to use its labels, import it as that series' correction or proposal";
		if (SOPClass.RTStructureSetStorage.equals(sopClass))
			return "use the CT or MR series it outlines instead; to use its contours, rasterise them to a label image (e.g. with plastimatch convert or rt-utils) and import that";
		return "give the image series instead";
	}
}
