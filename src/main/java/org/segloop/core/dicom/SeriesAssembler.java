package org.segloop.core.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns the frames of one SeriesInstanceUID into a {@link DicomSeries}: slices sorted by their
 * position projected on the normal of the orientation (never by file name or InstanceNumber),
 * spacing measured from the positions, and the checks radiology viewers make. What is refused,
 * and what is accepted with a warning:
 * <ul>
 * <li>refused: slices of different sizes, orientations or frames of reference; two slices at one
 * position; a missing slice (a gap of a whole number of spacings); uneven spacing (steps that
 * differ by more than 1 % or 0.01 mm) — each would put voxels at wrong places in a regular grid;
 * <li>accepted with a warning: gantry tilt (slices stepped off their normal; the sheared geometry is
 * kept for every output), and a series without plane geometry, which is split into one 2D image per
 * instance (projection X-ray, ultrasound, secondary capture).
 * </ul>
 * Geometry that is present but invalid (non-unit or skewed orientation, zero or negative pixel
 * spacing, a position that is not a number) never gets here: {@link FrameGeometry} refuses the file.
 */
final class SeriesAssembler {

	/** Relative and absolute tolerance on slice steps. */
	static final double RELATIVE_TOLERANCE = 0.01, ABSOLUTE_TOLERANCE_MM = 0.01;

	/** Cosine tolerance for "the same orientation" and "stepped along the normal". */
	static final double DIRECTION_TOLERANCE = 1e-3;

	private SeriesAssembler() {}

	/** The series (one, or one per instance when the frames have no plane geometry). */
	static List<DicomSeries> assemble(List<FrameHeader> frames) {
		FrameHeader first = frames.get(0);
		if (frames.stream().anyMatch(f -> !f.hasPlaneGeometry())) {
			if (frames.stream().map(FrameHeader::sopInstance).distinct().count() <= 1) return List.of(flat(frames));
			List<DicomSeries> out = new ArrayList<>();
			frames.stream().map(FrameHeader::sopInstance).distinct().sorted()
				.forEach(uid -> out.add(flat(frames.stream().filter(f -> f.sopInstance().equals(uid)).toList())));
			return out;
		}
		String problem = null, fix = null;
		List<String> warnings = new ArrayList<>();
		for (FrameHeader f : frames) {
			if (f.rows() != first.rows() || f.columns() != first.columns() || f.samplesPerPixel() != first.samplesPerPixel()) {
				problem = "mixes slices of different sizes: " + size(first) + " (" + name(first) + ") and " + size(f) + " (" + name(f) + ")";
				break;
			}
			if (!sameDirection(f.orientation(), first.orientation())) {
				problem = "mixes slice orientations: " + Arrays.toString(first.orientation()) + " (" + name(first) + ") and "
					+ Arrays.toString(f.orientation()) + " (" + name(f) + ")";
				break;
			}
			if (!f.frameOfReference().equals(first.frameOfReference())) {
				problem = "mixes frames of reference (FrameOfReferenceUID differs between " + name(first) + " and " + name(f) + ")";
				break;
			}
		}
		if (problem != null) fix = "remove the slices that do not belong to the series (e.g. a localizer or another acquisition), or export the series again from the archive";
		double[] row = Arrays.copyOfRange(first.orientation(), 0, 3), col = Arrays.copyOfRange(first.orientation(), 3, 6);
		double[] normal = Vectors.cross(row, col);
		List<FrameHeader> sorted = new ArrayList<>(frames);
		sorted.sort(Comparator.comparingDouble(f -> Vectors.dot(f.position(), normal)));
		double spacing = first.sliceThickness() > 0 ? first.sliceThickness() : 1;
		if (problem == null && sorted.size() > 1) {
			double[] steps = new double[sorted.size() - 1];
			for (int i = 0; i < steps.length; i++)
				steps[i] = Vectors.dot(sorted.get(i + 1).position(), normal) - Vectors.dot(sorted.get(i).position(), normal);
			double[] ordered = steps.clone();
			Arrays.sort(ordered);
			spacing = ordered[ordered.length / 2];
			double tol = Math.max(ABSOLUTE_TOLERANCE_MM, RELATIVE_TOLERANCE * spacing);
			for (int i = 0; i < steps.length && problem == null; i++) {
				FrameHeader a = sorted.get(i), b = sorted.get(i + 1);
				if (steps[i] < ABSOLUTE_TOLERANCE_MM) {
					problem = "has two slices at the same position (" + mm(Vectors.dot(a.position(), normal)) + " along the normal): " + name(a)
						+ " and " + name(b);
					fix = "the folder may hold two acquisitions (phases, echoes) under one SeriesInstanceUID; keep one of them";
				}
				else if (Math.abs(steps[i] - spacing) > tol) {
					long k = Math.round(steps[i] / spacing);
					if (k >= 2 && Math.abs(steps[i] - k * spacing) <= tol) {
						problem = "is missing " + (k - 1) + (k == 2 ? " slice" : " slices") + " between " + name(a) + " and " + name(b) + " (at "
							+ mm(Vectors.dot(a.position(), normal)) + " and " + mm(Vectors.dot(b.position(), normal)) + " along the normal; the spacing is "
							+ mm(spacing) + ")";
						fix = "add the missing slice files (export the series again from the archive), or remove the partial series";
					}
					else {
						problem = "has uneven slice spacing: " + mm(steps[i]) + " between " + name(a) + " and " + name(b) + " where the others are "
							+ mm(spacing);
						fix = "resample the series to even spacing (e.g. in 3D Slicer), or export the evenly spaced part as its own series";
					}
				}
			}
			if (problem == null) {
				double[] step = Vectors.minus(sorted.get(1).position(), sorted.get(0).position());
				double cos = Vectors.dot(step, normal) / Vectors.norm(step);
				if (cos < 1 - DIRECTION_TOLERANCE) warnings.add(String.format(Locale.ROOT,
					"gantry tilt of %.1f°: the slices are stepped off their normal; the sheared geometry is kept for every output",
					Math.toDegrees(Math.acos(Math.min(1, cos)))));
			}
		}
		double[] px = first.pixelSpacing() == null ? new double[] { 1, 1 } : first.pixelSpacing();
		if (first.pixelSpacing() == null) warnings.add("no PixelSpacing: distances are in pixels, not mm");
		return List.of(new DicomSeries(first.study(), first.series(), first.frameOfReference(), first.modality(), first.sopClass(), first.rows(),
			first.columns(), first.samplesPerPixel(), px[0], px[1], spacing, row, col, window(first), slices(sorted), warnings, problem, fix));
	}

