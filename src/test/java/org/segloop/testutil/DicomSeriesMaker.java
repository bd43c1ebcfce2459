package org.segloop.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntBinaryOperator;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

/**
 * Generates DICOM series for tests with PixelMed (the library SegLoop reads them with): CT or MR
 * slices with patient, study and series attributes, positions along the normal of an orientation,
 * rescale slope and intercept, signed or unsigned stored values; or one enhanced multi-frame object.
 * The caller chooses file names (shuffled, without suffix, ...) and may drop or move slices to make
 * broken series.
 *
 * <p>Stored value of voxel (x, y, z) is {@code voxel.applyAsInt(x + width * y, z)}; with
 * {@code signed} it is read as two's complement.
 */
public final class DicomSeriesMaker {

	/** A series to generate. Use the with… methods to change a copy. */
	public record Spec(String studyUid, String seriesUid, String frameOfReferenceUid, String modality, int width, int height, int slices,
		double pixelSpacing, double sliceSpacing, double[] rowDirection, double[] columnDirection, double[] origin, boolean signed,
		double slope, double intercept, String patientName, String patientId, IntBinaryOperator voxel)
	{

		public Spec withSeries(String seriesUid) {
			return new Spec(studyUid, seriesUid, frameOfReferenceUid, modality, width, height, slices, pixelSpacing, sliceSpacing, rowDirection,
				columnDirection, origin, signed, slope, intercept, patientName, patientId, voxel);
		}

		public Spec withSize(int w, int h, int z) {
			return new Spec(studyUid, seriesUid, frameOfReferenceUid, modality, w, h, z, pixelSpacing, sliceSpacing, rowDirection,
				columnDirection, origin, signed, slope, intercept, patientName, patientId, voxel);
		}

		public Spec withRescale(boolean signedValues, double rescaleSlope, double rescaleIntercept) {
			return new Spec(studyUid, seriesUid, frameOfReferenceUid, modality, width, height, slices, pixelSpacing, sliceSpacing, rowDirection,
				columnDirection, origin, signedValues, rescaleSlope, rescaleIntercept, patientName, patientId, voxel);
		}

		public Spec withGeometry(double spacing, double zSpacing, double[] row, double[] column, double[] firstPosition) {
			return new Spec(studyUid, seriesUid, frameOfReferenceUid, modality, width, height, slices, spacing, zSpacing, row, column,
				firstPosition, signed, slope, intercept, patientName, patientId, voxel);
		}

		public Spec withModality(String m) {
			return new Spec(studyUid, seriesUid, frameOfReferenceUid, m, width, height, slices, pixelSpacing, sliceSpacing, rowDirection,
				columnDirection, origin, signed, slope, intercept, patientName, patientId, voxel);
		}

		public Spec withPatient(String name, String id) {
			return new Spec(studyUid, seriesUid, frameOfReferenceUid, modality, width, height, slices, pixelSpacing, sliceSpacing, rowDirection,
				columnDirection, origin, signed, slope, intercept, name, id, voxel);
		}

		public Spec withFrameOfReference(String uid) {
			return new Spec(studyUid, seriesUid, uid, modality, width, height, slices, pixelSpacing, sliceSpacing, rowDirection,
				columnDirection, origin, signed, slope, intercept, patientName, patientId, voxel);
		}

		/** The same series with its first slice moved by {@code shift} (mm, patient axes): to make uneven, tilted or duplicate slices. */
		public Spec shifted(double[] shift) {
			return withGeometry(pixelSpacing, sliceSpacing, rowDirection, columnDirection,
				new double[] { origin[0] + shift[0], origin[1] + shift[1], origin[2] + shift[2] });
		}

		public Spec withVoxels(IntBinaryOperator v) {
			return new Spec(studyUid, seriesUid, frameOfReferenceUid, modality, width, height, slices, pixelSpacing, sliceSpacing, rowDirection,
				columnDirection, origin, signed, slope, intercept, patientName, patientId, v);
		}

		/** Normal of the slice plane: row × column direction. */
		public double[] normal() {
			double[] r = rowDirection, c = columnDirection;
			return new double[] { r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0] };
		}

		/** ImagePositionPatient of slice z. */
		public double[] position(int z) {
			double[] n = normal();
			return new double[] { origin[0] + z * sliceSpacing * n[0], origin[1] + z * sliceSpacing * n[1], origin[2] + z * sliceSpacing * n[2] };
		}

