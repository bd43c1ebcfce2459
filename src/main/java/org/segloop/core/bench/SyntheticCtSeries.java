package org.segloop.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

import org.segloop.core.image.Calibration;
import org.segloop.core.image.TiffWriter;

/**
 * A generated axial CT volume for the loading benchmark, written twice: as a series of
 * single-frame DICOM files (built with PixelMed, explicit VR little endian, HU = stored - 1024)
 * and as one 16-bit TIFF stack with the same values and calibration. Blocking; writes
 * {@code width × height × slices × 2} bytes per copy.
 */
final class SyntheticCtSeries {

	static final String STUDY = "1.2.826.0.1.3680043.9.7.999", SERIES = STUDY + ".1";

	private SyntheticCtSeries() {}

	/** Stored value of voxel {@code i} of slice {@code z}: a body-like disk of soft tissue in air, varying along z. */
	static short stored(int width, int height, int i, int z) {
		int x = i % width - width / 2, y = i / width - height / 2;
		boolean body = x * x + y * y < (width * width) / 6;
		return (short) (body ? 1024 + 40 + ((x * 7 + y * 3 + z * 11) & 63) : 24 + (i & 7));
	}

	static void writeDicom(Path folder, int width, int height, int slices) throws IOException {
		Files.createDirectories(folder);
		short[] plane = new short[width * height];
		for (int z = 0; z < slices; z++) {
			for (int i = 0; i < plane.length; i++) plane[i] = stored(width, height, i, z);
			AttributeList a = slice(STUDY, SERIES, z, width, height, plane);
			put(a, TagFromName.PatientName, "Bench^Phantom");
			put(a, TagFromName.PatientID, "BENCH");
			write(a, folder.resolve(String.format("IM%05d", (z * 7919) % 100000)));
		}
	}

	/**
	 * Slice {@code z} of an axial CT series (0.703125 mm pixels, 1.25 mm slices, HU = stored - 1024),
	 * without patient attributes: the caller adds what it needs.
	 */
	static AttributeList slice(String study, String series, int z, int width, int height, short[] pixels) throws IOException {
		return slice(study, series, z, width, height, pixels, 0.703125, 1.25);
	}

	/** As {@link #slice(String, String, int, int, int, short[])} with the given pixel and slice spacing in mm. */
	static AttributeList slice(String study, String series, int z, int width, int height, short[] pixels, double pixelSpacing, double sliceSpacing)
		throws IOException
	{
		AttributeList a = new AttributeList();
		put(a, TagFromName.SOPClassUID, SOPClass.CTImageStorage);
		put(a, TagFromName.SOPInstanceUID, series + "." + (z + 1));
		put(a, TagFromName.StudyInstanceUID, study);
		put(a, TagFromName.SeriesInstanceUID, series);
		put(a, TagFromName.FrameOfReferenceUID, study + ".9");
		put(a, TagFromName.Modality, "CT");
		put(a, TagFromName.InstanceNumber, String.valueOf(z + 1));
		put(a, TagFromName.ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
		double corner = -pixelSpacing * width / 2;
		put(a, TagFromName.ImagePositionPatient, decimal(corner) + "\\" + decimal(-pixelSpacing * height / 2) + "\\" + decimal(z * sliceSpacing));
		put(a, TagFromName.PixelSpacing, decimal(pixelSpacing) + "\\" + decimal(pixelSpacing));
		put(a, TagFromName.SliceThickness, decimal(sliceSpacing));
		put(a, TagFromName.SamplesPerPixel, "1");
		put(a, TagFromName.PhotometricInterpretation, "MONOCHROME2");
		put(a, TagFromName.Rows, String.valueOf(height));
		put(a, TagFromName.Columns, String.valueOf(width));
		put(a, TagFromName.BitsAllocated, "16");
		put(a, TagFromName.BitsStored, "16");
		put(a, TagFromName.HighBit, "15");
		put(a, TagFromName.PixelRepresentation, "0");
		put(a, TagFromName.RescaleIntercept, "-1024");
		put(a, TagFromName.RescaleSlope, "1");
		try {
			OtherWordAttribute px = new OtherWordAttribute(TagFromName.PixelData);
			px.setValues(pixels);
			a.put(px);
		}
		catch (DicomException e) {
			throw new IOException(e);
		}
		return a;
	}

	/** A DICOM decimal string (at most 16 characters). */
	private static String decimal(double v) {
		String s = java.math.BigDecimal.valueOf(v).setScale(6, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
		return s.equals("-0") ? "0" : s;
	}

	/** Writes a data set as a Part 10 file (explicit VR little endian). */
	static void write(AttributeList a, Path file) throws IOException {
		try {
			FileMetaInformation.addFileMetaInformation(a, TransferSyntax.ExplicitVRLittleEndian, "SEGLOOPBENCH");
			Files.createDirectories(file.toAbsolutePath().getParent());
			a.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
		}
		catch (DicomException e) {
			throw new IOException(e);
		}
	}

	static void writeTiff(Path file, int width, int height, int slices) throws IOException {
		try (TiffWriter w = new TiffWriter(file, width, height, 1, slices, 1, TiffWriter.PixelType.UINT16,
			new Calibration(0.703125, 0.703125, 1.25, "mm", -1024, 1, "HU")))
		{
			for (int z = 0; z < slices; z++) {
				short[] plane = new short[width * height];
				for (int i = 0; i < plane.length; i++) plane[i] = stored(width, height, i, z);
				w.writePage(z, plane);
			}
			w.commit();
		}
	}

	/** Sets an attribute; a private tag as LO (PixelMed's dictionary does not know its VR). */
	static void put(AttributeList a, AttributeTag tag, String value) throws IOException {
		try {
			Attribute at = tag.isPrivate() ? new com.pixelmed.dicom.LongStringAttribute(tag) : a.putNewAttribute(tag);
			a.put(at);
			at.addValue(value);
		}
		catch (DicomException e) {
			throw new IOException(e);
		}
	}
}