	/** A series without plane geometry: frames in frame order, identity orientation, a warning. */
	private static DicomSeries flat(List<FrameHeader> frames) {
		FrameHeader first = frames.get(0);
		List<FrameHeader> ordered = frames.stream().sorted(Comparator.comparingInt(FrameHeader::frame)).toList();
		List<DicomSeries.Slice> slices = new ArrayList<>();
		for (int i = 0; i < ordered.size(); i++) {
			FrameHeader f = ordered.get(i);
			slices.add(new DicomSeries.Slice(f.file().toString(), f.frame(), f.sopInstance(), f.sha256(), new double[] { 0, 0, i }));
		}
		double[] px = first.pixelSpacing() == null ? new double[] { 1, 1 } : first.pixelSpacing();
		List<String> warnings = new ArrayList<>();
		warnings.add("no patient geometry (ImageOrientationPatient/ImagePositionPatient): read as a 2D image"
			+ (ordered.size() > 1 ? " with its " + ordered.size() + " frames in stored order" : ""));
		String uid = frames.stream().map(FrameHeader::sopInstance).distinct().count() == 1 ? first.series() + "/" + first.sopInstance() : first.series();
		return new DicomSeries(first.study(), uid, first.frameOfReference(), first.modality(), first.sopClass(), first.rows(), first.columns(),
			first.samplesPerPixel(), px[0], px[1], 1, new double[] { 1, 0, 0 }, new double[] { 0, 1, 0 }, window(first), slices, warnings, null, null);
	}

	private static List<DicomSeries.Slice> slices(List<FrameHeader> sorted) {
		return sorted.stream().map(f -> new DicomSeries.Slice(f.file().toString(), f.frame(), f.sopInstance(), f.sha256(), f.position())).toList();
	}

	private static DicomSeries.Window window(FrameHeader f) {
		return f.window() == null ? null : new DicomSeries.Window(f.window()[0], f.window()[1]);
	}

	private static boolean sameDirection(double[] a, double[] b) {
		for (int i = 0; i < 6; i++)
			if (Math.abs(a[i] - b[i]) > DIRECTION_TOLERANCE) return false;
		return true;
	}

	private static String size(FrameHeader f) {
		return f.columns() + "×" + f.rows() + (f.samplesPerPixel() > 1 ? "×" + f.samplesPerPixel() : "");
	}

	/** A frame by file name (and frame number in a multi-frame file). */
	static String name(FrameHeader f) {
		return f.file().getFileName() + (f.frame() > 0 ? " frame " + (f.frame() + 1) : "");
	}

	private static String mm(double v) {
		return String.format(Locale.ROOT, "%.2f mm", v);
	}
}
