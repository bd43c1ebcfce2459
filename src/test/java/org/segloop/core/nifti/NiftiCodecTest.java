package org.segloop.core.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageInputException;

/** The NIfTI-1 codec: what SegLoop writes, nibabel and SegLoop's reader read back identically. */
class NiftiCodecTest {

	@TempDir
	Path dir;

	/** A rotation about an oblique axis, a flip (negative determinant) and a translation, in RAS. */
	private static final double[][] OBLIQUE_FLIPPED;
	static {
		double a = Math.toRadians(25), b = Math.toRadians(-40);
		double[][] rz = { { Math.cos(a), -Math.sin(a), 0 }, { Math.sin(a), Math.cos(a), 0 }, { 0, 0, 1 } };
		double[][] rx = { { 1, 0, 0 }, { 0, Math.cos(b), -Math.sin(b) }, { 0, Math.sin(b), Math.cos(b) } };
		double[] spacing = { 0.8, 0.6, -3.0 }; // third axis flipped
		OBLIQUE_FLIPPED = new double[4][4];
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++) {
				double r = 0;
				for (int k = 0; k < 3; k++) r += rz[i][k] * rx[k][j];
				OBLIQUE_FLIPPED[i][j] = r * spacing[j];
			}
		OBLIQUE_FLIPPED[0][3] = 12.5;
		OBLIQUE_FLIPPED[1][3] = -80.25;
		OBLIQUE_FLIPPED[2][3] = 33;
		OBLIQUE_FLIPPED[3][3] = 1;
	}

	@Test
	void aRotatedFlippedVolumeIsReadByNibabelAndByTheOwnReaderWithTheSameAffineSpacingAndValues() throws Exception {
		int[] dims = { 7, 5, 3, 1, 1 };
		Path file = dir.resolve("v.nii.gz");
		NiftiWriter.write(new NiftiWriter.Content(dims, OBLIQUE_FLIPPED, NiftiWriter.UNITS_MM, NiftiDataType.INT16,
			(plane, i) -> plane * 1000 - 1024 + i * 3, "test"), file);

		Nibabel.Seen seen = Nibabel.read(file).get(0);
		assertArrayEquals(new int[] { 7, 5, 3 }, seen.shape());
		assertEquals("int16", seen.dtype());
		assertEquals(1, seen.sformCode());
		assertEquals(1, seen.qformCode());
		Nibabel.assertAffine(OBLIQUE_FLIPPED, seen.sform(), 1e-5, "sform");
		Nibabel.assertAffine(OBLIQUE_FLIPPED, seen.qform(), 1e-5, "qform (a rigid affine is represented exactly)");
		assertArrayEquals(new double[] { 0.8, 0.6, 3.0 }, seen.zooms(), 1e-6);
		assertEquals("mm", seen.spatialUnit());

		NiftiImage own = NiftiReader.read(file);
		Nibabel.assertAffine(OBLIQUE_FLIPPED, own.sform(), 1e-5, "own sform");
		Nibabel.assertAffine(OBLIQUE_FLIPPED, own.qform(), 1e-5, "own qform");
		for (int i = 0; i < 7 * 5 * 3; i++) {
			double expected = (i / 35) * 1000 - 1024 + (i % 35) * 3;
			assertEquals(expected, seen.values()[i], 0, "nibabel voxel " + i);
			assertEquals(expected, own.value(i), 0, "own voxel " + i);
		}
	}

	@Test
	void aShearedAffineIsKeptExactlyInTheSformAndAsItsNearestRigidGeometryInTheQform() throws Exception {
		double[][] sheared = { { 0.5, 0, 0, 1 }, { 0, 0.5, 0.9, 2 }, { 0, 0, 2.0, 3 }, { 0, 0, 0, 1 } }; // slices stepped along y
		Path file = dir.resolve("s.nii");
		NiftiWriter.write(new NiftiWriter.Content(new int[] { 2, 2, 2, 1, 1 }, sheared, NiftiWriter.UNITS_MM, NiftiDataType.UINT8, (p, i) -> i, ""),
			file);
		Nibabel.Seen seen = Nibabel.read(file).get(0);
		Nibabel.assertAffine(sheared, seen.affine(), 1e-6, "affine (sform)");
		double[][] rigid = { { 0.5, 0, 0, 1 }, { 0, 0.5, 0, 2 }, { 0, 0, 2.0, 3 }, { 0, 0, 0, 1 } };
		Nibabel.assertAffine(rigid, seen.qform(), 1e-6, "qform: the slice axis along the normal, the distance along it");
	}

	@Test
	void everyVoxelTypeRoundTripsWithItsExtremes() throws Exception {
		for (NiftiDataType t : List.of(NiftiDataType.UINT8, NiftiDataType.INT16, NiftiDataType.UINT16, NiftiDataType.INT32, NiftiDataType.UINT32,
			NiftiDataType.FLOAT32))
		{
			double[] values = t == NiftiDataType.FLOAT32 ? new double[] { -1.5, 0.25, 3e38 }
				: t == NiftiDataType.UINT8 ? new double[] { 0, 17, 255 } : t == NiftiDataType.INT16 ? new double[] { -32768, 5, 32767 }
				: t == NiftiDataType.UINT16 ? new double[] { 0, 40000, 65535 } : t == NiftiDataType.INT32 ? new double[] { -2147483648, 7, 2147483647 }
				: new double[] { 0, 3000000000.0, 4294967295.0 };
			Path file = dir.resolve(t + ".nii.gz");
			NiftiWriter.write(new NiftiWriter.Content(new int[] { 3, 1, 1, 1, 1 }, identity(), NiftiWriter.UNITS_MM, t, (p, i) -> values[i], ""), file);
			NiftiImage own = NiftiReader.read(file);
			Nibabel.Seen seen = Nibabel.read(file).get(0);
			for (int i = 0; i < 3; i++) {
				assertEquals((float) values[i], (float) own.value(i), 0, t + " own " + i);
				assertEquals((float) values[i], (float) seen.values()[i], 0, t + " nibabel " + i);
			}
		}
	}

	@Test
	void aFileNibabelWroteIsRead() throws Exception {
		Path file = dir.resolve("nib.nii.gz");
		Process p = new ProcessBuilder("/usr/bin/python3", "-c", String.join("\n", "import nibabel, numpy, sys",
			"a = numpy.arange(24, dtype=numpy.int16).reshape((4, 3, 2), order='F') - 5",
			"aff = numpy.array([[-0.7, 0, 0, 90], [0, -0.7, 0, 110], [0, 0, 2.5, -40], [0, 0, 0, 1]])",
			"img = nibabel.Nifti1Image(a, aff)", "img.header.set_slope_inter(2, 10)", "nibabel.save(img, sys.argv[1])"), file.toString())
			.redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		assertEquals(0, p.waitFor(), out);
		NiftiImage own = NiftiReader.read(file);
		assertArrayEquals(new int[] { 4, 3, 2, 1, 1 }, own.dims());
		for (int i = 0; i < 24; i++) assertEquals((i - 5) * 2 + 10, own.value(i), 0, "scaled voxel " + i);
		Nibabel.assertAffine(new double[][] { { -0.7, 0, 0, 90 }, { 0, -0.7, 0, 110 }, { 0, 0, 2.5, -40 }, { 0, 0, 0, 1 } }, own.affine(), 1e-5,
			"affine");
	}

	@Test
	void truncatedAndForeignFilesAreRefusedNamingTheFile() throws IOException {
		Path file = dir.resolve("t.nii.gz");
		NiftiWriter.write(new NiftiWriter.Content(new int[] { 50, 50, 4, 1, 1 }, identity(), 0, NiftiDataType.INT16, (p, i) -> i, ""), file);
		byte[] all;
		try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
			all = in.readAllBytes();
		}
		Path cut = dir.resolve("cut.nii.gz");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(cut))) {
			out.write(all, 0, all.length - 100);
		}
		ImageInputException e = assertThrows(ImageInputException.class, () -> NiftiReader.read(cut));
		assertTrue(e.getMessage().contains("cut.nii.gz") && e.getMessage().contains("truncated"), e.getMessage());
		Path text = Files.writeString(dir.resolve("x.nii"), "not an image".repeat(40));
		e = assertThrows(ImageInputException.class, () -> NiftiReader.read(text));
		assertTrue(e.getMessage().contains("NIfTI-1 header"), e.getMessage());
	}

	private static double[][] identity() {
		return new double[][] { { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 } };
	}
}
