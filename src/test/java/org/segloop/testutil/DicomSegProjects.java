package org.segloop.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.loop.CorrectionIntake;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.metrics.CorrectionMetrics;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.testutil.DicomSeriesMaker.Spec;

/**
 * A project of DICOM series (axial slice files, an oblique rotated series, an enhanced multi-frame
 * object) and one TIFF, on the bundled model, predicted and corrected by "alice": every series gets a
 * class mask of disks of class 1 (nucleus), none on its first slice; the TIFF its proposal minus object 1.
 */
public final class DicomSegProjects {

	private DicomSegProjects() {}

	/** The project and, per series manifest, the class mask its correction holds. */
	public record Corrected(ProjectStore project, Map<Path, LabelVolume> masks, Path tiff) {}

	public static final String STUDY = "1.2.826.0.1.3680043.9.7.14";

	/** The oblique series: rows run 30° from x in the axial plane, columns tilt 20° out of it. */
	public static Spec oblique() {
		double a = Math.toRadians(30), b = Math.toRadians(20);
		double[] row = { Math.cos(a), Math.sin(a), 0 };
		double[] column = { -Math.sin(a) * Math.cos(b), Math.cos(a) * Math.cos(b), -Math.sin(b) };
		return DicomSeriesMaker.ct(STUDY, STUDY + ".2", 64, 64, 3).withModality("MR").withGeometry(0.8, 3.0, row, column, new double[] { 12.5, -30, 7 });
	}

	public static Spec axial() {
		return DicomSeriesMaker.ct(STUDY, STUDY + ".1", 64, 64, 4);
	}

	public static Spec multiFrame() {
		return DicomSeriesMaker.ct(STUDY, STUDY + ".3", 64, 64, 5);
	}

	public static Corrected make(Path dir) throws IOException {
		DicomSeriesMaker.writeSeries(axial(), dir.resolve("in/axial"), z -> "ax" + z + ".dcm");
		DicomSeriesMaker.writeSeries(oblique(), dir.resolve("in/oblique"), z -> "ob" + z);
		DicomSeriesMaker.writeMultiFrame(multiFrame(), dir.resolve("in/multi/enhanced.dcm"));
		Path tiff = Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples/nuclei_01.tif"), dir.resolve("nuclei_01.tif"));
		ProjectStore p = ProjectSetup.init(dir.resolve("project"), Fixtures.BUNDLED_MODEL,
			List.of(dir.resolve("in/axial"), dir.resolve("in/oblique"), dir.resolve("in/multi"), tiff), ProjectSettings.defaults());
		Projects.predict(p);
		Map<Path, LabelVolume> masks = new LinkedHashMap<>();
		for (int i = 0; i < 4; i++) {
			ImageQueue.Lease lease = p.queue().next("alice").orElseThrow();
			ImageRecord image = p.images().byId(lease.imageId()).orElseThrow();
			if (DicomSeries.isManifest(image.path())) {
				LabelVolume mask = disks(image.width(), image.height(), image.slices());
				new CorrectionIntake(p).accept(lease.imageId(), lease.token(), mask, CorrectionMetrics.Kind.SEMANTIC, 40.0);
				masks.put(image.path(), mask);
			}
			else new CorrectionIntake(p).accept(lease.imageId(), lease.token(),
				Projects.proposalAsMask(p, lease.imageId(), dir, Projects::deleteObjectOne), null, 30.0);
		}
		return new Corrected(p, masks, tiff);
	}

	/** Class 1 disks of radius 6 moving across the slices; the first slice is empty. */
	public static LabelVolume disks(int w, int h, int slices) {
		int[][] planes = new int[slices][w * h];
		for (int z = 1; z < slices; z++) {
			int cx = 14 + 7 * z, cy = 20 + 3 * z;
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= 36) planes[z][y * w + x] = 1;
		}
		return new LabelVolume(w, h, slices, 1, planes, new double[] { 1, 1, 1 });
	}
}
