package org.segloop.core.dicom.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.ValueRepresentation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.SegLoopException;
import org.segloop.core.UserSetting;
import org.segloop.core.dicom.DicomFiles;
import org.segloop.testutil.DicomSeriesMaker;

/** What de-identified copies hold: consistent pseudonymous UIDs, shifted dates, the options' effects, the method codes; burned-in text refused. */
class DeidentificationTest {

	@TempDir
	Path dir;

	/** A CT series as a scanner would write it, with identifying attributes, free text, dates and a private block. */
	private Path clinical(String folder, String patientId, String study, String series, int slices, String modality) throws IOException {
		DicomSeriesMaker.Spec spec = DicomSeriesMaker.ct("1.2.826.0.1.3680043.8.498." + study, "1.2.826.0.1.3680043.8.498." + study + "." + series,
			16, 16, slices).withPatient("Doe^Jane", patientId);
		List<Path> files = DicomSeriesMaker.writeSeries(spec, dir.resolve(folder), z -> "slice" + z + ".dcm");
		for (Path f : files) {
			try {
				AttributeList a = DicomFiles.full(f);
				put(a, TagFromName.Modality, ValueRepresentation.CS, modality);
				put(a, TagFromName.InstitutionName, ValueRepresentation.LO, "Saint Elsewhere Hospital");
				put(a, TagFromName.ReferringPhysicianName, ValueRepresentation.PN, "Smith^John");
				put(a, TagFromName.OperatorsName, ValueRepresentation.PN, "Jones^Ann");
				put(a, TagFromName.StudyDescription, ValueRepresentation.LO, "CT chest for Doe");
				put(a, TagFromName.SeriesDescription, ValueRepresentation.LO, "Axial 2.5mm Jane Elsewhere");
				put(a, TagFromName.ProtocolName, ValueRepresentation.LO, "Chest routine");
				put(a, TagFromName.StationName, ValueRepresentation.SH, "CTSTATION7");
				put(a, TagFromName.DeviceSerialNumber, ValueRepresentation.LO, "SN-4711");
				put(a, TagFromName.PatientAge, ValueRepresentation.AS, "054Y");
				put(a, TagFromName.PatientWeight, ValueRepresentation.DS, "71.5");
				put(a, TagFromName.SeriesDate, ValueRepresentation.DA, "20260115");
				put(a, TagFromName.SeriesTime, ValueRepresentation.TM, "101700");
				put(a, TagFromName.ContentDate, ValueRepresentation.DA, "20260116");
				put(a, TagFromName.ContentTime, ValueRepresentation.TM, "101800");
				put(a, TagFromName.AcquisitionDate, ValueRepresentation.DA, "20260115");
				put(a, TagFromName.BurnedInAnnotation, ValueRepresentation.CS, "NO");
				put(a, TagFromName.PatientPosition, ValueRepresentation.CS, "HFS");
				a.put(com.pixelmed.dicom.AttributeFactory.newAttribute(TagFromName.Laterality, ValueRepresentation.CS));
				put(a, new AttributeTag(0x0029, 0x0010), ValueRepresentation.LO, "ACME PRIVATE");
				put(a, new AttributeTag(0x0029, 0x1001), ValueRepresentation.LO, "Doe Jane 19700101");
				SequenceAttribute ref = new SequenceAttribute(TagFromName.ReferencedImageSequence);
				AttributeList item = new AttributeList();
				put(item, TagFromName.ReferencedSOPClassUID, ValueRepresentation.UI, SOPClass.CTImageStorage);
				put(item, TagFromName.ReferencedSOPInstanceUID, ValueRepresentation.UI, spec.seriesUid() + ".1"); // the first slice
				ref.addItem(item);
				a.put(ref);
				if (modality.equals("US")) a.remove(TagFromName.BurnedInAnnotation);
				a.remove(TagFromName.MediaStorageSOPInstanceUID);
				FileMetaInformation.addFileMetaInformation(a, TransferSyntax.ExplicitVRLittleEndian, "SEGLOOPTEST");
				a.write(f.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
			}
			catch (DicomException e) {
				throw new IOException(e);
			}
		}
		return dir.resolve(folder);
	}

	private static void put(AttributeList a, AttributeTag tag, byte[] vr, String value) throws DicomException {
		a.put(CanaryDicom.text(tag, vr, value));
	}

	private static String get(AttributeList a, AttributeTag tag) {
		return Attribute.getSingleStringValueOrEmptyString(a, tag).trim();
	}

	private static List<AttributeList> read(List<Path> copies) {
		return copies.stream().map(DicomFiles::full).toList();
	}

	@Test
	void twoSeriesOfOneStudyShareTheStudyUidAndThePatientsDateShiftAcrossRunsWithOneKey() throws IOException {
		Path key = dir.resolve("site.key");
		DeidOptions dates = new DeidOptions(true, false, false);
		var first = new DeidentifyFiles(DeidKey.loadOrCreate(key), dates, false).run(List.of(clinical("a", "PID-7", "1", "1", 2, "CT")), dir.resolve("out"));
		var second = new DeidentifyFiles(DeidKey.loadOrCreate(key), dates, false).run(List.of(clinical("b", "PID-7", "1", "2", 2, "CT")), dir.resolve("out"));
		var other = new DeidentifyFiles(DeidKey.loadOrCreate(key), dates, false).run(List.of(clinical("c", "PID-8", "2", "1", 2, "CT")), dir.resolve("out"));
		List<AttributeList> a = read(first.copies()), b = read(second.copies()), c = read(other.copies());

		String study = get(a.get(0), TagFromName.StudyInstanceUID);
		assertTrue(study.matches("2\\.25\\.[1-9][0-9]{0,38}"), study);
		assertEquals(study, get(b.get(0), TagFromName.StudyInstanceUID), "a later series joins its study");
		assertNotEquals(get(a.get(0), TagFromName.SeriesInstanceUID), get(b.get(0), TagFromName.SeriesInstanceUID));
		assertEquals(first.copies().get(0).getParent().getParent(), second.copies().get(0).getParent().getParent(), "one study folder");
		assertEquals(get(a.get(0), TagFromName.FrameOfReferenceUID), get(a.get(1), TagFromName.FrameOfReferenceUID));
		assertEquals(get(a.get(0), TagFromName.PatientID), get(b.get(0), TagFromName.PatientID), "one pseudonym per patient");
		assertTrue(get(a.get(0), TagFromName.PatientID).startsWith("ANON-"));
		assertEquals(get(a.get(0), TagFromName.PatientID), get(a.get(0), TagFromName.PatientName));
		assertNotEquals(get(a.get(0), TagFromName.PatientID), get(c.get(0), TagFromName.PatientID));

		// the nested reference points at the copy of the first slice
		Set<String> sops = new TreeSet<>();
		for (AttributeList l : a) sops.add(get(l, TagFromName.SOPInstanceUID));
		for (AttributeList l : a) {
			AttributeList ref = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(l, TagFromName.ReferencedImageSequence);
			assertTrue(sops.contains(get(ref, TagFromName.ReferencedSOPInstanceUID)), "reference remapped consistently");
			assertEquals(SOPClass.CTImageStorage, get(ref, TagFromName.ReferencedSOPClassUID), "class UIDs stay");
		}

		// dates moved back by whole days, the same for every object of a patient; times kept
		long shift = ChronoUnit.DAYS.between(day(get(a.get(0), TagFromName.StudyDate)), LocalDate.of(2026, 1, 15));
		assertTrue(shift >= 365 && shift < 4015, "shift " + shift);
		for (AttributeList l : List.of(a.get(0), a.get(1), b.get(0))) {
			assertEquals(shift, ChronoUnit.DAYS.between(day(get(l, TagFromName.StudyDate)), LocalDate.of(2026, 1, 15)));
			assertEquals(shift, ChronoUnit.DAYS.between(day(get(l, TagFromName.ContentDate)), LocalDate.of(2026, 1, 16)));
			assertEquals("101700", get(l, TagFromName.SeriesTime));
		}
		assertEquals("", get(a.get(0), TagFromName.PatientBirthDate), "birth date emptied");
		assertEquals("MODIFIED", get(a.get(0), TagFromName.LongitudinalTemporalInformationModified));
		assertNotEquals(ChronoUnit.DAYS.between(day(get(c.get(0), TagFromName.StudyDate)), LocalDate.of(2026, 1, 15)), shift,
			"another patient, another shift (1 in 3650 to collide)");
	}

	private static LocalDate day(String da) {
		return LocalDate.parse(da, DateTimeFormatter.BASIC_ISO_DATE);
	}

	@Test
	void theBasicProfileRemovesWhatTheOptionsKeepAndRecordsTheMethod() throws IOException, DicomException {
		Path in = clinical("in", "PID-7", "1", "1", 1, "CT");
		AttributeList basic = read(new DeidentifyFiles(DeidKey.random(), DeidOptions.basic(), false).run(List.of(in), dir.resolve("basic")).copies()).get(0);
		AttributeList all = read(new DeidentifyFiles(DeidKey.random(), new DeidOptions(true, true, true), false).run(List.of(in), dir.resolve("all")).copies()).get(0);

		assertEquals("YES", get(basic, TagFromName.PatientIdentityRemoved));
		assertEquals(List.of("113100"), codes(basic));
		assertEquals(List.of("113100", "113105", "113106", "113108"), codes(all));
		assertEquals("REMOVED", get(basic, TagFromName.LongitudinalTemporalInformationModified));

		assertEquals("", get(basic, TagFromName.StudyDate));
		assertNull(basic.get(TagFromName.SeriesDescription));
		assertNull(basic.get(TagFromName.StudyDescription));
		assertNull(basic.get(TagFromName.PatientAge));
		assertNull(basic.get(TagFromName.PatientWeight));
		assertEquals("", get(basic, TagFromName.PatientSex));
		assertEquals("", get(basic, TagFromName.InstitutionName));
		assertEquals("", get(basic, TagFromName.ReferringPhysicianName));
		assertNull(basic.get(new AttributeTag(0x0029, 0x1001)), "private attributes removed");
		assertNull(basic.get(new AttributeTag(0x0029, 0x0010)));

		assertEquals("054Y", get(all, TagFromName.PatientAge), "patient characteristics retained");
		assertEquals("F", get(all, TagFromName.PatientSex));
		assertEquals("71.5", get(all, TagFromName.PatientWeight));
		assertEquals("Axial 2.5mm * *", get(all, TagFromName.SeriesDescription), "descriptors cleaned of the object's identifying words");
		assertEquals("CT chest for *", get(all, TagFromName.StudyDescription));
		assertEquals("Chest routine", get(all, TagFromName.ProtocolName));
		assertFalse(get(all, TagFromName.StudyDate).isEmpty(), "dates shifted, not removed");
		assertEquals("", get(all, TagFromName.InstitutionName), "institution still removed");
	}

	private static List<String> codes(AttributeList a) {
		List<String> codes = new ArrayList<>();
		SequenceAttribute s = (SequenceAttribute) a.get(TagFromName.DeidentificationMethodCodeSequence);
		for (AttributeList item : Deidentifier.items(s)) {
			codes.add(get(item, TagFromName.CodeValue));
			assertEquals("DCM", get(item, TagFromName.CodingSchemeDesignator));
		}
		return codes;
	}

	@Test
	void imagesThatMayShowBurnedInTextAreRefusedUnlessAccepted() throws IOException, DicomException {
		Path ct = clinical("ct", "PID-7", "1", "1", 1, "CT");
		Path us = clinical("us", "PID-7", "1", "2", 1, "US");
		Path out = dir.resolve("out");
		SegLoopException e = assertThrows(SegLoopException.class,
			() -> new DeidentifyFiles(DeidKey.random(), DeidOptions.basic(), false).run(List.of(ct, us), out));
		assertTrue(e.problem().contains("burned-in text") && e.problem().contains("US"), e.getMessage());
		assertEquals(List.of(UserSetting.ACCEPT_BURNED_IN_TEXT), e.remedies());
		assertFalse(Files.exists(out), "all or nothing: no copy written");

		var accepted = new DeidentifyFiles(DeidKey.random(), DeidOptions.basic(), true).run(List.of(ct, us), out);
		assertEquals(2, accepted.copies().size());
		assertEquals(1, accepted.burnedInAccepted());

		AttributeList yes = new AttributeList();
		put(yes, TagFromName.Modality, ValueRepresentation.CS, "CT");
		put(yes, TagFromName.BurnedInAnnotation, ValueRepresentation.CS, "YES");
		assertTrue(BurnedInText.reason(yes).contains("YES"));
		put(yes, TagFromName.BurnedInAnnotation, ValueRepresentation.CS, "NO");
		assertNull(BurnedInText.reason(yes));
		yes.remove(TagFromName.BurnedInAnnotation);
		assertNull(BurnedInText.reason(yes), "a CT without the attribute is not flagged");
		put(yes, TagFromName.SOPClassUID, ValueRepresentation.UI, SOPClass.SecondaryCaptureImageStorage);
		assertTrue(BurnedInText.reason(yes).contains("capture"));
	}

	@Test
	void copiesPassDciodvfyWithoutErrorsUnderEveryOptionCombination() throws IOException, InterruptedException {
		Path in = clinical("in", "PID-7", "1", "1", 2, "CT");
		assertEquals(List.of(), errors(in.resolve("slice0.dcm")), "the generated input is valid");
		for (int bits = 0; bits < 8; bits++) {
			DeidOptions o = new DeidOptions((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0);
			var copies = new DeidentifyFiles(DeidKey.random(), o, false).run(List.of(in), dir.resolve("out" + bits)).copies();
			for (Path c : copies) assertEquals(List.of(), errors(c), o.id());
			if (Boolean.getBoolean("deid.debug")) System.out.println(o.id() + ": " + dciodvfy(copies.get(0)));
		}
	}

	/** dciodvfy's error lines for a file (warnings are allowed). */
	static List<String> errors(Path file) throws IOException, InterruptedException {
		return dciodvfy(file).lines().filter(l -> l.startsWith("Error")).toList();
	}

	private static String dciodvfy(Path file) throws IOException, InterruptedException {
		Process p = new ProcessBuilder("dciodvfy", file.toString()).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		p.waitFor();
		return out;
	}

	@Test
	void aCompressedInputIsWrittenUncompressedWithItsPixels() throws IOException, InterruptedException, DicomException {
		Path in = clinical("in", "PID-7", "1", "1", 1, "CT").resolve("slice0.dcm");
		Path jpeg = dir.resolve("jpeg/slice0.dcm");
		Files.createDirectories(jpeg.getParent());
		Process p = new ProcessBuilder("dcmcjpeg", "+e1", in.toString(), jpeg.toString()).redirectErrorStream(true).start(); // JPEG lossless
		String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(0, p.waitFor(), log);
		assertEquals("1.2.840.10008.1.2.4.70", get(DicomFiles.header(jpeg), TagFromName.TransferSyntaxUID));
		Path copy = new DeidentifyFiles(DeidKey.random(), DeidOptions.basic(), false).run(List.of(jpeg), dir.resolve("out")).copies().get(0);
		AttributeList a = DicomFiles.full(copy), original = DicomFiles.full(in);
		assertEquals(TransferSyntax.ExplicitVRLittleEndian, get(a, TagFromName.TransferSyntaxUID));
		assertTrue(java.util.Arrays.equals(original.getPixelData().getShortValues(), a.getPixelData().getShortValues()), "same pixels");
		assertEquals(List.of(), errors(copy));
	}

	@Test
	void aKeyFileIsCreatedOnceAndReadBack() {
		Path key = dir.resolve("k/site.key");
		DeidKey a = DeidKey.loadOrCreate(key);
		assertEquals(a.uid("1.2.3"), DeidKey.loadOrCreate(key).uid("1.2.3"));
		assertNotEquals(a.uid("1.2.3"), DeidKey.random().uid("1.2.3"));
		assertTrue(a.uid("1.2.3").length() <= 64);
		assertThrows(SegLoopException.class, () -> DeidKey.load(dir.resolve("missing.key")));
	}
}
