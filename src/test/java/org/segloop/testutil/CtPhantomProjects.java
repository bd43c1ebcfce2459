package org.segloop.testutil;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.segloop.core.bench.CtPhantom;
import org.segloop.core.bench.CtPhantomSeries;
import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.image.Calibration;
import org.segloop.core.loop.CorrectionIntake;
import org.segloop.core.loop.LabelImport;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.metrics.CorrectionMetrics;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;

/**
 * Projects of generated CT phantom series ({@link CtPhantomSeries}, one folder per seed) on the
 * bundled 3D CT model, and a scripted radiologist who accepts the phantom's true classes.
 */
public final class CtPhantomProjects {

	public static final Path CT_MODEL = Path.of("models", "ct-organ-unet3d");

	private static ModelPackage ct;

	private CtPhantomProjects() {}

	/** The bundled CT model, opened once per test JVM. */
	public static synchronized ModelPackage ctModel() {
		if (ct == null) ct = ModelPackage.open(CT_MODEL);
		return ct;
	}

	/** Writes the phantom of a seed as a DICOM series into {@code dir/phantom_SEED}; returns the folder. */
	public static Path series(Path dir, long seed, int w, int h, int d) throws IOException {
		Path folder = dir.resolve("phantom_" + seed);
		CtPhantomSeries.write(folder, seed, w, h, d, "P" + seed);
		return folder;
	}

	/** A project in dir/project of {@code volumes} phantoms (seeds {@code seed, seed + 1, …}) on {@code model}. */
	public static ProjectStore of(Path dir, Path model, int volumes, int w, int h, int d, long seed) throws IOException {
		List<Path> folders = new ArrayList<>();
		for (int i = 0; i < volumes; i++) folders.add(series(dir.resolve("ct"), seed + i, w, h, d));
		return ProjectSetup.init(dir.resolve("project"), model, folders, ProjectSettings.defaults());
	}

	/** The phantom seed of a project's image (from its series folder's name). */
	public static long seedOf(ProjectStore p, long imageId) {
		Path first = DicomSeries.load(p.images().byId(imageId).orElseThrow().path()).files().get(0);
		return Long.parseLong(first.getParent().getFileName().toString().substring("phantom_".length()));
	}

	/** The next {@code count} images are accepted with the phantom's true classes (a perfect semantic correction). */
	public static List<Correction> correctWithTruth(ProjectStore p, String annotator, int count, int w, int h, int d) {
		List<Correction> out = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ImageQueue.Lease lease = p.queue().next(annotator).orElseThrow();
			var truth = CtPhantom.generate(seedOf(p, lease.imageId()), w, h, d).classVolume();
			out.add(new CorrectionIntake(p).accept(lease.imageId(), lease.token(), truth, CorrectionMetrics.Kind.SEMANTIC, 10.0));
		}
		return out;
	}

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
