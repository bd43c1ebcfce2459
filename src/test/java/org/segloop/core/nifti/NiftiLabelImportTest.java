package org.segloop.core.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.loop.CorrectionIntake;
import org.segloop.core.metrics.CorrectionMetrics;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.ProjectStore;
import org.segloop.testutil.DicomProjects;
import org.segloop.testutil.DicomSeriesMaker.Spec;
import org.segloop.testutil.Projects;

/**
 * A correction mask may be a NIfTI label image (as 3D Slicer or ITK-SNAP save them) when it lies on
 * the series' grid: same size and the same voxel-to-patient affine. A mask from elsewhere in the
 * patient, or of another size, is refused before the project changes.
 */
class NiftiLabelImportTest {

	private static final int W = 24, H = 20, Z = 3;

	@TempDir
	Path dir;

	private final Spec spec = DicomProjects.oblique("1.2.826.0.1.3680043.9.7.30", "1.2.826.0.1.3680043.9.7.30.1", W, H, Z);
	private ProjectStore project;
	private ImageQueue.Lease lease;
	private ImageRecord record;

	@BeforeEach
	void leasedSeries() throws Exception {
		org.segloop.testutil.DicomSeriesMaker.writeSeries(spec, dir.resolve("in"), z -> "s" + z);
		project = DicomProjects.project(dir, List.of(dir.resolve("in")));
		Projects.predict(project);
		lease = project.queue().next("ann").orElseThrow();
		record = project.images().byId(lease.imageId()).orElseThrow();
	}

	@org.junit.jupiter.api.AfterEach
	void close() {
		project.close();
	}

	@Test
	void aMaskNibabelSavedWithTheSeriesAffineIsAcceptedVoxelForVoxel() throws Exception {
		Path mask = nibabelMask(DicomProjects.rasAffine(spec, DicomProjects.step(spec)), Z, "mask.nii.gz");
		Correction c = new CorrectionIntake(project).accept(lease.imageId(), lease.token(), mask, CorrectionMetrics.Kind.SEMANTIC, 5.0);
		LabelVolume stored = LabelFiles.read(project.files().resolve(c.maskFile()), record, -1, "stored");
		for (int z = 0; z < Z; z++)
			for (int i = 0; i < W * H; i++) assertEquals(expected(i, z), stored.labels()[z][i], "voxel " + i + " of slice " + z);
	}

	@Test
	void aMaskFromElsewhereInThePatientIsRefusedNamingBothGeometries() throws Exception {
		double[][] shifted = DicomProjects.rasAffine(spec, DicomProjects.step(spec));
		shifted[0][3] += 5; // 5 mm to the patient's left
		Path mask = nibabelMask(shifted, Z, "moved.nii.gz");
		ImageInputException e = assertThrows(ImageInputException.class,
			() -> new CorrectionIntake(project).accept(lease.imageId(), lease.token(), mask, CorrectionMetrics.Kind.SEMANTIC, 5.0));
		String m = e.getMessage();
		assertTrue(m.contains("moved.nii.gz") && m.contains("lies elsewhere in the patient") && m.contains("differs by up to 5.0")
			&& m.toLowerCase(Locale.ROOT).contains("resample"), m);
		assertEquals(0, project.corrections().all().size(), "nothing stored");
	}

	@Test
	void aMaskOfAnotherSizeIsRefused() throws Exception {
		Path mask = nibabelMask(DicomProjects.rasAffine(spec, DicomProjects.step(spec)), Z - 1, "short.nii.gz");
		ImageInputException e = assertThrows(ImageInputException.class,
			() -> new CorrectionIntake(project).accept(lease.imageId(), lease.token(), mask, CorrectionMetrics.Kind.SEMANTIC, 5.0));
		assertTrue(e.getMessage().contains("short.nii.gz") && e.getMessage().contains("24×20×2 slices but the image"), e.getMessage());
	}

	private static int expected(int i, int z) {
		int x = i % W, y = i / W;
		return x >= 5 + z && x < 15 + z && y >= 4 && y < 12 ? 1 : 0;
	}

	/** Class 1 in a box per slice, saved by nibabel as uint8 with the given affine (sform and qform). */
	private Path nibabelMask(double[][] affine, int slices, String name) throws Exception {
		Path file = dir.resolve(name);
		StringBuilder a = new StringBuilder("[");
		for (int r = 0; r < 4; r++) {
			a.append('[');
			for (int c = 0; c < 4; c++) a.append(c > 0 ? "," : "").append(affine[r][c]);
			a.append(']').append(r < 3 ? "," : "]");
		}
		String py = String.join("\n", "import nibabel, numpy, sys",
			"m = numpy.zeros((" + W + ", " + H + ", " + slices + "), dtype=numpy.uint8)",
			"for z in range(" + slices + "):", "    m[5 + z:15 + z, 4:12, z] = 1",
			"img = nibabel.Nifti1Image(m, numpy.array(" + a + "))", "img.set_qform(img.affine, code=1)", "img.set_sform(img.affine, code=1)",
			"nibabel.save(img, sys.argv[1])");
		Process p = new ProcessBuilder("/usr/bin/python3", "-c", py, file.toString()).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		assertEquals(0, p.waitFor(), out);
		return file;
	}
}
