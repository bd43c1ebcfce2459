package org.segloop.core.loop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.segloop.core.SegLoopException;
import org.segloop.core.UserAction;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.inference.SegmentOptions;
import org.segloop.core.inference.SegmentationResult;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.ModelPackageException;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.output.SegmentationFiles;
import org.segloop.core.project.FileStore;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.ModelVersions.ModelVersion;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectException;
import org.segloop.core.project.ProjectExtensions;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.QueueStatus;
import org.segloop.core.queue.ImageEmbedding;
import org.segloop.core.metrics.VoxelVolume;
import org.segloop.core.uncertainty.ObjectUncertainty;
import org.segloop.core.uncertainty.ScoredSegmentation;
import org.segloop.core.uncertainty.Scorers;
import org.segloop.core.uncertainty.UncertaintyScorer;
import org.segloop.core.work.Cancellation;

/**
 * Proposes and scores every queued image that the current model version has not seen yet. Each
 * image is committed on its own (files first, then its row), so an interrupted run keeps what it
 * finished and a re-run resumes with the rest. An image that cannot be predicted (gone, changed
 * since registration, unreadable, not what the model takes) is set aside as failed with the
 * reason, and the others go on; later runs leave it out until it is retried
 * ({@code ImageQueue.retryFailed}) or its file is re-registered, so one bad image never blocks a run.
 *
 * <p>Blocking; one run per project at a time (the writer lock guarantees it). Cancel between or
 * inside images through the {@link Cancellation}.
 */
public final class Predictor {

	/** Told after every image: how many of how many, and which. */
	@FunctionalInterface
	public interface Listener {
		void imageDone(int done, int total, ImageRecord image, Prediction prediction);
	}

	/**
	 * What a run did.
	 *
	 * @param remaining images of this run left without a proposal (the failed ones)
	 * @param failed the errors of the images that failed in this run (each names its file), for a surface to word
	 * @param failedBefore images that had failed in earlier runs and were left out
	 */
	public record Report(int predicted, int remaining, List<SegLoopException> failed, double seconds, int orphansRemoved, int failedBefore) {

		/** The messages of the images that failed in this run. */
		public List<String> failures() {
			return failed.stream().map(SegLoopException::getMessage).toList();
		}
	}

	private final ProjectStore store;
	private final RuntimeOptions runtime;

	public Predictor(ProjectStore store, RuntimeOptions runtime) {
		this.store = store;
		this.runtime = runtime;
	}

	/** The current model's package, checked against the hash the project recorded. */
	public static ModelPackage openModel(ModelVersion version) {
		ModelPackage pkg = ModelPackage.open(version.source());
		String sha = org.segloop.core.util.Hashing.sha256(pkg.onnxFile());
		if (!sha.equals(version.sha256())) throw new ModelPackageException(pkg.onnxFile(), "has changed since the project started using it "
			+ "(sha256 " + sha.substring(0, 12) + "…, project expects " + version.sha256().substring(0, 12) + "…)",
			"restore the original model, or create a new project with the new one", UserAction.CREATE_PROJECT);
		return pkg;
	}

	public Report run(Listener listener, org.segloop.core.work.ProgressListener tiles, Cancellation cancel) {
		long start = System.nanoTime();
		int orphans = store.sweepOrphanFiles();
		ModelVersion version = store.models().current();
		ProjectSettings settings = store.settings();
		List<Long> pending = store.predictions().pending(version.id());
		int failedBefore = store.queue().counts().get(QueueStatus.FAILED).intValue();
		List<SegLoopException> failures = new ArrayList<>();
		int done = 0;
		if (!pending.isEmpty()) {
			UncertaintyScorer scorer = ProjectExtensions.scorer(store.folder(), settings);
			VersionedModel model = VersionedModel.open(store, version);
			try (SegmentationTool tool = new SegmentationTool(model.pkg(), runtime, SegmentOptions.defaults(), model.weights())) {
				for (long id : pending) {
					cancel.check();
					ImageRecord record = store.images().byId(id).orElseThrow();
					try {
						Prediction p = predictOne(tool, scorer, version, settings, record, tiles, cancel);
						done++;
						listener.imageDone(done, pending.size(), record, p);
					}
					catch (ProjectException | org.segloop.core.image.ImageInputException | org.segloop.core.inference.InferenceException e) {
						failures.add(e);
						store.queue().markFailed(id, e.getMessage());
					}
				}
			}
		}
		return new Report(done, pending.size() - done, failures, (System.nanoTime() - start) / 1e9, orphans, failedBefore);
	}

	private Prediction predictOne(SegmentationTool tool, UncertaintyScorer scorer, ModelVersion version, ProjectSettings settings,
		ImageRecord record, org.segloop.core.work.ProgressListener tiles, Cancellation cancel)
	{
		long t0 = System.nanoTime();
		store.images().verify(record);
		ImageVolume image = ImageSources.read(record.path());
		ScoredSegmentation s = Scorers.score(scorer, tool, image, record.path(), tiles, cancel); // an added scorer's failure stops the run
		SegmentationResult r = s.proposal();
		FileStore files = store.files();
		try {
			String classes = files.put(f -> LabelFiles.write(SegmentationFiles.classLabels(r), f, image.calibration()), "tif");
			String instances = r.instances() == null ? null
				: files.put(f -> LabelFiles.write(SegmentationFiles.instanceLabels(r), f, image.calibration()), "tif");
			String map = files.put(f -> LabelFiles.writeFloat(s.uncertainty(), image.width(), image.height(), image.slices(), image.frames(), f,
				image.calibration()), "tif");
			Prediction p = new Prediction(0, record.id(), version.id(), record.sha256(), classes, instances, map, r.instanceCount(), scorer.name(),
				s.scores(), objectUncertainty(r, s.uncertainty(), image.calibration()), ImageEmbedding.of(image), (System.nanoTime() - t0) / 1e9,
				System.currentTimeMillis());
			return store.predictions().store(p, settings.reduction());
		}
		catch (IOException e) {
			throw new SegLoopException(store.folder(), "cannot write the proposal of " + record.path().getFileName() + ": " + e.getMessage(),
				"check free disk space; nothing was recorded for this image", e);
		}
	}

	/** Per instance: mean uncertainty, size, volume and slices, as {@link ObjectUncertainty}'s JSON; null without instances. */
	static String objectUncertainty(SegmentationResult r, float[][] map, org.segloop.core.image.Calibration calibration) {
		if (r.instances() == null || r.instanceCount() == 0) return null;
		VoxelVolume voxel = VoxelVolume.of(LabelFiles.spacing(calibration), calibration.unit(), r.geometry().slices());
		return ObjectUncertainty.toJson(ObjectUncertainty.measure(SegmentationFiles.instanceLabels(r).labels(), r.instanceCount(), map,
			r.geometry().slices(), voxel));
	}
}
