package org.segloop.core.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.segloop.core.image.ImageInputException;

/**
 * What series assembly needs of one frame: identity, size and geometry, read from a file's
 * header; for an enhanced multi-frame object, from its shared and per-frame functional groups.
 *
 * @param pixelSpacing [row spacing, column spacing] in mm, or null when the header has none
 * @param orientation ImageOrientationPatient (6 values), or null
 * @param position ImagePositionPatient, or null
 * @param rescale [slope, intercept]
 * @param window [center, width] or null
 */
record FrameHeader(Path file, String sha256, int frame, String sopClass, String sopInstance, String study, String series,
	String frameOfReference, String modality, int rows, int columns, int samplesPerPixel, double[] pixelSpacing, double[] orientation,
	double[] position, double sliceThickness, double[] rescale, double[] window)
{

	/** The frames of a file: one for a single-frame image, NumberOfFrames for a multi-frame one. */
	static List<FrameHeader> of(Path file, String sha256, AttributeList a) {
		String sop = DicomFiles.string(a, TagFromName.SOPClassUID);
		int frames = Math.max(1, DicomFiles.integer(a, TagFromName.NumberOfFrames, 1));
		requirePlausibleFrameCount(file, a, frames);
		AttributeList shared = firstItem(a, TagFromName.SharedFunctionalGroupsSequence);
		SequenceAttribute perFrame = (SequenceAttribute) a.get(TagFromName.PerFrameFunctionalGroupsSequence);
		List<FrameHeader> out = new ArrayList<>(); // never pre-sized by the declared count: a header is not to be trusted
		for (int f = 0; f < frames; f++) {
			AttributeList own = perFrame != null && f < perFrame.getNumberOfItems() ? perFrame.getItem(f).getAttributeList() : null;
			String where = frames > 1 ? " of frame " + (f + 1) : "";
			double[] spacing = FrameGeometry.spacing(file, where,
				present(a, own, shared, TagFromName.PixelMeasuresSequence, TagFromName.PixelSpacing));
			if (spacing == null) spacing = FrameGeometry.spacing(file, where, present(a, null, null, null,
				TagFromName.ImagerPixelSpacing)); // projection X-ray
			double[] thickness = value(a, own, shared, TagFromName.PixelMeasuresSequence, TagFromName.SliceThickness);
			double[] orientation = FrameGeometry.orientation(file, where,
				present(a, own, shared, TagFromName.PlaneOrientationSequence, TagFromName.ImageOrientationPatient));
			double[] position = FrameGeometry.position(file, where,
				present(a, own, shared, TagFromName.PlanePositionSequence, TagFromName.ImagePositionPatient));
			double[] slope = value(a, own, shared, TagFromName.PixelValueTransformationSequence, TagFromName.RescaleSlope);
			double[] intercept = value(a, own, shared, TagFromName.PixelValueTransformationSequence, TagFromName.RescaleIntercept);
			double[] center = value(a, own, shared, TagFromName.FrameVOILUTSequence, TagFromName.WindowCenter);
			double[] width = value(a, own, shared, TagFromName.FrameVOILUTSequence, TagFromName.WindowWidth);
			out.add(new FrameHeader(file, sha256, f, sop, DicomFiles.string(a, TagFromName.SOPInstanceUID),
				DicomFiles.string(a, TagFromName.StudyInstanceUID), DicomFiles.string(a, TagFromName.SeriesInstanceUID),
				DicomFiles.string(a, TagFromName.FrameOfReferenceUID), DicomFiles.string(a, TagFromName.Modality),
				DicomFiles.integer(a, TagFromName.Rows, 0), DicomFiles.integer(a, TagFromName.Columns, 0),
				DicomFiles.integer(a, TagFromName.SamplesPerPixel, 1), spacing, orientation, position,
				thickness == null || thickness.length == 0 ? 0 : thickness[0],
				new double[] { slope == null || slope.length == 0 || slope[0] == 0 ? 1 : slope[0], intercept == null || intercept.length == 0 ? 0 : intercept[0] },
				center != null && width != null && center.length > 0 && width.length > 0 && width[0] > 0 ? new double[] { center[0], width[0] } : null));
		}
		return out;
	}

	boolean hasPlaneGeometry() {
		return orientation != null && position != null;
	}

	/** The value from the frame's own functional group, else the shared one, else the top level of the data set. */
	private static double[] value(AttributeList top, AttributeList own, AttributeList shared, AttributeTag group, AttributeTag tag) {
		for (AttributeList groups : new AttributeList[] { own, shared }) {
			AttributeList item = groups == null ? null : firstItem(groups, group);
			double[] v = item == null ? null : DicomFiles.doubles(item, tag);
			if (v != null) return v;
		}
		return DicomFiles.doubles(top, tag);
	}

	/**
	 * The attribute from the frame's own functional group, else the shared one, else the top level,
	 * when it is present with a value; null when it is absent (an image without that geometry).
	 */
	private static Attribute present(AttributeList top, AttributeList own, AttributeList shared, AttributeTag group, AttributeTag tag) {
		for (AttributeList groups : new AttributeList[] { own, shared }) {
			AttributeList item = groups == null || group == null ? null : firstItem(groups, group);
			Attribute at = item == null ? null : item.get(tag);
			if (at != null && at.getVM() > 0) return at;
		}
		Attribute at = top.get(tag);
		return at != null && at.getVM() > 0 ? at : null;
	}

	/**
	 * Refuses a NumberOfFrames the file cannot hold, before anything is made per frame: uncompressed
	 * frames take their Rows × Columns × samples × bytes each, and a compressed frame at least a byte.
	 * A damaged or hostile count (2147483647) is then an error naming the file, not an OutOfMemoryError.
	 */
	private static void requirePlausibleFrameCount(Path file, AttributeList a, int frames) {
		if (frames <= 1) return; // a single frame cut short is named as truncated when its pixels are read
		long size;
		try {
			size = java.nio.file.Files.size(file);
		}
		catch (java.io.IOException e) {
			throw new ImageInputException(file, "cannot be read (" + e.getMessage() + ")", "check that the file exists and is readable", e);
		}
		String ts = DicomFiles.string(a, TagFromName.TransferSyntaxUID);
		boolean uncompressed = ts.isEmpty() || UNCOMPRESSED.contains(ts);
		long frameBytes = uncompressed ? Math.max(1L, (long) DicomFiles.integer(a, TagFromName.Rows, 0) * DicomFiles.integer(a, TagFromName.Columns, 0)
			* Math.max(1, DicomFiles.integer(a, TagFromName.SamplesPerPixel, 1)) * Math.max(1, (DicomFiles.integer(a, TagFromName.BitsAllocated, 8) + 7) / 8)) : 1;
		if ((double) frames * frameBytes > size) throw new ImageInputException(file, "declares " + frames + " frames (NumberOfFrames) but the file of "
			+ size + " bytes cannot hold that many" + (uncompressed ? " (" + frameBytes + " bytes each)" : "") + "; it is truncated or damaged",
			"replace the file with an intact copy from the archive or export the series again");
	}

	/** Transfer syntaxes whose pixel data are stored as they are (implicit/explicit VR, little/big endian). */
	private static final java.util.Set<String> UNCOMPRESSED = java.util.Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2");

	private static AttributeList firstItem(AttributeList a, AttributeTag seq) {
		Attribute at = a.get(seq);
		if (!(at instanceof SequenceAttribute s) || s.getNumberOfItems() == 0) return null;
		return s.getItem(0).getAttributeList();
	}

}
