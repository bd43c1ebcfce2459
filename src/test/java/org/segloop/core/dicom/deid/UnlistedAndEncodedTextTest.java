package org.segloop.core.dicom.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.ValueRepresentation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.dicom.DicomFiles;
import org.segloop.testutil.DicomSeriesMaker;

/**
 * What the table does not list (dates, times, person names, unknown attributes), descriptors naming
 * the patient in short or CJK words, text in other character sets, and the copies' transfer syntax.
 */
class UnlistedAndEncodedTextTest {

	@TempDir
	Path dir;

	/** Attribute changes for one slice. */
	private interface Edit {
		void apply(AttributeList a) throws DicomException;
	}

	/** One CT slice with {@code edit} applied, written in {@code ts}. */
	private Path slice(String name, String transferSyntax, Edit edit) throws IOException {
		DicomSeriesMaker.Spec spec = DicomSeriesMaker.ct("1.2.826.0.1.3680043.8.498.31", "1.2.826.0.1.3680043.8.498.31.1", 16, 16, 1)
			.withPatient("Doe^Jane", "PID-31");
		Path f = DicomSeriesMaker.writeSeries(spec, dir.resolve(name), z -> "slice" + z + ".dcm").get(0);
		try {
			AttributeList a = DicomFiles.full(f);
			put(a, TagFromName.BurnedInAnnotation, ValueRepresentation.CS, "NO");
			put(a, TagFromName.StudyDate, ValueRepresentation.DA, "20260115");
			put(a, TagFromName.PatientPosition, ValueRepresentation.CS, "HFS");
			a.put(AttributeFactory.newAttribute(TagFromName.Laterality, ValueRepresentation.CS));
			edit.apply(a);
			a.remove(TagFromName.MediaStorageSOPInstanceUID);
			FileMetaInformation.addFileMetaInformation(a, transferSyntax, "SEGLOOPTEST");
			a.write(f.toFile(), transferSyntax, true, true);
		}
		catch (DicomException e) {
			throw new IOException(e);
		}
		return f;
	}

	private static void put(AttributeList a, AttributeTag tag, byte[] vr, String value) throws DicomException {
		a.put(CanaryDicom.text(tag, vr, value));
	}

	private static void put(AttributeList a, AttributeTag tag, byte[] vr, SpecificCharacterSet cs, String value) throws DicomException {
		Attribute t = AttributeFactory.newAttribute(tag, vr, cs);
		t.addValue(value);
		a.put(t);
	}

	private Path copy(Path in, DeidOptions options, String out) {
		List<Path> copies = new DeidentifyFiles(DeidKey.random(), options, false).run(List.of(in), dir.resolve(out)).copies();
		assertEquals(1, copies.size());
		return copies.get(0);
	}

	private static String get(AttributeList a, AttributeTag tag) {
		return Attribute.getSingleStringValueOrEmptyString(a, tag).trim();
	}

