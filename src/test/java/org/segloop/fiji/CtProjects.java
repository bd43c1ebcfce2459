package org.segloop.fiji;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.DicomSeriesMaker.Spec;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.Projects;

/** Generated CT series, and predicted projects of them on the bundled model, for the Fiji tests. */
final class CtProjects {

	private CtProjects() {}

	/**
	 * A 64 × 64 × {@code slices} CT (0.7 × 0.7 × 2.5 mm, HU = stored − 1024): air (−1000 HU) with a
	 * bright disk (+200 HU) whose radius grows with the slice, so slices differ.
	 */
	static Spec disks(String study, int slices) {
		return DicomSeriesMaker.ct(study, study + ".1", 64, 64, slices).withVoxels((xy, z) -> {
			int x = xy % 64 - 32, y = xy / 64 - 30;
			return x * x + y * y <= (6 + 2 * z) * (6 + 2 * z) ? 1224 : 24;
		});
	}

	/** Writes the series with shuffled file names without suffix (as archives export them) into {@code folder}. */
	static Path write(Spec s, Path folder) throws IOException {
		DicomSeriesMaker.writeSeries(s, folder, z -> String.format("IM%04d", (z * 7 + 3) % 97));
		return folder;
	}

	/** A predicted project (closed) of the series written into dir/ct; returns its folder. */
	static Path predicted(Path dir, Spec s) throws IOException {
		Path ct = write(s, dir.resolve("ct"));
		try (ProjectStore p = ProjectSetup.init(dir.resolve("project"), Fixtures.BUNDLED_MODEL, List.of(ct), ProjectSettings.defaults())) {
			Projects.predict(p);
			return p.folder();
		}
	}
}
