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
}
