package org.segloop.testutil;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.testutil.DicomSeriesMaker.Spec;

/** DICOM series with unusual geometry (oblique, gantry-tilted) and projects of them on the bundled model, for tests. */
public final class DicomProjects {

	private DicomProjects() {}

	/** A CT of w×h×slices whose rows run 30° off x in the axial plane and whose columns dip 20° towards the feet (oblique in all three axes). */
	public static Spec oblique(String study, String series, int w, int h, int slices) {
		double a = Math.toRadians(30), b = Math.toRadians(20);
		double[] row = { Math.cos(a), Math.sin(a), 0 };
		double[] col = { -Math.sin(a) * Math.cos(b), Math.cos(a) * Math.cos(b), -Math.sin(b) };
		return DicomSeriesMaker.ct(study, series, w, h, slices).withGeometry(0.7, 2.5, row, col, new double[] { -60.5, 30.25, 112 });
	}

	/**
	 * Writes a series whose slice z is moved {@code shiftMm * z} along the column direction, as a
	 * tilted gantry acquires it (the slices are stepped off their normal); returns its folder.
	 */
	public static Path writeTilted(Spec s, Path dir, double shiftMm) throws IOException {
		List<Path> files = DicomSeriesMaker.writeSeries(s, dir, z -> "slice" + z + ".dcm");
		for (int z = 0; z < files.size(); z++) {
			double[] p = s.position(z);
			double[] c = s.columnDirection();
			try {
				AttributeList a = new AttributeList();
				a.read(files.get(z).toFile());
				Attribute at = new DecimalStringAttribute(TagFromName.ImagePositionPatient);
				for (int i = 0; i < 3; i++) at.addValue(DicomSeriesMaker.num(p[i] + shiftMm * z * c[i]));
				a.put(at);
				a.write(files.get(z).toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
			}
			catch (DicomException e) {
				throw new IOException(e);
			}
		}
		return dir;
	}

	/** A project of the given series folders (or files) on the bundled model, in {@code dir/project}. */
	public static ProjectStore project(Path dir, List<Path> inputs) {
		return ProjectSetup.init(dir.resolve("project"), Fixtures.BUNDLED_MODEL, inputs, ProjectSettings.defaults());
	}

	/** The registered series of a project's image. */
	public static DicomSeries seriesOf(ProjectStore p, long imageId) {
		return DicomSeries.load(p.images().byId(imageId).orElseThrow().path());
	}

	/**
	 * The voxel → RAS affine a NIfTI file of the series must carry, computed from the generator's
	 * spec alone (not SegLoop's series): LPS columns row·spacing, column·spacing, {@code step},
	 * first position; x and y rows negated.
	 */
	public static double[][] rasAffine(Spec s, double[] step) {
		double[][] m = new double[4][4];
		for (int i = 0; i < 3; i++) {
			double flip = i < 2 ? -1 : 1;
			m[i][0] = flip * s.rowDirection()[i] * s.pixelSpacing();
			m[i][1] = flip * s.columnDirection()[i] * s.pixelSpacing();
			m[i][2] = flip * step[i];
			m[i][3] = flip * s.position(0)[i];
		}
		m[3][3] = 1;
		return m;
	}

	/** The slice step of an untilted series (along the normal), for {@link #rasAffine}. */
	public static double[] step(Spec s) {
		double[] n = s.normal();
		return new double[] { n[0] * s.sliceSpacing(), n[1] * s.sliceSpacing(), n[2] * s.sliceSpacing() };
	}

	/** Rewrites DICOM files after {@code edit} changed their attributes (e.g. to remove or change the window). */
	public static void edit(List<Path> files, java.util.function.Consumer<AttributeList> edit) throws IOException {
		for (Path f : files) try {
			AttributeList a = new AttributeList();
			a.read(f.toFile());
			edit.accept(a);
			a.write(f.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
		}
		catch (DicomException e) {
			throw new IOException(e);
		}
	}
}
