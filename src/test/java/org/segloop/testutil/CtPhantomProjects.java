package org.segloop.testutil;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.segloop.core.bench.CtPhantom;
import org.segloop.core.bench.CtPhantomSeries;
import org.segloop.core.image.Calibration;
import org.segloop.core.loop.LabelImport;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;

/** Projects of generated CT phantom series on the bundled CT model (organ class, lesion instances). */
public final class CtPhantomProjects {

	/** The bundled 3D CT model: background, organ, lesion; lesions are instances. */
	public static final Path CT_MODEL = Path.of("models", "ct-organ-unet3d");

	private CtPhantomProjects() {}

	/**
	 * Replaces the model's proposal of the project's one image with the phantom's true classes (an
	 * organ with lesions inside), so a test does not depend on what the provisional weights propose;
	 * the stored uncertainty becomes 0.
	 */
	public static void truthAsProposal(Path project, long seed, int width, int height, int depth) throws IOException {
		CtPhantom.Volume truth = CtPhantom.generate(seed, width, height, depth);
		Path labels = project.resolveSibling("truth-classes.tif");
		LabelFiles.write(truth.classVolume(), labels, new Calibration(0.7, 0.7, 2.5, "mm", 0, 1, ""));
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
			new LabelImport(p).asProposal(p.queue().entries(1).get(0).imageId(), labels);
		}
	}

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
