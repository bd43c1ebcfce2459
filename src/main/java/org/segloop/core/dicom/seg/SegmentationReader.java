package org.segloop.core.dicom.seg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.segloop.core.dicom.DicomFiles;
import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.model.SegLoopSettings.Code;

/**
 * Reads a BINARY DICOM Segmentation into a class mask of a registered DICOM series. The
 * Segmentation must fit the series: same rows and columns, same frame of reference (when both have
 * one), same orientation and pixel spacing, a referenced series that is this one (when it names one),
 * and every frame on one of the series' slices — found by the frame's source image (SOP instance UID
 * and frame number) or else by its ImagePositionPatient, within a tenth of the smallest voxel spacing.
 * Segments become classes by {@link SegmentClasses#match}; where segments overlap, the higher
 * segment number wins. Anything else is refused with both files named, before anything is stored.
 *
 * <p>Blocking; reads the whole file into memory.
 */
public final class SegmentationReader {

	private static final double ORIENTATION_TOLERANCE = 1e-3;

	private SegmentationReader() {}

	/** Whether {@code file} is a DICOM Segmentation object (reads its header). */
	public static boolean isSegmentation(Path file) {
		if (!java.nio.file.Files.isRegularFile(file) || !DicomFiles.isDicom(file)) return false;
		try {
			return SOPClass.SegmentationStorage.equals(Attribute.getSingleStringValueOrEmptyString(DicomFiles.header(file), TagFromName.SOPClassUID).trim());
		}
		catch (ImageInputException e) {
			return false;
		}
	}

	/**
	 * @param manifest the series' manifest, for messages
	 * @return class per voxel of the series (columns × rows × slices)
	 * @throws ImageInputException naming the Segmentation and the series when they do not fit or a segment matches no class
	 */
	public static LabelVolume read(Path file, Path manifest, DicomSeries series, SegmentClasses classes) {
		AttributeList a = DicomFiles.full(file);
		String sopClass = text(a, TagFromName.SOPClassUID);
		if (!SOPClass.SegmentationStorage.equals(sopClass))
			throw refused(file, manifest, "is not a DICOM Segmentation (SOP class " + sopClass + ")", "give a DICOM SEG file or a label TIFF");
		if (!"BINARY".equals(text(a, TagFromName.SegmentationType))) throw refused(file, manifest, "is a " + text(a, TagFromName.SegmentationType)
			+ " segmentation; SegLoop reads BINARY ones", "convert it to a BINARY segmentation (e.g. threshold it at 50 %) first");
		int rows = Attribute.getSingleIntegerValueOrDefault(a, TagFromName.Rows, 0), columns = Attribute.getSingleIntegerValueOrDefault(a, TagFromName.Columns, 0);
		if (rows != series.rows() || columns != series.columns()) throw mismatch(file, manifest, "has frames of " + columns + " × " + rows
			+ " pixels but the series has " + series.columns() + " × " + series.rows());
		String frameOfReference = text(a, TagFromName.FrameOfReferenceUID);
		if (!frameOfReference.isEmpty() && !series.frameOfReferenceUid().isEmpty() && !frameOfReference.equals(series.frameOfReferenceUid()))
			throw mismatch(file, manifest, "lies in another frame of reference (" + frameOfReference + ") than the series (" + series.frameOfReferenceUid() + ")");
		checkReferencedSeries(a, file, manifest, series);
		Map<Integer, SegmentClasses.SegmentClass> segments = segments(a, file, manifest, classes);
		AttributeList shared = item(a, TagFromName.SharedFunctionalGroupsSequence, 0);
		SequenceAttribute perFrame = (SequenceAttribute) a.get(TagFromName.PerFrameFunctionalGroupsSequence);
		int frames = Attribute.getSingleIntegerValueOrDefault(a, TagFromName.NumberOfFrames, 1);
		if (perFrame == null || perFrame.getNumberOfItems() != frames)
			throw refused(file, manifest, "has " + frames + " frames but " + (perFrame == null ? "no" : perFrame.getNumberOfItems()) + " per-frame descriptions",
				"the file is damaged or not a valid Segmentation; export it again");
		Map<String, Integer> sliceBySource = new HashMap<>();
		for (int z = 0; z < series.depth(); z++) sliceBySource.put(series.slices().get(z).sopInstanceUid() + "#" + series.slices().get(z).frame(), z);
		byte[] bits = pixelBytes(a, file, manifest, (long) frames * rows * columns);
		record Placed(int frame, int segment, int slice) {}
		List<Placed> placed = new ArrayList<>();
		for (int f = 0; f < frames; f++) {
			AttributeList group = perFrame.getItem(f).getAttributeList();
			checkGeometry(functional(group, shared, TagFromName.PlaneOrientationSequence), functional(group, shared, TagFromName.PixelMeasuresSequence),
				file, manifest, series, f);
			AttributeList ident = functional(group, shared, TagFromName.SegmentIdentificationSequence);
			int number = ident == null ? -1 : Attribute.getSingleIntegerValueOrDefault(ident, TagFromName.ReferencedSegmentNumber, -1);
			if (!segments.containsKey(number)) throw refused(file, manifest, "frame " + (f + 1) + " refers to segment " + number + ", which the file does not describe",
				"the file is damaged or not a valid Segmentation; export it again");
			placed.add(new Placed(f, number, slice(group, file, manifest, series, sliceBySource, f)));
		}
		int[][] labels = new int[series.depth()][rows * columns];
		placed.sort(Comparator.comparingInt(Placed::segment)); // overlaps: the higher segment number wins
		int perFramePixels = rows * columns;
		for (Placed p : placed) {
			int value = segments.get(p.segment()).value();
			int[] plane = labels[p.slice()];
			long bit = (long) p.frame() * perFramePixels;
			for (int i = 0; i < perFramePixels; i++, bit++)
				if ((bits[(int) (bit >>> 3)] & (1 << (bit & 7))) != 0) plane[i] = value;
		}
		return new LabelVolume(columns, rows, series.depth(), 1, labels, new double[] { series.columnSpacing(), series.rowSpacing(), series.sliceSpacing() });
	}

