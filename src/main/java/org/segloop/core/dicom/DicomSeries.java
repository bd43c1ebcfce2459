package org.segloop.core.dicom;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import org.segloop.core.image.ImageInputException;
import org.segloop.core.util.Hashing;

/**
 * One DICOM series as SegLoop registers it: the files (or frames of an enhanced multi-frame file)
 * in slice order with their content hashes, the UIDs that outputs refer to, and the geometry in
 * patient coordinates (LPS, mm). Stored as a small JSON manifest ({@code NAME.dcmseries}) in the
 * project's {@code series/} folder; that manifest is what the project registers as the image, so
 * its hash changes when any slice file does.
 *
 * <p>A series SegLoop refuses (a missing slice, mixed orientations, ...) is still written, with its
 * {@link #problem()}: reading it then fails with that problem, so registration reports it like any
 * other bad image (and {@code --skip-bad} can leave it out).
 *
 * @param studyUid StudyInstanceUID
 * @param seriesUid SeriesInstanceUID
 * @param frameOfReferenceUid FrameOfReferenceUID, or "" when absent
 * @param modality e.g. CT, MR, PT, US
 * @param sopClassUid SOP class of the image objects
 * @param rows Rows (height)
 * @param columns Columns (width)
 * @param samplesPerPixel 1 for grey, 3 for colour
 * @param rowSpacing spacing between rows (PixelSpacing[0]) in mm
 * @param columnSpacing spacing between columns (PixelSpacing[1]) in mm
 * @param sliceSpacing distance between slice positions along the normal, mm (SliceThickness or 1 for one slice)
 * @param rowDirection ImageOrientationPatient[0..2]: direction of increasing column index (x)
 * @param columnDirection ImageOrientationPatient[3..5]: direction of increasing row index (y)
 * @param window the header's first window (center, width), or null
 * @param slices in order of increasing position along the normal
 * @param warnings what is unusual but accepted (e.g. gantry tilt), for the user to see
 * @param problem why SegLoop refuses this series and how to fix it, or null when it is usable
 * @param fix what to do about {@code problem}
 */
public record DicomSeries(String studyUid, String seriesUid, String frameOfReferenceUid, String modality, String sopClassUid, int rows,
	int columns, int samplesPerPixel, double rowSpacing, double columnSpacing, double sliceSpacing, double[] rowDirection,
	double[] columnDirection, Window window, List<Slice> slices, List<String> warnings, String problem, String fix)
{

	/** The manifest's file name ending. */
	public static final String SUFFIX = ".dcmseries";

	/**
	 * One slice: a file, or one frame of a multi-frame file.
	 *
	 * @param file absolute path
	 * @param frame 0-based frame within the file
	 * @param sopInstanceUid SOPInstanceUID of the file
	 * @param sha256 content hash of the file when the series was registered
	 * @param position ImagePositionPatient of the slice's first pixel, mm
	 */
	public record Slice(String file, int frame, String sopInstanceUid, String sha256, double[] position) {

		public Path path() {
			return Path.of(file);
		}
	}

	/** A display window in physical values (e.g. HU). */
	public record Window(double center, double width) {}

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

	public DicomSeries {
		slices = List.copyOf(slices);
		warnings = List.copyOf(warnings);
	}

	public boolean usable() {
		return problem == null;
	}

	public int depth() {
		return slices.size();
	}

	/** The slice plane's normal: rowDirection × columnDirection. */
	public double[] normal() {
		return Vectors.cross(rowDirection, columnDirection);
	}

	/** The files of the series, each once, in slice order. */
	public List<Path> files() {
		return slices.stream().map(Slice::file).distinct().map(Path::of).toList();
	}

	/**
	 * The 4×4 affine (row-major) from voxel indices (x = column, y = row, z = slice) to patient
	 * coordinates in LPS millimetres, as DICOM defines them. The z column is the step between the
	 * first two slice positions, so a tilted gantry's shear is kept.
	 */
	public double[][] voxelToPatient() {
		double[] o = slices.get(0).position();
		double[] step = depth() > 1 ? Vectors.minus(slices.get(1).position(), o) : Vectors.scale(normal(), sliceSpacing);
		double[][] m = new double[4][4];
		for (int i = 0; i < 3; i++) {
			m[i][0] = rowDirection[i] * columnSpacing;
			m[i][1] = columnDirection[i] * rowSpacing;
			m[i][2] = step[i];
			m[i][3] = o[i];
		}
		m[3][3] = 1;
		return m;
	}

	/** A short name for outputs that says what the series is but nothing about the patient: e.g. {@code CT_3f9a01c2}. */
	public String displayName() {
		return modality.replaceAll("[^A-Za-z0-9]", "") + "_" + Hashing.sha256((studyUid + "/" + seriesUid).getBytes(StandardCharsets.UTF_8)).substring(0, 8);
	}

	/** Writes the manifest as {@code folder/displayName().dcmseries}, atomically, and returns its path. */
	public Path save(Path folder) {
		Path file = folder.resolve(displayName() + SUFFIX);
		try {
			Files.createDirectories(folder);
			Path tmp = Files.createTempFile(folder, ".series", ".tmp");
			Files.writeString(tmp, GSON.toJson(this) + "\n", StandardCharsets.UTF_8);
			Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			return file;
		}
		catch (IOException e) {
			throw new ImageInputException(file, "cannot be written: " + e.getMessage(), "check that the project folder is writable and the disk not full");
		}
	}

	/** Reads a manifest. */
	public static DicomSeries load(Path manifest) {
		try (Reader r = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
			DicomSeries s = GSON.fromJson(r, DicomSeries.class);
			if (s == null || s.slices() == null || s.slices().isEmpty() || s.rowDirection() == null || s.columnDirection() == null)
				throw new JsonParseException("incomplete");
			return s;
		}
		catch (IOException | JsonParseException | IllegalStateException | NullPointerException e) {
			throw new ImageInputException(manifest, "is not a readable DICOM series manifest (" + e.getMessage() + ")",
				"add the series' DICOM files to the project again; SegLoop writes this file itself");
		}
	}

	/** Whether {@code path} names a series manifest. */
	public static boolean isManifest(Path path) {
		return path.getFileName() != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(SUFFIX);
	}
}
