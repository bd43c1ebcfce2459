package org.segloop.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageReader;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.nifti.Nibabel;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.Projects;

/** A microscopy stack (no patient geometry) exported as NIfTI: a diagonal affine of its spacing in microns, its own values; nnU-Net stays TIFF. */
class NiftiMicroscopyExportTest {

	@TempDir
	Path dir;

	@Test
	void aCalibratedStackGetsADiagonalAffineOfItsSpacingAndKeepsItsValues() throws Exception {
		Path stack = Projects.sampleStack(dir.resolve("stack.tif"), 96, 80, 3); // 0.5 × 0.5 × 2.5 micron, uint16
		try (ProjectStore p = ProjectSetup.init(dir.resolve("project"), Fixtures.BUNDLED_MODEL, List.of(stack), ProjectSettings.defaults())) {
			Projects.predict(p);
			Projects.correctNext(p, "ana", dir);
			Path out = dir.resolve("nifti");
			new DatasetExport(p).export(out, ExportSettings.of(ExportFormats.byName("nifti")).withSplit(new SplitPlan(1, 0, 0, 1)), ProgressListener.NONE,
				new Cancellation());
			List<Nibabel.Seen> seen = Nibabel.read(out.resolve("train/images/stack.nii.gz"), out.resolve("train/labels/stack.nii.gz"));
			double[][] diagonal = { { 0.5, 0, 0, 0 }, { 0, 0.5, 0, 0 }, { 0, 0, 2.5, 0 }, { 0, 0, 0, 1 } };
			for (Nibabel.Seen s : seen) {
				assertArrayEquals(new int[] { 96, 80, 3 }, s.shape());
				Nibabel.assertAffine(diagonal, s.affine(), 1e-7, "affine");
				assertEquals("micron", s.spatialUnit());
				assertEquals(s == seen.get(0) ? "uint16" : "uint8", s.dtype(), "a 16-bit stack stays 16-bit; labels in 8 bits");
			}
			ImageVolume original = ImageReader.read(stack);
			for (int z = 0; z < 3; z++)
				for (int i = 0; i < 96 * 80; i += 11) assertEquals(original.reader(0, z, 0).get(i), seen.get(0).values()[i + 96 * 80 * z], 0);

			Path nnunet = dir.resolve("nnunet");
			new DatasetExport(p).export(nnunet, ExportSettings.of(ExportFormats.byName("nnunet")).withSplit(new SplitPlan(1, 0, 0, 1)),
				ProgressListener.NONE, new Cancellation());
			assertTrue(Files.readString(nnunet.resolve("dataset.json")).contains("\"file_ending\": \".tif\""));
			assertTrue(Files.exists(nnunet.resolve("imagesTr/stack_0000.tif")));
		}
	}
}
