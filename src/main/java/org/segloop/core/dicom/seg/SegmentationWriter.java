package org.segloop.core.dicom.seg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UIDGenerator;

import org.segloop.core.SegLoopException;
import org.segloop.core.dicom.DicomFiles;
import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.model.SegLoopSettings.Code;

/**
 * Writes a class mask of a DICOM series as one DICOM Segmentation (BINARY, one segment per class,
 * explicit VR little endian), built with PixelMed's attribute lists. Patient and study attributes are
 * copied from the series' first file; the Segmentation shares the series' frame of reference,
 * orientation and pixel spacing (shared functional groups) and has one frame per segment and slice
 * that holds the segment, each with the slice's position and a reference to its source image
 * (SOP instance and, for multi-frame sources, frame number). Frames are ordered by segment, then
 * slice, and indexed by (ReferencedSegmentNumber, ImagePositionPatient).
 *
 * <p>Blocking; the file appears complete or not at all (temp file and atomic move).
 */
public final class SegmentationWriter {

	/** SegmentAlgorithmName (0062,0009), LO: absent from PixelMed's dictionary. */
	static final AttributeTag SEGMENT_ALGORITHM_NAME = new AttributeTag(0x0062, 0x0009);

	/** What the Segmentation says about its making. */
	public record Content(String creator, String seriesDescription, String softwareVersion) {}

	/** Patient and study attributes copied from the source (type 2 ones are written empty when absent). */
	private static final AttributeTag[] COPIED = { TagFromName.SpecificCharacterSet, TagFromName.PatientName, TagFromName.PatientID,
		TagFromName.IssuerOfPatientID, TagFromName.PatientBirthDate, TagFromName.PatientSex, TagFromName.PatientAge,
		TagFromName.PatientIdentityRemoved, TagFromName.DeidentificationMethod, TagFromName.DeidentificationMethodCodeSequence,
		TagFromName.StudyInstanceUID, TagFromName.StudyDate, TagFromName.StudyTime, TagFromName.ReferringPhysicianName, TagFromName.StudyID,
		TagFromName.AccessionNumber, TagFromName.StudyDescription, TagFromName.PositionReferenceIndicator };
	private static final AttributeTag[] TYPE2 = { TagFromName.PatientName, TagFromName.PatientID, TagFromName.PatientBirthDate,
		TagFromName.PatientSex, TagFromName.StudyDate, TagFromName.StudyTime, TagFromName.ReferringPhysicianName, TagFromName.StudyID,
		TagFromName.AccessionNumber, TagFromName.PositionReferenceIndicator };

	private SegmentationWriter() {}

	/** A frame to write: a segment on a slice. */
	private record Frame(Segment segment, int slice) {}

