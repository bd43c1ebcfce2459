package org.segloop.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.segloop.core.image.Calibration;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.CorrectionIntake;
import org.segloop.core.loop.Predictor;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/** Projects on the bundled model and sample images, and a scripted annotator, for tests. */
public final class Projects {

	private Projects() {}

	/** Copies the first {@code images} bundled samples into {@code dir} and makes a project of them in dir/project. */
	public static ProjectStore ofSamples(Path dir, int images, ProjectSettings settings) throws IOException {
		List<Path> files = new ArrayList<>();
		for (int i = 1; i <= images; i++) {
			String name = String.format("nuclei_%02d.tif", i);
			files.add(Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples").resolve(name), dir.resolve(name)));
		}
		return ProjectSetup.init(dir.resolve("project"), Fixtures.BUNDLED_MODEL, files, settings);
	}

	/** A stack of {@code slices} crops of a bundled sample, shifted 20 rows per slice, with 0.5 × 0.5 × 2.5 micron voxels. */
	public static Path sampleStack(Path file, int w, int h, int slices) throws IOException {
		var sample = org.segloop.core.image.ImageReader.read(Fixtures.BUNDLED_MODEL.resolve("samples/nuclei_01.tif"));
		try (var t = new org.segloop.core.image.TiffWriter(file, w, h, 1, slices, 1, org.segloop.core.image.TiffWriter.PixelType.UINT16,
			new Calibration(0.5, 0.5, 2.5, "micron", 0, 1, "")))
		{
			short[] src = (short[]) sample.plane(0, 0, 0);
			for (int z = 0; z < slices; z++) {
				short[] plane = new short[w * h];
				for (int y = 0; y < h; y++) System.arraycopy(src, (y + 20 * z) * sample.width(), plane, y * w, w);
				t.writePage(z, plane);
			}
			t.commit();
		}
		return file;
	}

	/** A closed project of the first {@code images} samples, predicted; returns its folder. */
	public static Path predictedSamples(Path dir, int images) throws IOException {
		try (ProjectStore p = ofSamples(dir, images, ProjectSettings.defaults())) {
			predict(p);
			return p.folder();
		}
	}

	public static Predictor.Report predict(ProjectStore p) {
		return new Predictor(p, RuntimeOptions.defaults()).run((d, t, r, pr) -> {}, ProgressListener.NONE, new Cancellation());
	}

	/** Writes the latest proposal's instance labels of an image to {@code dir}, as a correction mask would be saved. */
	public static Path proposalAsMask(ProjectStore p, long imageId, Path dir, Consumer<LabelVolume> edit) throws IOException {
		ImageRecord image = p.images().byId(imageId).orElseThrow();
		Prediction pr = p.predictions().latest(imageId).orElseThrow();
		LabelVolume labels = LabelFiles.read(p.files().resolve(pr.instancesFile()), image, -1, "proposal");
		edit.accept(labels);
		Path mask = dir.resolve("mask_" + imageId + ".tif");
		LabelFiles.write(labels, mask, new Calibration(1, 1, 1, "pixel", 0, 1, ""));
		return mask;
	}

	/** The annotator takes the next image, deletes its object 1 and accepts. */
	public static Correction correctNext(ProjectStore p, String annotator, Path dir) throws IOException {
		ImageQueue.Lease lease = p.queue().next(annotator).orElseThrow();
		Path mask = proposalAsMask(p, lease.imageId(), dir, Projects::deleteObjectOne);
		return new CorrectionIntake(p).accept(lease.imageId(), lease.token(), mask, null, 30.0);
	}

	/** A project of generated cells (see {@code SyntheticCells.pool}) whose true masks lie beside the images as NAME.truth.tif. */
	public static ProjectStore ofCells(Path dir, int images, int size, long seed) throws IOException {
		List<Path> files = new ArrayList<>();
		var pool = org.segloop.core.bench.SyntheticCells.pool(images, size, 0.3, images / 2, seed);
		for (org.segloop.core.bench.SyntheticCells.Written w : org.segloop.core.bench.SyntheticCells.write(pool, dir, "cells")) {
			LabelFiles.write(w.sample().truth(), truthOf(w.file()), Calibration.none());
			files.add(w.file());
		}
		return ProjectSetup.init(dir.resolve("project"), Fixtures.BUNDLED_MODEL, files, ProjectSettings.defaults());
	}

	/** Where {@link #ofCells} put an image's true mask. */
	public static Path truthOf(Path image) {
		return image.resolveSibling(image.getFileName().toString().replace(".tif", ".truth.tif"));
	}

	/** The annotator takes the next {@code count} images and accepts their true masks (a perfect correction). */
	public static List<Correction> correctWithTruth(ProjectStore p, String annotator, int count) {
		List<Correction> out = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ImageQueue.Lease lease = p.queue().next(annotator).orElseThrow();
			Path image = p.images().byId(lease.imageId()).orElseThrow().path();
			out.add(new CorrectionIntake(p).accept(lease.imageId(), lease.token(), truthOf(image), null, 10.0));
		}
		return out;
	}

	public static void deleteObjectOne(LabelVolume v) {
		for (int[] plane : v.labels())
			for (int i = 0; i < plane.length; i++)
				if (plane[i] == 1) plane[i] = 0;
	}
}
