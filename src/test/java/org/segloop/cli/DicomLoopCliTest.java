package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.Calibration;
import org.segloop.core.nifti.Nibabel;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.testutil.DicomProjects;
import org.segloop.testutil.DicomSegProjects;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.DicomSeriesMaker.Spec;
import org.segloop.testutil.DicomTools;
import org.segloop.testutil.Fixtures;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The end-to-end case, from the command line as README gives it: a folder of CT series
 * (nested, shuffled file names without suffix, one axial, one oblique) goes init → predict → next
 * → accept → export as DICOM SEG and as nnU-Net NIfTI; the SEG passes dciodvfy and dcmdump reads
 * the correction back slice by slice on the right source images; nibabel reads the NIfTI image in
 * exact HU with the series' geometry and the labels as corrected.
 */
class DicomLoopCliTest {

	@TempDir
	Path dir;

	private static final String STUDY = "1.2.826.0.1.3680043.9.7.140";

	@Test
	void aFolderOfCtSeriesGoesFromInitToDicomSegAndNnUnetNiftiWithExactValuesAndGeometry() throws Exception {
		Spec axial = DicomSeriesMaker.ct(STUDY, STUDY + ".1", 64, 56, 6);
		Spec oblique = DicomProjects.oblique(STUDY, STUDY + ".2", 64, 56, 5);
		DicomSeriesMaker.writeSeries(axial, dir.resolve("study/CT/a"), z -> String.format("%08d", (z * 5 + 3) % 11));
		DicomSeriesMaker.writeSeries(oblique, dir.resolve("study/CT/b"), z -> "IM" + (7 - z));
		Path project = dir.resolve("project");

		CliTest.Run init = CliTest.cli("init", project, "--images", dir.resolve("study"), "--model", Fixtures.BUNDLED_MODEL);
		assertEquals(0, init.code(), init.err());
		assertTrue(init.out().contains("2 image(s)"), "two series, two images: " + init.out());
		assertEquals(0, CliTest.cli("predict", project).code());

		CliTest.Run next = CliTest.cli("next", project, "--annotator", "ana", "--json");
		assertEquals(0, next.code(), next.err());
		JsonObject lease = JsonParser.parseString(next.out()).getAsJsonObject();
		int slices = countSlices(Path.of(lease.get("image").getAsString()));
		Spec served = slices == axial.slices() ? axial : oblique;
		LabelVolume correction = DicomSegProjects.disks(served.width(), served.height(), served.slices());
		Path mask = dir.resolve("mask.tif");
		LabelFiles.write(correction, mask, Calibration.none());
		CliTest.Run accept = CliTest.cli("accept", project, lease.get("id").getAsLong(), "--mask", mask, "--token", lease.get("token").getAsString());
		assertEquals(0, accept.code(), accept.err());

		assertEquals(0, CliTest.cli("export", project, "--format", "dicom-seg", "--out", dir.resolve("seg")).code());
		Path seg = only(dir.resolve("seg"), ".dcm");
		assertEquals(List.of(), DicomTools.dciodvfyErrors(seg), "dciodvfy finds no error in " + seg);
		DicomTools.Dumped dumped = DicomTools.dump(seg, dir.resolve("dump"));
		Map<Integer, Integer> frameOfSlice = new HashMap<>();
		for (int f = 0; f < dumped.frameSources().size(); f++) {
			String uid = dumped.frameSources().get(f);
			assertTrue(uid.startsWith(served.seriesUid() + "."), "frame " + f + " refers to a slice of the corrected series: " + uid);
			frameOfSlice.put(Integer.parseInt(uid.substring(served.seriesUid().length() + 1)) - 1, f);
		}
		for (int z = 0; z < served.slices(); z++)
			for (int i = 0; i < served.width() * served.height(); i++) {
				boolean labelled = correction.labels()[z][i] != 0;
				Integer f = frameOfSlice.get(z);
				assertEquals(labelled, f != null && dumped.bit(f, i), "SEG pixel " + i + " of slice " + z);
			}

		assertEquals(0, CliTest.cli("export", project, "--format", "nnunet", "--out", dir.resolve("nnunet")).code());
		List<Nibabel.Seen> seen = Nibabel.read(only(dir.resolve("nnunet/imagesTr"), "_0000.nii.gz"), only(dir.resolve("nnunet/labelsTr"), ".nii.gz"));
		Nibabel.Seen image = seen.get(0), labels = seen.get(1);
		Nibabel.assertAffine(DicomProjects.rasAffine(served, DicomProjects.step(served)), image.affine(), 1e-4, "image affine");
		Nibabel.assertAffine(DicomProjects.rasAffine(served, DicomProjects.step(served)), labels.affine(), 1e-4, "label affine");
		int plane = served.width() * served.height();
		for (int z = 0; z < served.slices(); z++)
			for (int i = 0; i < plane; i++) {
				assertEquals(served.physical(i, z), image.values()[z * plane + i], 0, "HU of voxel " + i + " on slice " + z);
				assertEquals(correction.labels()[z][i] != 0 ? 1 : 0, labels.values()[z * plane + i], 0, "label of voxel " + i + " on slice " + z);
			}
	}

	private static int countSlices(Path manifest) {
		return org.segloop.core.dicom.DicomSeries.load(manifest).depth();
	}

	private static Path only(Path folder, String ending) throws IOException {
		try (Stream<Path> s = Files.walk(folder)) {
			List<Path> found = s.filter(f -> f.getFileName().toString().endsWith(ending)).toList();
			assertEquals(1, found.size(), "one file ending " + ending + " in " + folder + ": " + found);
			return found.get(0);
		}
	}
}