	private static String run(String... command) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		p.waitFor();
		return out;
	}

	/** The descriptions as pydicom decodes them. */
	private static String pydicom(Path file) throws IOException, InterruptedException {
		return run("/usr/bin/python3", "-c", "import sys, pydicom; d = pydicom.dcmread(sys.argv[1]); sys.stdout.buffer.write(("
			+ "'SeriesDescription=' + str(d.SeriesDescription) + '\\nConvolutionKernel=' + str(d.ConvolutionKernel)).encode('utf-8'))", file.toString());
	}

	@Test
	void unlistedDatesTimesAndNamesAreRemovedOrShiftedLikeTheListedOnesAndTheCopiesStayValid() throws Exception {
		Path in = slice("in", TransferSyntax.ExplicitVRLittleEndian, a -> {
			put(a, TagFromName.InstanceCreationDate, ValueRepresentation.DA, "20260115");
			put(a, TagFromName.InstanceCreationTime, ValueRepresentation.TM, "101500");
			put(a, TagFromName.DateOfLastCalibration, ValueRepresentation.DA, "20251231");
			put(a, TagFromName.TimeOfLastCalibration, ValueRepresentation.TM, "080000");
			put(a, new AttributeTag(0x0014, 0x2006), ValueRepresentation.PN, "Evaluator^Eve"); // Evaluator Name, unknown to PixelMed
			put(a, new AttributeTag(0x0010, 0x1099), ValueRepresentation.LO, "unknown even-group text");
			put(a, TagFromName.ConvolutionKernel, ValueRepresentation.SH, "B30f"); // not listed, not a date or name: kept
		});
		assertEquals(List.of("Error - Attribute with an even group number is not a recognized standard attribute - (0x0010,0x1099)  ? "),
			DeidentificationTest.errors(in), "the input is valid but for the unknown attribute");
		AttributeList input = DicomFiles.full(in);
		assertEquals("20251231", get(input, TagFromName.DateOfLastCalibration), "the input holds the attributes");
		assertTrue(get(input, new AttributeTag(0x0014, 0x2006)).startsWith("Evaluator"));

		Path basicCopy = copy(in, DeidOptions.basic(), "basic");
		AttributeList basic = DicomFiles.full(basicCopy);
		for (AttributeTag t : List.of(TagFromName.InstanceCreationDate, TagFromName.InstanceCreationTime, TagFromName.DateOfLastCalibration,
			TagFromName.TimeOfLastCalibration, new AttributeTag(0x0014, 0x2006), new AttributeTag(0x0010, 0x1099)))
			assertNull(basic.get(t), t + " removed");
		assertEquals("B30f", get(basic, TagFromName.ConvolutionKernel));
		assertEquals(List.of(), DeidentificationTest.errors(basicCopy));

		Path datesCopy = copy(in, new DeidOptions(true, false, false), "dates");
		AttributeList dates = DicomFiles.full(datesCopy);
		long shift = ChronoUnit.DAYS.between(day(get(dates, TagFromName.StudyDate)), LocalDate.of(2026, 1, 15));
		assertTrue(shift >= 365, "shifted by " + shift);
		assertEquals(shift, ChronoUnit.DAYS.between(day(get(dates, TagFromName.InstanceCreationDate)), LocalDate.of(2026, 1, 15)));
		assertEquals(shift, ChronoUnit.DAYS.between(day(get(dates, TagFromName.DateOfLastCalibration)), LocalDate.of(2025, 12, 31)));
		assertEquals("101500", get(dates, TagFromName.InstanceCreationTime), "times kept, as the option keeps them");
		assertNull(dates.get(new AttributeTag(0x0014, 0x2006)));
		assertEquals(List.of(), DeidentificationTest.errors(datesCopy));
	}

	private static LocalDate day(String da) {
		return LocalDate.parse(da, DateTimeFormatter.BASIC_ISO_DATE);
	}

	@Test
	void cleanDescriptorsScrubsShortAndChineseNameWordsButNotWordsContainingThem() throws Exception {
		Path in = slice("in", TransferSyntax.ExplicitVRLittleEndian, a -> {
			SpecificCharacterSet utf8 = new SpecificCharacterSet(new String[] {"ISO_IR 192"});
			put(a, TagFromName.SpecificCharacterSet, ValueRepresentation.CS, "ISO_IR 192");
			put(a, TagFromName.PatientName, ValueRepresentation.PN, utf8, "Li^Wu=王^伟");
			put(a, TagFromName.ReferringPhysicianName, ValueRepresentation.PN, utf8, "St^Jo");
			put(a, TagFromName.SeriesDescription, ValueRepresentation.LO, utf8, "CT Li Wu 王伟 head");
			put(a, new AttributeTag(0x0014, 0x2006), ValueRepresentation.PN, "Ng^Bo"); // Evaluator Name: unlisted, removed, so identifying
			put(a, TagFromName.StudyDescription, ValueRepresentation.LO, utf8, "Chest St Jo, Lily, Ng");
		});
		AttributeList c = DicomFiles.full(copy(in, new DeidOptions(false, true, false), "out"));
		assertEquals("CT * * ** head", get(c, TagFromName.SeriesDescription));
		assertEquals("Chest * *, Lily, *", get(c, TagFromName.StudyDescription), "'St' and 'Li' are words of their own only");
	}

	@Test
	void japaneseTextInIso2022IsCleanedAndWrittenInUtf8() throws Exception {
		Path in = slice("in", TransferSyntax.ExplicitVRLittleEndian, a -> {});
		// PixelMed does not encode ISO 2022 IR 87; pydicom does, as a Japanese scanner would
		String log = run("/usr/bin/python3", "-c", "import sys, pydicom; d = pydicom.dcmread(sys.argv[1]); "
			+ "d.SpecificCharacterSet = ['', 'ISO 2022 IR 87']; d.PatientName = 'Yamada^Tarou=山田^太郎=やまだ^たろう'; "
			+ "d.SeriesDescription = '山田太郎 head'; d.ConvolutionKernel = '頭部 routine'; d.save_as(sys.argv[1])", in.toString());
		assertTrue(new String(Files.readAllBytes(in), StandardCharsets.ISO_8859_1).contains("\u001b$B"), "ISO 2022 escapes in the input: " + log);
		// pydicom decodes ISO 2022 IR 87 (dcmdump's iconv cannot)
		String before = pydicom(in);
		assertTrue(before.contains("SeriesDescription=山田太郎 head") && before.contains("ConvolutionKernel=頭部 routine"), before);

		Path copy = copy(in, new DeidOptions(false, true, false), "out");
		AttributeList c = DicomFiles.full(copy);
		assertEquals("ISO_IR 192", get(c, TagFromName.SpecificCharacterSet));
		assertEquals("** head", get(c, TagFromName.SeriesDescription));
		assertEquals("頭部 routine", get(c, TagFromName.ConvolutionKernel));
		String after = run("dcmdump", "+U8", copy.toString());
		assertTrue(after.contains("[** head]") && after.contains("[頭部 routine]") && after.contains("[ISO_IR 192]"), after);
		assertTrue(!after.contains("山田") && !after.contains("太郎"), after);
		String read = pydicom(copy);
		assertTrue(read.contains("SeriesDescription=** head") && read.contains("ConvolutionKernel=頭部 routine"), read);
		assertEquals(List.of(), DeidentificationTest.errors(copy));
	}

	@Test
	void anImplicitVrInputIsCopiedInExplicitVrLittleEndian() throws Exception {
		Path in = slice("in", TransferSyntax.ImplicitVRLittleEndian, a -> {});
		assertEquals(TransferSyntax.ImplicitVRLittleEndian, get(DicomFiles.header(in), TagFromName.TransferSyntaxUID));
		Path copy = copy(in, DeidOptions.basic(), "out");
		assertEquals(TransferSyntax.ExplicitVRLittleEndian, get(DicomFiles.header(copy), TagFromName.TransferSyntaxUID));
		// the data set itself, not only the meta header: Modality (0008,0060) is followed by its VR "CS"
		String explicitModality = new String(new byte[] {0x08, 0x00, 0x60, 0x00, 'C', 'S'}, StandardCharsets.ISO_8859_1);
		assertTrue(!new String(Files.readAllBytes(in), StandardCharsets.ISO_8859_1).contains(explicitModality), "the input is implicit");
		assertTrue(new String(Files.readAllBytes(copy), StandardCharsets.ISO_8859_1).contains(explicitModality), "the copy is explicit");
		assertEquals(List.of(), DeidentificationTest.errors(copy));
	}
}