	private static void checkReferencedSeries(AttributeList a, Path file, Path manifest, DicomSeries series) {
		SequenceAttribute refs = (SequenceAttribute) a.get(TagFromName.ReferencedSeriesSequence);
		if (refs == null || refs.getNumberOfItems() == 0) return;
		List<String> named = new ArrayList<>();
		for (int i = 0; i < refs.getNumberOfItems(); i++) named.add(text(refs.getItem(i).getAttributeList(), TagFromName.SeriesInstanceUID));
		if (!named.contains(series.seriesUid())) throw new ImageInputException(file, "is a segmentation of another series (" + String.join(", ", named)
			+ "), not of " + manifest.getFileName() + " (" + series.seriesUid() + ")", "give the Segmentation made for this series, or import it for the image it belongs to");
	}

	private static Map<Integer, SegmentClasses.SegmentClass> segments(AttributeList a, Path file, Path manifest, SegmentClasses classes) {
		SequenceAttribute seq = (SequenceAttribute) a.get(TagFromName.SegmentSequence);
		if (seq == null || seq.getNumberOfItems() == 0) throw refused(file, manifest, "describes no segment", "export the Segmentation again");
		Map<Integer, SegmentClasses.SegmentClass> out = new HashMap<>();
		for (int i = 0; i < seq.getNumberOfItems(); i++) {
			AttributeList s = seq.getItem(i).getAttributeList();
			int number = Attribute.getSingleIntegerValueOrDefault(s, TagFromName.SegmentNumber, -1);
			String label = text(s, TagFromName.SegmentLabel);
			CodedSequenceItem type = CodedSequenceItem.getSingleCodedSequenceItemOrNull(s, TagFromName.SegmentedPropertyTypeCodeSequence);
			Code code = type == null ? null : new Code(type.getCodeValue(), type.getCodingSchemeDesignator(), type.getCodeMeaning());
			SegmentClasses.SegmentClass c = classes.match(label, code, seq.getNumberOfItems() == 1);
			if (c == null) throw refused(file, manifest, "has segment " + number + " '" + label + "'" + (type == null ? "" : " (" + type.getCodeMeaning() + ")")
				+ " that matches none of the model's classes " + classes.names()
				+ (SegmentClasses.isGeneric(code) ? " (its type is only the generic SNOMED CT 85756007 Tissue, which names no particular class)" : ""),
				"name the segment like one of the classes, or give the class its DICOM type code in the model's config.segloop.classes (dicom_type)");
			out.put(number, c);
		}
		return out;
	}

	private static void checkGeometry(AttributeList orientation, AttributeList measures, Path file, Path manifest, DicomSeries series, int frame) {
		double[] iop = orientation == null ? null : doubles(orientation, TagFromName.ImageOrientationPatient);
		if (iop != null && iop.length == 6) {
			double[] r = series.rowDirection(), c = series.columnDirection();
			double[] expected = { r[0], r[1], r[2], c[0], c[1], c[2] };
			for (int i = 0; i < 6; i++) if (!(Math.abs(iop[i] - expected[i]) <= ORIENTATION_TOLERANCE)) // NaN too
				throw mismatch(file, manifest, "frame " + (frame + 1) + " is oriented " + java.util.Arrays.toString(iop) + " but the series "
					+ java.util.Arrays.toString(expected));
		}
		double[] spacing = measures == null ? null : doubles(measures, TagFromName.PixelSpacing);
		if (spacing != null && spacing.length == 2 && !(relative(spacing[0], series.rowSpacing()) <= 1e-3 && relative(spacing[1], series.columnSpacing()) <= 1e-3)) // NaN too
			throw mismatch(file, manifest, "has pixels of " + spacing[0] + " × " + spacing[1] + " mm but the series " + series.rowSpacing() + " × "
				+ series.columnSpacing() + " mm");
	}

