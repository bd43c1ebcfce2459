package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.dicom.deid.CanaryDicom;
import org.segloop.testutil.Fixtures;

/**
 * The de-identification canary from the command line: inputs carry a marker in every attribute
 * Table E.1-1 removes or replaces (nested, private, in file and folder names); after {@code deidentify},
 * and after {@code init --deidentify} → predict → next → accept → export (tiff, nnunet) → add, no
 * marker byte may appear in any file or file name SegLoop wrote, nor in anything it printed.
 */
class DeidentifyCliTest {

	@TempDir
	Path dir;

	private final List<String> printed = new ArrayList<>();

	private CliTest.Run run(Object... args) {
		CliTest.Run r = CliTest.cli(args);
		printed.add(r.out());
		printed.add(r.err());
		return r;
	}

	@Test
	void deidentifyLeavesNoMarkerInTheCopiesTheirNamesOrItsOutput() throws IOException {
		Path in = CanaryDicom.write(dir.resolve("in"), "PID-1", "1", "2", 3);
		Files.writeString(in.resolve(CanaryDicom.TEXT + "_notes.txt"), "not DICOM");
		report(in.resolve(CanaryDicom.TEXT + "_report.dcm"));
		Path out = dir.resolve("out");
		CliTest.Run r = run("deidentify", in, "--out", out, "--key", dir.resolve("site.key"), "--json");
		assertEquals(0, r.code(), r.err());
		JsonObject report = JsonParser.parseString(r.out()).getAsJsonObject();
		assertEquals(3, report.get("copies").getAsInt());
		assertEquals(1, report.get("notDicom").getAsInt());
		assertEquals(1, report.get("notImages").getAsInt(), "the report is left out");
		try (Stream<Path> s = Files.walk(out)) {
			assertEquals(3, s.filter(f -> f.toString().endsWith(".dcm")).count());
		}
		assertNoMarker(out);
		assertTrue(Files.exists(in.resolve(CanaryDicom.TEXT + "_2_0.dcm")), "the inputs stay");
	}

	@Test
	void aDeidentifiedProjectHoldsNoMarkerThroughTheLoopAndItsExports() throws IOException {
		Path in = CanaryDicom.write(dir.resolve("in"), "PID-1", "1", "2", 3);
		report(in.resolve(CanaryDicom.TEXT + "_report.dcm"));
		Path project = dir.resolve("p");
		CliTest.Run init = run("init", project, "--images", in, "--model", Fixtures.BUNDLED_MODEL, "--deidentify", "--modified-dates", "--json");
		assertEquals(0, init.code(), init.err());
		assertEquals(1, JsonParser.parseString(init.out()).getAsJsonObject().get("images").getAsInt(), "one series, one image");
		assertTrue(Files.exists(project.resolve("deidentify.key")));
		assertTrue(init.err().contains("1 DICOM object(s) that are not images"), init.err());
		assertEquals(0, run("predict", project, "--quiet").code());
		JsonObject lease = JsonParser.parseString(run("next", project, "--annotator", "ana", "--json").out()).getAsJsonObject();
		String mask = lease.has("proposalInstances") ? lease.get("proposalInstances").getAsString() : lease.get("proposalClasses").getAsString();
		CliTest.Run accept = run("accept", project, lease.get("id").getAsString(), "--mask", mask, "--token", lease.get("token").getAsString());
		assertEquals(0, accept.code(), accept.err());
		assertEquals(0, run("export", project, "--format", "tiff", "--out", dir.resolve("export-tiff")).code());
		CliTest.Run nnunet = run("export", project, "--format", "nnunet", "--out", dir.resolve("export-nnunet"), "--channel-names", "CT");
		assertEquals(0, nnunet.code(), nnunet.err());
		run("status", project, "--json");
		run("queue", project, "--all", "--json");

		// a later series of the same study joins the study's folder: the project's key maps the study UID the same way
		Path later = CanaryDicom.write(dir.resolve("in2"), "PID-1", "1", "3", 2);
		CliTest.Run add = run("add", project, later, "--json");
		assertEquals(0, add.code(), add.err());
		try (Stream<Path> studies = Files.list(project.resolve("dicom"))) {
			List<Path> s = studies.toList();
			assertEquals(1, s.size(), "one study: " + s);
			try (Stream<Path> series = Files.list(s.get(0))) {
				assertEquals(2, series.count(), "two series in it");
			}
		}
		assertNoMarker(project, dir.resolve("export-tiff"), dir.resolve("export-nnunet"));
		assertFalse(CanaryDicom.leaks(CanaryDicom.markers(false), dir.resolve("in")).isEmpty(), "the scan finds markers where they are");
		if (Boolean.getBoolean("deid.debug")) printed.forEach(System.out::println);
	}

