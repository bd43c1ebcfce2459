package org.segloop.core.dicom;

import java.nio.file.Path;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;

import org.segloop.core.image.ImageInputException;

/**
 * Checks the plane geometry attributes of a frame. An attribute that is absent (null here) is an
 * image without that geometry (a 2D image, see {@link SeriesAssembler}); one that is present must be
 * valid, else the file is refused: a non-unit or skewed orientation, a zero or negative pixel
 * spacing or a position that is not a number would put every voxel at a wrong place (and showed up
 * as a made-up gantry tilt or "two slices at one position").
 */
final class FrameGeometry {

	/** How far from unit length and from right angles (as a cosine) orientation vectors may be: headers hold about 6 digits. */
	static final double ORIENTATION_TOLERANCE = 1e-3;

	private static final String FIX = "repair the header or export the series again from the archive";

	private FrameGeometry() {}

	/** ImageOrientationPatient: two unit vectors at right angles; null when absent. */
	static double[] orientation(Path file, String where, Attribute at) {
		double[] v = values(file, where, at, 6);
		if (v == null) return null;
		double[] row = { v[0], v[1], v[2] }, col = { v[3], v[4], v[5] };
		if (Math.abs(Vectors.norm(row) - 1) > ORIENTATION_TOLERANCE || Math.abs(Vectors.norm(col) - 1) > ORIENTATION_TOLERANCE)
			throw invalid(file, where, at, "its row and column directions must be unit vectors");
		if (Math.abs(Vectors.dot(row, col)) > ORIENTATION_TOLERANCE) throw invalid(file, where, at, "its row and column directions must be at right angles");
		return v;
	}

	/** ImagePositionPatient: three finite numbers; null when absent. */
	static double[] position(Path file, String where, Attribute at) {
		return values(file, where, at, 3);
	}

	/** PixelSpacing or ImagerPixelSpacing [row, column] in mm: two positive numbers; null when absent. */
	static double[] spacing(Path file, String where, Attribute at) {
		double[] v = values(file, where, at, 2);
		if (v != null && (v[0] <= 0 || v[1] <= 0)) throw invalid(file, where, at, "pixel spacings must be positive");
		return v;
	}

	/** The first n values, all finite; null when the attribute is absent. */
	private static double[] values(Path file, String where, Attribute at, int n) {
		if (at == null) return null;
		double[] v;
		try {
			v = at.getDoubleValues();
		}
		catch (DicomException | NumberFormatException e) {
			throw invalid(file, where, at, "its values are not numbers");
		}
		if (v == null || v.length < n) throw invalid(file, where, at, "it needs " + n + " values");
		for (int i = 0; i < n; i++)
			if (!Double.isFinite(v[i])) throw invalid(file, where, at, "its values must be finite numbers");
		return v.length == n ? v : java.util.Arrays.copyOf(v, n);
	}

	private static ImageInputException invalid(Path file, String where, Attribute at, String why) {
		String name = TagFromName.ImageOrientationPatient.equals(at.getTag()) ? "ImageOrientationPatient"
			: TagFromName.ImagePositionPatient.equals(at.getTag()) ? "ImagePositionPatient"
			: TagFromName.ImagerPixelSpacing.equals(at.getTag()) ? "ImagerPixelSpacing" : "PixelSpacing";
		return new ImageInputException(file, "has an invalid " + name + " (" + text(at) + ")" + where + ": " + why, FIX);
	}

	private static String text(Attribute at) {
		try {
			String[] s = at.getStringValues();
			return s == null ? "" : String.join("\\", s).trim();
		}
		catch (DicomException e) {
			return "unreadable";
		}
	}
}