	private static double relative(double a, double b) {
		return Math.abs(a - b) / Math.max(Math.abs(b), 1e-9);
	}

	/** The slice a frame lies on: by its source image, else by its position; the position, when given, must agree. */
	private static int slice(AttributeList group, Path file, Path manifest, DicomSeries series, Map<String, Integer> bySource, int f) {
		AttributeList position = item(group, TagFromName.PlanePositionSequence, 0);
		double[] ipp = position == null ? null : doubles(position, TagFromName.ImagePositionPatient);
		Integer z = null;
		AttributeList derivation = item(group, TagFromName.DerivationImageSequence, 0);
		AttributeList source = derivation == null ? null : item(derivation, TagFromName.SourceImageSequence, 0);
		String uid = "";
		if (source != null) {
			uid = text(source, TagFromName.ReferencedSOPInstanceUID);
			int frame = Attribute.getSingleIntegerValueOrDefault(source, TagFromName.ReferencedFrameNumber, 1) - 1;
			z = bySource.get(uid + "#" + frame);
		}
		double tolerance = 0.1 * Math.min(series.sliceSpacing(), Math.min(series.rowSpacing(), series.columnSpacing()));
		if (z == null && ipp != null && ipp.length == 3)
			for (int s = 0; s < series.depth() && z == null; s++) if (distance(ipp, series.slices().get(s).position()) <= tolerance) z = s;
		if (z == null) throw mismatch(file, manifest, "frame " + (f + 1) + (uid.isEmpty() ? "" : " (source image " + uid + ")")
			+ (ipp == null ? "" : " at " + java.util.Arrays.toString(ipp)) + " lies on none of the series' " + series.depth() + " slices");
		if (ipp != null && ipp.length == 3 && distance(ipp, series.slices().get(z).position()) > tolerance)
			throw mismatch(file, manifest, "frame " + (f + 1) + " lies at " + java.util.Arrays.toString(ipp) + " but its source slice " + (z + 1)
				+ " of the series at " + java.util.Arrays.toString(series.slices().get(z).position()));
		return z;
	}

	private static double distance(double[] a, double[] b) {
		return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
	}

	private static byte[] pixelBytes(AttributeList a, Path file, Path manifest, long bits) {
		Attribute px = a.get(TagFromName.PixelData);
		try {
			byte[] b = px == null ? null : px.getByteValues();
			if (b == null || (long) b.length * 8 < bits) throw refused(file, manifest, "holds " + (b == null ? 0 : b.length) + " bytes of pixel data where "
				+ (bits + 7) / 8 + " are needed", "the file is truncated or damaged; export it again");
			return b;
		}
		catch (DicomException e) {
			throw refused(file, manifest, "has unreadable pixel data (" + e.getMessage() + ")", "export the Segmentation again");
		}
	}

	/** A functional group from the frame's own groups, else the shared ones. */
	private static AttributeList functional(AttributeList frame, AttributeList shared, AttributeTag tag) {
		AttributeList own = item(frame, tag, 0);
		return own != null || shared == null ? own : item(shared, tag, 0);
	}

	private static AttributeList item(AttributeList a, AttributeTag tag, int index) {
		Attribute at = a.get(tag);
		if (!(at instanceof SequenceAttribute s) || s.getNumberOfItems() <= index) return null;
		return s.getItem(index).getAttributeList();
	}

	private static double[] doubles(AttributeList a, AttributeTag tag) {
		Attribute at = a.get(tag);
		try {
			return at == null || at.getVM() == 0 ? null : at.getDoubleValues();
		}
		catch (DicomException | NumberFormatException e) {
			return null;
		}
	}

	private static String text(AttributeList a, AttributeTag tag) {
		return Attribute.getSingleStringValueOrEmptyString(a, tag).trim();
	}

	private static ImageInputException mismatch(Path file, Path manifest, String problem) {
		return new ImageInputException(file, "does not fit the series " + manifest.getFileName() + ": it " + problem,
			"give the Segmentation made on this series (same slices, size and frame of reference)");
	}

	private static ImageInputException refused(Path file, Path manifest, String problem, String fix) {
		return new ImageInputException(file, problem + " (for the series " + manifest.getFileName() + ")", fix);
	}
}
