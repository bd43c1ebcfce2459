package org.segloop.core.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

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
		AttributeList shared = firstItem(a, TagFromName.SharedFunctionalGroupsSequence);
		SequenceAttribute perFrame = (SequenceAttribute) a.get(TagFromName.PerFrameFunctionalGroupsSequence);
		List<FrameHeader> out = new ArrayList<>(frames);
		for (int f = 0; f < frames; f++) {
			AttributeList own = perFrame != null && f < perFrame.getNumberOfItems() ? perFrame.getItem(f).getAttributeList() : null;
			double[] spacing = value(a, own, shared, TagFromName.PixelMeasuresSequence, TagFromName.PixelSpacing);
			if (spacing == null) spacing = DicomFiles.doubles(a, TagFromName.ImagerPixelSpacing); // projection X-ray
			double[] thickness = value(a, own, shared, TagFromName.PixelMeasuresSequence, TagFromName.SliceThickness);
			double[] orientation = value(a, own, shared, TagFromName.PlaneOrientationSequence, TagFromName.ImageOrientationPatient);
			double[] position = value(a, own, shared, TagFromName.PlanePositionSequence, TagFromName.ImagePositionPatient);
			double[] slope = value(a, own, shared, TagFromName.PixelValueTransformationSequence, TagFromName.RescaleSlope);
			double[] intercept = value(a, own, shared, TagFromName.PixelValueTransformationSequence, TagFromName.RescaleIntercept);
			double[] center = value(a, own, shared, TagFromName.FrameVOILUTSequence, TagFromName.WindowCenter);
			double[] width = value(a, own, shared, TagFromName.FrameVOILUTSequence, TagFromName.WindowWidth);
			out.add(new FrameHeader(file, sha256, f, sop, DicomFiles.string(a, TagFromName.SOPInstanceUID),
				DicomFiles.string(a, TagFromName.StudyInstanceUID), DicomFiles.string(a, TagFromName.SeriesInstanceUID),
				DicomFiles.string(a, TagFromName.FrameOfReferenceUID), DicomFiles.string(a, TagFromName.Modality),
				DicomFiles.integer(a, TagFromName.Rows, 0), DicomFiles.integer(a, TagFromName.Columns, 0),
				DicomFiles.integer(a, TagFromName.SamplesPerPixel, 1), valid(spacing, 2), valid(orientation, 6), valid(position, 3),
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

	private static AttributeList firstItem(AttributeList a, AttributeTag seq) {
		Attribute at = a.get(seq);
		if (!(at instanceof SequenceAttribute s) || s.getNumberOfItems() == 0) return null;
		return s.getItem(0).getAttributeList();
	}

	private static double[] valid(double[] v, int n) {
		if (v == null || v.length < n) return null;
		for (int i = 0; i < n; i++)
			if (!Double.isFinite(v[i])) return null;
		return v.length == n ? v : java.util.Arrays.copyOf(v, n);
	}
}