	@Test
	void initRefusesImagesThatMayShowBurnedInTextAndLeavesNoProject() throws IOException {
		Path in = CanaryDicom.write(dir.resolve("in"), "PID-1", "1", "2", 2);
		for (Path f : Files.list(in).toList()) setModality(f, "US");
		CliTest.Run r = run("init", dir.resolve("p"), "--images", in, "--model", Fixtures.BUNDLED_MODEL, "--deidentify");
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().contains("burned-in text") && r.err().contains("--accept-burned-in-text"), r.err());
		assertFalse(Files.exists(dir.resolve("p")), "nothing left behind");
		CliTest.Run accepted = run("deidentify", in, "--out", dir.resolve("out"), "--accept-burned-in-text");
		assertEquals(0, accepted.code(), accepted.err());
		assertTrue(accepted.err().contains("burned-in text (accepted)"), accepted.err());
	}

	/** A text report (Basic Text SR) whose content item holds the marker: free text Table E.1-1 does not list. */
	private static void report(Path f) throws IOException {
		try {
			com.pixelmed.dicom.AttributeList a = new com.pixelmed.dicom.AttributeList();
			a.putNewAttribute(com.pixelmed.dicom.TagFromName.SOPClassUID).setValue(com.pixelmed.dicom.SOPClass.BasicTextSRStorage);
			a.putNewAttribute(com.pixelmed.dicom.TagFromName.SOPInstanceUID).setValue("1.2.826.0.1.3680043.99887766554433.77");
			a.putNewAttribute(com.pixelmed.dicom.TagFromName.StudyInstanceUID).setValue("1.2.826.0.1.3680043.99887766554433.1");
			a.putNewAttribute(com.pixelmed.dicom.TagFromName.SeriesInstanceUID).setValue("1.2.826.0.1.3680043.99887766554433.78");
			a.putNewAttribute(com.pixelmed.dicom.TagFromName.Modality).setValue("SR");
			com.pixelmed.dicom.SequenceAttribute content = new com.pixelmed.dicom.SequenceAttribute(com.pixelmed.dicom.TagFromName.ContentSequence);
			com.pixelmed.dicom.AttributeList item = new com.pixelmed.dicom.AttributeList();
			item.putNewAttribute(com.pixelmed.dicom.TagFromName.ValueType).setValue("TEXT");
			item.putNewAttribute(com.pixelmed.dicom.TagFromName.TextValue).setValue("Patient " + CanaryDicom.TEXT + " seen today");
			content.addItem(item);
			a.put(content);
			com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(a, com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, "TEST");
			a.write(f.toFile(), com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, true, true);
		}
		catch (com.pixelmed.dicom.DicomException e) {
			throw new IOException(e);
		}
	}

	private static void setModality(Path f, String modality) throws IOException {
		try {
			com.pixelmed.dicom.AttributeList a = new com.pixelmed.dicom.AttributeList();
			a.read(f.toFile());
			a.remove(com.pixelmed.dicom.TagFromName.BurnedInAnnotation);
			a.putNewAttribute(com.pixelmed.dicom.TagFromName.Modality).setValue(modality);
			a.write(f.toFile(), com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, true, true);
		}
		catch (com.pixelmed.dicom.DicomException e) {
			throw new IOException(e);
		}
	}

	@Test
	void optionsWithoutDeidentifyAreWrongUsage() {
		CliTest.Run r = run("init", dir.resolve("p"), "--images", dir, "--model", Fixtures.BUNDLED_MODEL, "--modified-dates");
		assertEquals(2, r.code(), r.err());
		assertTrue(r.err().contains("--deidentify"), r.err());
		assertFalse(Files.exists(dir.resolve("p")));
	}

	private void assertNoMarker(Path... folders) throws IOException {
		List<String> markers = CanaryDicom.markers(false);
		List<String> leaks = new ArrayList<>(CanaryDicom.leaks(markers, folders));
		for (String text : printed) leaks.addAll(CanaryDicom.leaks(markers, text));
		assertEquals(List.of(), leaks);
		assertTrue(printed.stream().mapToInt(String::length).sum() > 0);
	}
}