		/** Physical value of a voxel as the series defines it. */
		public double physical(int xy, int z) {
			int stored = voxel.applyAsInt(xy, z);
			return slope * stored + intercept;
		}
	}

	private DicomSeriesMaker() {}

	/**
	 * An axial CT of {@code width × height × slices} (0.7 mm pixels, 2.5 mm slices), unsigned stored
	 * values with intercept -1024 (HU = stored - 1024); voxels vary with x, y and z.
	 */
	public static Spec ct(String study, String series, int width, int height, int slices) {
		return new Spec(study, series, study + ".9", "CT", width, height, slices, 0.7, 2.5, new double[] { 1, 0, 0 }, new double[] { 0, 1, 0 },
			new double[] { -100, -120, 40 }, false, 1, -1024, "Doe^Jane", "PID-0001", (xy, z) -> (xy * 7 + z * 131) % 2000 + 24);
	}

	/** Writes slice {@code z} of the series to {@code file} (explicit VR little endian). */
	public static Path writeSlice(Spec s, int z, Path file) throws IOException {
		AttributeList a = common(s, SOPClass.CTImageStorage.equals(sopClass(s)) ? SOPClass.CTImageStorage : sopClass(s));
		put(a, TagFromName.SOPInstanceUID, s.seriesUid() + "." + (z + 1));
		put(a, TagFromName.InstanceNumber, String.valueOf(z + 1));
		put(a, TagFromName.ImagePositionPatient, ds(s.position(z)));
		put(a, TagFromName.SliceLocation, num(s.position(z)[2]));
		put(a, TagFromName.RescaleSlope, num(s.slope()));
		put(a, TagFromName.RescaleIntercept, num(s.intercept()));
		if (s.modality().equals("CT")) put(a, TagFromName.RescaleType, "HU");
		try {
			OtherWordAttribute px = new OtherWordAttribute(TagFromName.PixelData);
			px.setValues(plane(s, z));
			a.put(px);
		}
		catch (DicomException e) {
			throw new IOException(e);
		}
		return write(a, file);
	}

	/** Writes every slice, named by {@code names.apply(z)} inside {@code dir}; returns the files in slice order. */
	public static List<Path> writeSeries(Spec s, Path dir, java.util.function.IntFunction<String> names) throws IOException {
		Files.createDirectories(dir);
		List<Path> out = new ArrayList<>();
		for (int z = 0; z < s.slices(); z++) out.add(writeSlice(s, z, dir.resolve(names.apply(z))));
		return out;
	}

	/** Writes the whole series as one enhanced multi-frame object (Enhanced CT or MR Image Storage). */
	public static Path writeMultiFrame(Spec s, Path file) throws IOException {
		String sop = s.modality().equals("MR") ? SOPClass.EnhancedMRImageStorage : SOPClass.EnhancedCTImageStorage;
		AttributeList a = common(s, sop);
		a.remove(TagFromName.ImagePositionPatient);
		a.remove(TagFromName.ImageOrientationPatient);
		a.remove(TagFromName.PixelSpacing);
		a.remove(TagFromName.SliceThickness);
		put(a, TagFromName.SOPInstanceUID, s.seriesUid() + ".1");
		put(a, TagFromName.InstanceNumber, "1");
		put(a, TagFromName.NumberOfFrames, String.valueOf(s.slices()));
		try {
			AttributeList shared = new AttributeList();
			shared.put(seq(TagFromName.PixelMeasuresSequence, item(TagFromName.PixelSpacing, num(s.pixelSpacing()) + "\\" + num(s.pixelSpacing()),
				TagFromName.SliceThickness, num(s.sliceSpacing()))));
			shared.put(seq(TagFromName.PlaneOrientationSequence, item(TagFromName.ImageOrientationPatient, orientation(s))));
			shared.put(seq(TagFromName.PixelValueTransformationSequence, item(TagFromName.RescaleSlope, num(s.slope()), TagFromName.RescaleIntercept,
				num(s.intercept()), TagFromName.RescaleType, s.modality().equals("CT") ? "HU" : "US")));
			SequenceAttribute sharedSeq = new SequenceAttribute(TagFromName.SharedFunctionalGroupsSequence);
			sharedSeq.addItem(shared);
			a.put(sharedSeq);
			SequenceAttribute perFrame = new SequenceAttribute(TagFromName.PerFrameFunctionalGroupsSequence);
			short[] all = new short[s.width() * s.height() * s.slices()];
			for (int z = 0; z < s.slices(); z++) {
				AttributeList f = new AttributeList();
				f.put(seq(TagFromName.PlanePositionSequence, item(TagFromName.ImagePositionPatient, ds(s.position(z)))));
				perFrame.addItem(f);
				System.arraycopy(plane(s, z), 0, all, z * s.width() * s.height(), s.width() * s.height());
			}
			a.put(perFrame);
			OtherWordAttribute px = new OtherWordAttribute(TagFromName.PixelData);
			px.setValues(all);
			a.put(px);
		}
		catch (DicomException e) {
			throw new IOException(e);
		}
		return write(a, file);
	}

	/** DICOM objects that are not images, as they accompany image series in a study folder. */
	public enum NonImage {
		SEG(SOPClass.SegmentationStorage, "SEG"), RTSTRUCT(SOPClass.RTStructureSetStorage, "RTSTRUCT"),
		SR(SOPClass.ComprehensiveSRStorage, "SR"), PDF(SOPClass.EncapsulatedPDFStorage, "DOC"),
		PRESENTATION_STATE(SOPClass.GrayscaleSoftcopyPresentationStateStorage, "PR");

		public final String sopClass, modality;

		NonImage(String sopClass, String modality) {
			this.sopClass = sopClass;
			this.modality = modality;
		}
	}

	/**
	 * Writes a non-image object of the series' study (a SEG with a small binary frame, an RTSTRUCT,
	 * an SR, an encapsulated PDF, a presentation state) with the main attributes its kind has.
	 *
	 * @param part10 with preamble and meta header (explicit VR); else a bare implicit VR data set, as
	 *     old systems wrote it
	 */
	public static Path writeNonImage(Spec s, NonImage kind, Path file, boolean part10) throws IOException {
		AttributeList a = new AttributeList();
		put(a, TagFromName.SOPClassUID, kind.sopClass);
		put(a, TagFromName.SOPInstanceUID, s.seriesUid() + ".900." + kind.ordinal());
		put(a, TagFromName.StudyInstanceUID, s.studyUid());
		put(a, TagFromName.SeriesInstanceUID, s.seriesUid() + ".900");
		put(a, TagFromName.Modality, kind.modality);
		put(a, TagFromName.PatientName, s.patientName());
		put(a, TagFromName.PatientID, s.patientId());
		put(a, TagFromName.StudyDate, "20260115");
		put(a, TagFromName.SeriesNumber, "900");
		put(a, TagFromName.InstanceNumber, "1");
		try {
			switch (kind) {
				case SEG -> {
					put(a, TagFromName.FrameOfReferenceUID, s.frameOfReferenceUid());
					put(a, TagFromName.SegmentationType, "BINARY");
					put(a, TagFromName.SamplesPerPixel, "1");
					put(a, TagFromName.PhotometricInterpretation, "MONOCHROME2");
					put(a, TagFromName.Rows, String.valueOf(s.height()));
					put(a, TagFromName.Columns, String.valueOf(s.width()));
					put(a, TagFromName.BitsAllocated, "1");
					put(a, TagFromName.BitsStored, "1");
					put(a, TagFromName.HighBit, "0");
					put(a, TagFromName.PixelRepresentation, "0");
					put(a, TagFromName.NumberOfFrames, "1");
					byte[] bits = new byte[((s.width() * s.height() + 7) / 8 + 1) & ~1];
					bits[0] = (byte) 0xF0;
					com.pixelmed.dicom.OtherByteAttribute px = new com.pixelmed.dicom.OtherByteAttribute(TagFromName.PixelData);
					px.setValues(bits);
					a.put(px);
				}
				case RTSTRUCT -> {
					put(a, TagFromName.StructureSetLabel, "organs");
					put(a, TagFromName.StructureSetDate, "20260115");
				}
				case SR -> {
					put(a, TagFromName.ValueType, "CONTAINER");
					put(a, TagFromName.CompletionFlag, "COMPLETE");
					put(a, TagFromName.VerificationFlag, "UNVERIFIED");
				}
				case PDF -> {
					put(a, TagFromName.MIMETypeOfEncapsulatedDocument, "application/pdf");
					put(a, TagFromName.DocumentTitle, "report");
					com.pixelmed.dicom.OtherByteAttribute doc = new com.pixelmed.dicom.OtherByteAttribute(TagFromName.EncapsulatedDocument);
					doc.setValues("%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
					a.put(doc);
				}
				case PRESENTATION_STATE -> {
					put(a, TagFromName.ContentLabel, "WINDOW");
					put(a, TagFromName.PresentationCreationDate, "20260115");
				}
			}
			if (part10) return write(a, file);
			Files.createDirectories(file.toAbsolutePath().getParent());
			try (java.io.OutputStream out = Files.newOutputStream(file)) {
				a.write(out, TransferSyntax.ImplicitVRLittleEndian, false, true);
			}
			return file;
		}
		catch (DicomException e) {
			throw new IOException(e);
		}
	}

	/** A DICOMDIR (PixelMed's directory of the given files, which must lie in {@code folder}) as {@code folder/DICOMDIR}. */
	public static Path writeDicomdir(Path folder, List<Path> files) throws IOException {
		String[] names = files.stream().map(f -> folder.relativize(f).toString()).toArray(String[]::new);
		try {
			com.pixelmed.dicom.DicomDirectory dir = new com.pixelmed.dicom.DicomDirectory(folder.toFile(), names);
			Path out = folder.resolve("DICOMDIR");
			dir.write(out.toString());
			return out;
		}
		catch (DicomException e) {
			throw new IOException(e);
		}
	}

	/** Stored values of slice z. */
	public static short[] plane(Spec s, int z) {
		short[] p = new short[s.width() * s.height()];
		for (int i = 0; i < p.length; i++) p[i] = (short) s.voxel().applyAsInt(i, z);
		return p;
	}

	private static String sopClass(Spec s) {
		return switch (s.modality()) {
			case "MR" -> SOPClass.MRImageStorage;
			case "PT" -> SOPClass.PETImageStorage;
			default -> SOPClass.CTImageStorage;
		};
	}

	private static AttributeList common(Spec s, String sopClass) throws IOException {
		AttributeList a = new AttributeList();
		put(a, TagFromName.SOPClassUID, sopClass);
		put(a, TagFromName.StudyInstanceUID, s.studyUid());
		put(a, TagFromName.SeriesInstanceUID, s.seriesUid());
		put(a, TagFromName.FrameOfReferenceUID, s.frameOfReferenceUid());
		put(a, TagFromName.Modality, s.modality());
		put(a, TagFromName.PatientName, s.patientName());
		put(a, TagFromName.PatientID, s.patientId());
		put(a, TagFromName.PatientBirthDate, "19700101");
		put(a, TagFromName.PatientSex, "F");
		put(a, TagFromName.StudyDate, "20260115");
		put(a, TagFromName.StudyTime, "101500");
		put(a, TagFromName.AccessionNumber, "ACC1");
		put(a, TagFromName.StudyID, "1");
		put(a, TagFromName.SeriesNumber, "3");
		put(a, TagFromName.ReferringPhysicianName, "");
		put(a, TagFromName.Manufacturer, "SegLoop tests");
		put(a, TagFromName.ImageType, "ORIGINAL\\PRIMARY\\AXIAL");
		put(a, TagFromName.ImageOrientationPatient, orientation(s));
		put(a, TagFromName.PixelSpacing, num(s.pixelSpacing()) + "\\" + num(s.pixelSpacing()));
		put(a, TagFromName.SliceThickness, num(s.sliceSpacing()));
		put(a, TagFromName.PositionReferenceIndicator, "");
		put(a, TagFromName.SamplesPerPixel, "1");
		put(a, TagFromName.PhotometricInterpretation, "MONOCHROME2");
		put(a, TagFromName.Rows, String.valueOf(s.height()));
		put(a, TagFromName.Columns, String.valueOf(s.width()));
		put(a, TagFromName.BitsAllocated, "16");
		put(a, TagFromName.BitsStored, "16");
		put(a, TagFromName.HighBit, "15");
		put(a, TagFromName.PixelRepresentation, s.signed() ? "1" : "0");
		put(a, TagFromName.WindowCenter, "40");
		put(a, TagFromName.WindowWidth, "400");
		if (s.modality().equals("CT")) {
			put(a, new AttributeTag(0x0018, 0x0060), "120"); // KVP
			put(a, TagFromName.AcquisitionNumber, "1");
		}
		return a;
	}

	private static Path write(AttributeList a, Path file) throws IOException {
		try {
			FileMetaInformation.addFileMetaInformation(a, TransferSyntax.ExplicitVRLittleEndian, "SEGLOOPTEST");
			Files.createDirectories(file.toAbsolutePath().getParent());
			a.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
			return file;
		}
		catch (DicomException e) {
			throw new IOException(e);
		}
	}

	static void put(AttributeList a, AttributeTag tag, String value) throws IOException {
		try {
			Attribute at = a.putNewAttribute(tag);
			if (!value.isEmpty()) at.addValue(value);
		}
		catch (DicomException e) {
			throw new IOException(e);
		}
	}

	private static AttributeList item(Object... tagsAndValues) throws IOException {
		AttributeList l = new AttributeList();
		for (int i = 0; i < tagsAndValues.length; i += 2) put(l, (AttributeTag) tagsAndValues[i], (String) tagsAndValues[i + 1]);
		return l;
	}

	private static SequenceAttribute seq(AttributeTag tag, AttributeList item) {
		SequenceAttribute s = new SequenceAttribute(tag);
		s.addItem(item);
		return s;
	}

	private static String orientation(Spec s) {
		double[] r = s.rowDirection(), c = s.columnDirection();
		return ds(new double[] { r[0], r[1], r[2], c[0], c[1], c[2] });
	}

	static String ds(double[] v) {
		StringBuilder b = new StringBuilder();
		for (double d : v) b.append(b.length() == 0 ? "" : "\\").append(num(d));
		return b.toString();
	}

	/** A decimal string of at most 16 characters (the DS limit). */
	static String num(double v) {
		String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
		return s.equals("-0") ? "0" : s;
	}
}
