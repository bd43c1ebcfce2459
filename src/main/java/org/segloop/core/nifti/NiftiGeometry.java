package org.segloop.core.nifti;

import java.nio.file.Path;
import java.util.Locale;

import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageInputException;

/**
 * Where an image's voxels lie in NIfTI's world (RAS+, mm): for a DICOM series its
 * {@link DicomSeries#voxelToPatient()} (LPS, including a gantry tilt's shear) with the x and y rows
 * negated; for any other image a diagonal of its calibration's spacing (origin 0). Also checks
 * that a NIfTI file given for an image (e.g. a label mask) lies where the image does.
 */
public final class NiftiGeometry {

	/** Largest difference (mm, per affine element) between a file's affine and its image's that still counts as the same geometry. */
	public static final double TOLERANCE_MM = 0.01;

	private NiftiGeometry() {}

	/** The voxel → RAS affine of the image registered as {@code imagePath} (a series manifest or an image file) with {@code calibration}. */
	public static double[][] affine(Path imagePath, Calibration calibration) {
		if (imagePath != null && DicomSeries.isManifest(imagePath)) return lpsToRas(DicomSeries.load(imagePath).voxelToPatient());
		double[] s = spacing(calibration);
		return new double[][] { { s[0], 0, 0, 0 }, { 0, s[1], 0, 0 }, { 0, 0, s[2], 0 }, { 0, 0, 0, 1 } };
	}

	/** A DICOM LPS affine as NIfTI's RAS: x and y rows negated. */
	public static double[][] lpsToRas(double[][] lps) {
		double[][] m = new double[4][];
		for (int r = 0; r < 4; r++) {
			m[r] = lps[r].clone();
			if (r < 2) for (int c = 0; c < 4; c++) m[r][c] = -m[r][c];
		}
		return m;
	}

	/** NIfTI's xyzt_units code for a calibration's spatial unit (mm, micron, else unknown). */
	public static int units(Calibration c) {
		String u = c.unit() == null ? "" : c.unit().toLowerCase(Locale.ROOT);
		return switch (u) {
			case "mm", "millimeter", "millimetre" -> NiftiWriter.UNITS_MM;
			case "micron", "um", "µm", "microns", "micrometer", "micrometre" -> NiftiWriter.UNITS_MICRON;
			default -> NiftiWriter.UNITS_UNKNOWN;
		};
	}

	/**
	 * Refuses a NIfTI file whose grid does not lie where the DICOM series {@code imagePath} does
	 * (sform, else qform, compared element by element within {@link #TOLERANCE_MM}); other images
	 * have no world position to compare, so only their sizes are checked (by the caller).
	 *
	 * @param what what the file is, for the message (e.g. "correction mask")
	 */
	public static void requireSameGrid(NiftiImage file, Path imagePath, String what) {
		if (imagePath == null || !DicomSeries.isManifest(imagePath)) return;
		double[][] expected = lpsToRas(DicomSeries.load(imagePath).voxelToPatient());
		double[][] actual = file.affine();
		double worst = maxDifference(expected, actual);
		// a file with only a qform cannot hold a tilted gantry's shear: compare it with the nearest qform
		if (worst > TOLERANCE_MM && file.sform() == null && file.qform() != null)
			worst = Math.min(worst, maxDifference(QuaternionForm.of(expected).matrix(), file.qform()));
		if (worst > TOLERANCE_MM) throw new ImageInputException(file.file(), String.format(Locale.ROOT,
			"lies elsewhere in the patient than the series %s (its voxel-to-world affine differs by up to %.3g mm; file %s, series %s)",
			imagePath.getFileName(), worst, format(actual), format(expected)),
			"save the " + what + " on the series' own grid (resample it onto the DICOM series, e.g. in 3D Slicer, and keep its header)");
	}

	static double maxDifference(double[][] a, double[][] b) {
		double worst = 0;
		for (int r = 0; r < 3; r++)
			for (int c = 0; c < 4; c++) worst = Math.max(worst, Math.abs(a[r][c] - b[r][c]));
		return worst;
	}

	private static String format(double[][] m) {
		StringBuilder b = new StringBuilder("[");
		for (int r = 0; r < 3; r++) {
			b.append(r == 0 ? "[" : " [");
			for (int c = 0; c < 4; c++) b.append(c == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4g", m[r][c]));
			b.append(']');
		}
		return b.append(']').toString();
	}

	private static double[] spacing(Calibration c) {
		double[] s = { c.pixelWidth(), c.pixelHeight(), c.pixelDepth() };
		for (int i = 0; i < 3; i++) if (!(s[i] > 0) || !Double.isFinite(s[i])) s[i] = 1;
		return s;
	}
}
