package org.segloop.testutil;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.segloop.core.bench.CtPhantomSeries;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;

/** Projects of generated CT phantom series on the bundled CT model (organ class, lesion instances). */
public final class CtPhantomProjects {

	/** The bundled 3D CT model: background, organ, lesion; lesions are instances. */
	public static final Path CT_MODEL = Path.of("models", "ct-organ-unet3d");

	private CtPhantomProjects() {}

	/** A predicted project (closed) of one phantom series written into dir/ct; returns its folder. */
	public static Path predicted(Path dir, long seed, int width, int height, int depth, ProjectSettings settings) throws IOException {
		Path ct = dir.resolve("ct");
		CtPhantomSeries.write(ct, seed, width, height, depth, "PHANTOM" + seed);
		try (ProjectStore p = ProjectSetup.init(dir.resolve("project"), CT_MODEL, List.of(ct), settings)) {
			Projects.predict(p);
			return p.folder();
		}
	}
}
