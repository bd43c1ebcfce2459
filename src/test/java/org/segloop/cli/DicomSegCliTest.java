package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.dicom.DicomSeries;
import org.segloop.testutil.DicomSegProjects;
import org.segloop.testutil.Fixtures;

/** {@code export --format dicom-seg} and {@code import --labels SEG --as proposal} from the command line. */
class DicomSegCliTest {

	@TempDir
	Path dir;

	@Test
	void segmentationsAreExportedAndImportedAsAProposalOfTheSameSeriesOnly() throws IOException {
		DicomSegProjects.Corrected c = DicomSegProjects.make(dir.resolve("first"));
		Path project = c.project().folder();
		c.project().close();
		Path out = dir.resolve("segs");
		CliTest.Run export = CliTest.cli("export", project, "--format", "dicom-seg", "--out", out, "--quiet");
		assertEquals(0, export.code(), export.err());
		assertTrue(export.out().contains("note: left out nuclei_01: it is not a DICOM series"), export.out());

		Path oblique = null, axial = null;
		for (Path manifest : c.masks().keySet()) {
			String uid = DicomSeries.load(manifest).seriesUid();
			Path seg = out.resolve("segmentations").resolve(manifest.getFileName().toString().replace(DicomSeries.SUFFIX, ".dcm"));
			if (uid.equals(DicomSegProjects.oblique().seriesUid())) oblique = seg;
			if (uid.equals(DicomSegProjects.axial().seriesUid())) axial = seg;
		}
		Path second = dir.resolve("second");
		assertEquals(0, CliTest.cli("init", second, "--images", dir.resolve("first/in/oblique"), "--model", Fixtures.BUNDLED_MODEL).code());
		CliTest.Run imported = CliTest.cli("import", second, "1", "--labels", oblique, "--as", "proposal");
		assertEquals(0, imported.code(), imported.err());
		assertTrue(imported.out().contains("as the proposal of image 1"), imported.out());
		CliTest.Run foreign = CliTest.cli("import", second, "1", "--labels", axial, "--as", "proposal");
		assertEquals(1, foreign.code());
		assertTrue(foreign.err().contains("another series"), foreign.err());
		CliTest.Run noToken = CliTest.cli("import", second, "1", "--labels", oblique, "--as", "correction");
		assertEquals(2, noToken.code());
		assertTrue(noToken.err().contains("--token"), noToken.err());
	}
}
