package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.image.ImageSources;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.nifti.NiftiFiles;
import org.segloop.core.nifti.NiftiReader;
import org.segloop.testutil.DicomProjects;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.Fixtures;

/** From the command line: a DICOM series corrected with a NIfTI mask and exported as NIfTI; a wrong --window is wrong usage. */
class NiftiCliTest {

	@TempDir
	Path dir;

	@Test
	void aDicomSeriesIsCorrectedWithANiftiMaskAndExportedAsNifti() throws Exception {
		DicomSeriesMaker.writeSeries(DicomProjects.oblique("1.2.826.0.1.3680043.9.7.50", "1.2.826.0.1.3680043.9.7.50.1", 24, 20, 3), dir.resolve("in"),
			z -> "s" + z);
		Path project = dir.resolve("p");
		CliTest.Run init = CliTest.cli("init", project, "--images", dir.resolve("in"), "--model", Fixtures.BUNDLED_MODEL);
		assertEquals(0, init.code(), init.err());
		assertEquals(0, CliTest.cli("predict", project, "--quiet").code());
		JsonObject lease = JsonParser.parseString(CliTest.cli("next", project, "--annotator", "ana", "--json").out()).getAsJsonObject();
		Path manifest;
		try (Stream<Path> s = Files.list(project.resolve("series"))) {
			manifest = s.filter(DicomSeries::isManifest).findFirst().orElseThrow();
		}
		int[][] planes = new int[3][24 * 20];
		for (int z = 0; z < 3; z++) for (int i = 30; i < 90; i++) planes[z][i] = 1;
		Path mask = dir.resolve("labels.nii.gz");
		NiftiFiles.writeLabels(new LabelVolume(24, 20, 3, 1, planes, new double[] { 0.7, 0.7, 2.5 }), manifest,
			ImageSources.read(manifest).calibration(), mask);
		CliTest.Run ok = CliTest.cli("accept", project, lease.get("id").getAsString(), "--mask", mask, "--token", lease.get("token").getAsString(), "--kind",
			"semantic");
		assertEquals(0, ok.code(), ok.err());

		CliTest.Run export = CliTest.cli("export", project, "--format", "nifti", "--out", dir.resolve("ds"), "--split", "1,0,0");
		assertEquals(0, export.code(), export.err());
		String id = manifest.getFileName().toString().replace(DicomSeries.SUFFIX, "");
		assertEquals(1.0, NiftiReader.read(dir.resolve("ds/train/labels/" + id + ".nii.gz")).value(24 * 20 * 2 + 40), 0);
		int[] dims = NiftiReader.read(dir.resolve("ds/train/images/" + id + ".nii.gz")).dims();
		assertEquals(List.of(24, 20, 3), List.of(dims[0], dims[1], dims[2]));
	}

	@Test
	void anUnknownWindowIsWrongUsageBeforeTheDemoPredicts() {
		CliTest.Run r = CliTest.cli("demo", "--window", "liver", "--out", dir.resolve("demo"));
		assertEquals(2, r.code(), r.err());
		assertTrue(r.err().contains("soft-tissue, lung, bone, brain") && r.err().contains("CENTER,WIDTH"), r.err());
		assertFalse(Files.exists(dir.resolve("demo/project")));
	}
}