	/**
	 * @param manifest the series' manifest (for messages)
	 * @param classes class per pixel, the series' size (columns × rows × slices)
	 * @param segments the segments to write; a segment whose class holds no pixel is left out, and the
	 *     others are numbered 1, 2, … in the order given
	 * @return the number of frames written
	 * @throws SegLoopException when the mask does not fit the series, no segment holds a pixel, or the
	 *     file cannot be written (nothing is left at {@code file} then)
	 */
	public static int write(Path manifest, DicomSeries series, LabelVolume classes, List<Segment> segments, Content content, Path file) {
		if (classes.width() != series.columns() || classes.height() != series.rows() || classes.slices() != series.depth() || classes.frames() != 1)
			throw new SegLoopException(manifest, "has " + series.columns() + " × " + series.rows() + " × " + series.depth() + " voxels but the mask has "
				+ classes.width() + " × " + classes.height() + " × " + classes.slices() + " × " + classes.frames(), "correct the image again");
		List<Frame> frames = new ArrayList<>();
		List<Segment> used = new ArrayList<>();
		for (Segment s : segments) {
			int before = frames.size();
			for (int z = 0; z < series.depth(); z++) if (holds(classes.labels()[z], s.segmentClass().value())) frames.add(new Frame(s, z));
			if (frames.size() > before) { // segment numbers run 1, 2, … over the segments written
				Segment numbered = new Segment(used.size() + 1, s.segmentClass(), s.algorithm(), s.algorithmName());
				used.add(numbered);
				for (int i = before; i < frames.size(); i++) frames.set(i, new Frame(numbered, frames.get(i).slice()));
			}
		}
		if (frames.isEmpty()) throw new SegLoopException(manifest, "has a correction that holds none of the classes " + segments.stream()
			.map(s -> s.segmentClass().name()).toList() + "; a DICOM Segmentation needs at least one segment", "leave the image out or correct it again");
		Path tmp = null;
		try {
			AttributeList a = build(series, classes, used, frames, content);
			FileMetaInformation.addFileMetaInformation(a, TransferSyntax.ExplicitVRLittleEndian, "SEGLOOP");
			Path folder = file.toAbsolutePath().getParent();
			Files.createDirectories(folder);
			tmp = Files.createTempFile(folder, ".seg", ".tmp");
			a.write(tmp.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return frames.size();
		}
		catch (IOException | DicomException e) {
			throw new SegLoopException(file, "cannot be written as a DICOM Segmentation: " + e.getMessage(),
				"check free disk space and permissions, then export again", e);
		}
		finally {
			if (tmp != null) try {
				Files.deleteIfExists(tmp);
			}
			catch (IOException ignored) { /* best effort */ }
		}
	}

	private static boolean holds(int[] plane, int value) {
		for (int v : plane) if (v == value) return true;
		return false;
	}

	private static AttributeList build(DicomSeries series, LabelVolume classes, List<Segment> segments, List<Frame> frames, Content content)
		throws DicomException, IOException
	{
		AttributeList source = DicomFiles.header(series.slices().get(0).path());
		AttributeList a = new AttributeList();
		for (AttributeTag t : COPIED) if (source.get(t) != null) a.put(source.get(t));
		for (AttributeTag t : TYPE2) if (a.get(t) == null) a.putNewAttribute(t);
		UIDGenerator uids = new UIDGenerator();
		String now = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd"));
		String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));
		put(a, TagFromName.SOPClassUID, SOPClass.SegmentationStorage);
		put(a, TagFromName.SOPInstanceUID, uids.getAnotherNewUID());
		put(a, TagFromName.Modality, "SEG");
		put(a, TagFromName.SeriesInstanceUID, uids.getAnotherNewUID());
		put(a, TagFromName.SeriesNumber, "300");
		put(a, TagFromName.SeriesDescription, limit(content.seriesDescription(), 64));
		if (!series.frameOfReferenceUid().isEmpty()) put(a, TagFromName.FrameOfReferenceUID, series.frameOfReferenceUid());
		put(a, TagFromName.Manufacturer, "SegLoop");
		put(a, TagFromName.ManufacturerModelName, "SegLoop");
		put(a, TagFromName.DeviceSerialNumber, "1");
		put(a, TagFromName.SoftwareVersions, limit(content.softwareVersion(), 64));
		put(a, TagFromName.InstanceNumber, "1");
		put(a, TagFromName.ContentDate, now);
		put(a, TagFromName.ContentTime, time);
		put(a, TagFromName.ImageType, "DERIVED\\PRIMARY");
		put(a, TagFromName.ContentLabel, "SEGLOOP");
		put(a, TagFromName.ContentDescription, "Corrected segmentation");
		put(a, TagFromName.ContentCreatorName, limit(content.creator(), 64));
		put(a, TagFromName.SegmentationType, "BINARY");
		put(a, TagFromName.LossyImageCompression, "00");
		put(a, TagFromName.SamplesPerPixel, "1");
		put(a, TagFromName.PhotometricInterpretation, "MONOCHROME2");
		put(a, TagFromName.Rows, String.valueOf(series.rows()));
		put(a, TagFromName.Columns, String.valueOf(series.columns()));
		put(a, TagFromName.BitsAllocated, "1");
		put(a, TagFromName.BitsStored, "1");
		put(a, TagFromName.HighBit, "0");
		put(a, TagFromName.PixelRepresentation, "0");
		put(a, TagFromName.NumberOfFrames, String.valueOf(frames.size()));
		a.put(segmentSequence(segments));
		dimensions(a, uids.getAnotherNewUID());
		a.put(referencedSeries(series));
		a.put(sequence(TagFromName.SharedFunctionalGroupsSequence, shared(series)));
		SequenceAttribute perFrame = new SequenceAttribute(TagFromName.PerFrameFunctionalGroupsSequence);
		for (Frame f : frames) perFrame.addItem(perFrame(series, f));
		a.put(perFrame);
		OtherByteAttribute pixels = new OtherByteAttribute(TagFromName.PixelData);
		pixels.setValues(pack(classes, frames, series.rows() * series.columns()));
		a.put(pixels);
		return a;
	}

	private static SequenceAttribute segmentSequence(List<Segment> segments) throws DicomException {
		SequenceAttribute seq = new SequenceAttribute(TagFromName.SegmentSequence);
		for (Segment s : segments) {
			AttributeList item = new AttributeList();
			put(item, TagFromName.SegmentNumber, String.valueOf(s.number()));
			put(item, TagFromName.SegmentLabel, limit(s.segmentClass().name(), 64));
			item.put(code(TagFromName.SegmentedPropertyCategoryCodeSequence, s.segmentClass().category()));
			item.put(code(TagFromName.SegmentedPropertyTypeCodeSequence, s.segmentClass().type()));
			put(item, TagFromName.SegmentAlgorithmType, s.algorithm().name());
			if (s.algorithm() != Segment.Algorithm.MANUAL) {
				LongStringAttribute name = new LongStringAttribute(SEGMENT_ALGORITHM_NAME);
				name.addValue(limit(s.algorithmName(), 64));
				item.put(name);
			}
			seq.addItem(item);
		}
		return seq;
	}

	/** Dimensions: the segment, then the slice position (the order of DICOM's segmentation examples). */
	private static void dimensions(AttributeList a, String organization) throws DicomException {
		AttributeList org = new AttributeList();
		put(org, TagFromName.DimensionOrganizationUID, organization);
		a.put(sequence(TagFromName.DimensionOrganizationSequence, org));
		put(a, TagFromName.DimensionOrganizationType, "3D");
		SequenceAttribute index = new SequenceAttribute(TagFromName.DimensionIndexSequence);
		index.addItem(dimension(organization, TagFromName.ReferencedSegmentNumber, TagFromName.SegmentIdentificationSequence, "Segment"));
		index.addItem(dimension(organization, TagFromName.ImagePositionPatient, TagFromName.PlanePositionSequence, "Image Position Patient"));
		a.put(index);
	}

	private static AttributeList dimension(String organization, AttributeTag pointer, AttributeTag group, String label) throws DicomException {
		AttributeList d = new AttributeList();
		put(d, TagFromName.DimensionOrganizationUID, organization);
		AttributeTagAttribute p = new AttributeTagAttribute(TagFromName.DimensionIndexPointer);
		p.addValue(pointer);
		d.put(p);
		AttributeTagAttribute g = new AttributeTagAttribute(TagFromName.FunctionalGroupPointer);
		g.addValue(group);
		d.put(g);
		put(d, TagFromName.DimensionDescriptionLabel, label);
		return d;
	}

	private static SequenceAttribute referencedSeries(DicomSeries series) throws DicomException {
		AttributeList item = new AttributeList();
		put(item, TagFromName.SeriesInstanceUID, series.seriesUid());
		SequenceAttribute instances = new SequenceAttribute(TagFromName.ReferencedInstanceSequence);
		Map<String, String> seen = new LinkedHashMap<>();
		for (DicomSeries.Slice s : series.slices()) seen.putIfAbsent(s.sopInstanceUid(), s.file());
		for (String uid : seen.keySet()) {
			AttributeList ref = new AttributeList();
			put(ref, TagFromName.ReferencedSOPClassUID, series.sopClassUid());
			put(ref, TagFromName.ReferencedSOPInstanceUID, uid);
			instances.addItem(ref);
		}
		item.put(instances);
		return sequence(TagFromName.ReferencedSeriesSequence, item);
	}

	private static AttributeList shared(DicomSeries series) throws DicomException {
		AttributeList shared = new AttributeList();
		AttributeList measures = new AttributeList();
		put(measures, TagFromName.PixelSpacing, Decimals.of(series.rowSpacing()) + "\\" + Decimals.of(series.columnSpacing()));
		put(measures, TagFromName.SliceThickness, Decimals.of(series.sliceSpacing()));
		put(measures, TagFromName.SpacingBetweenSlices, Decimals.of(series.sliceSpacing()));
		shared.put(sequence(TagFromName.PixelMeasuresSequence, measures));
		AttributeList orientation = new AttributeList();
		double[] r = series.rowDirection(), c = series.columnDirection();
		put(orientation, TagFromName.ImageOrientationPatient, Decimals.of(new double[] { r[0], r[1], r[2], c[0], c[1], c[2] }));
		shared.put(sequence(TagFromName.PlaneOrientationSequence, orientation));
		return shared;
	}

	private static AttributeList perFrame(DicomSeries series, Frame f) throws DicomException {
		DicomSeries.Slice slice = series.slices().get(f.slice());
		AttributeList item = new AttributeList();
		AttributeList sourceImage = new AttributeList();
		put(sourceImage, TagFromName.ReferencedSOPClassUID, series.sopClassUid());
		put(sourceImage, TagFromName.ReferencedSOPInstanceUID, slice.sopInstanceUid());
		if (multiFrame(series, slice)) put(sourceImage, TagFromName.ReferencedFrameNumber, String.valueOf(slice.frame() + 1));
		sourceImage.put(code(TagFromName.PurposeOfReferenceCodeSequence, new Code("121322", "DCM", "Source image for image processing operation")));
		AttributeList derivation = new AttributeList();
		derivation.put(code(TagFromName.DerivationCodeSequence, new Code("113076", "DCM", "Segmentation")));
		derivation.put(sequence(TagFromName.SourceImageSequence, sourceImage));
		item.put(sequence(TagFromName.DerivationImageSequence, derivation));
		AttributeList content = new AttributeList();
		Attribute index = content.putNewAttribute(TagFromName.DimensionIndexValues);
		index.addValue(f.segment().number());
		index.addValue(f.slice() + 1);
		item.put(sequence(TagFromName.FrameContentSequence, content));
		AttributeList position = new AttributeList();
		put(position, TagFromName.ImagePositionPatient, Decimals.of(slice.position()));
		item.put(sequence(TagFromName.PlanePositionSequence, position));
		AttributeList segment = new AttributeList();
		put(segment, TagFromName.ReferencedSegmentNumber, String.valueOf(f.segment().number()));
		item.put(sequence(TagFromName.SegmentIdentificationSequence, segment));
		return item;
	}

	private static boolean multiFrame(DicomSeries series, DicomSeries.Slice slice) {
		return slice.frame() > 0 || series.slices().stream().filter(s -> s.file().equals(slice.file())).count() > 1;
	}

	/** BINARY pixel data: one bit per pixel, frames back to back without padding, least significant bit first. */
	private static byte[] pack(LabelVolume classes, List<Frame> frames, int pixelsPerFrame) {
		long bits = (long) frames.size() * pixelsPerFrame;
		byte[] out = new byte[(int) ((bits + 15) / 16 * 2)]; // an even length
		long bit = 0;
		for (Frame f : frames) {
			int[] plane = classes.labels()[f.slice()];
			int value = f.segment().segmentClass().value();
			for (int i = 0; i < pixelsPerFrame; i++, bit++)
				if (plane[i] == value) out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
		}
		return out;
	}

	static SequenceAttribute code(AttributeTag tag, Code c) throws DicomException {
		return sequence(tag, new CodedSequenceItem(c.value(), c.scheme(), c.meaning()).getAttributeList());
	}

	static SequenceAttribute sequence(AttributeTag tag, AttributeList item) {
		SequenceAttribute s = new SequenceAttribute(tag);
		s.addItem(item);
		return s;
	}

	static void put(AttributeList a, AttributeTag tag, String value) throws DicomException {
		Attribute at = a.putNewAttribute(tag);
		if (value != null && !value.isEmpty()) at.addValue(value);
	}

	private static String limit(String s, int max) {
		if (s == null) return "";
		return s.length() <= max ? s : s.substring(0, max);
	}
}
