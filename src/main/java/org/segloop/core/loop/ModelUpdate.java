package org.segloop.core.loop;

import java.util.List;
import java.util.Optional;

import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.ModelVersions.ModelVersion;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.training.FineTuneResult;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.training.FineTuner;
import org.segloop.core.work.Cancellation;

/**
 * The loop's model step, the one way every surface runs it: fine-tune the current version on the
 * accepted corrections when enough new ones came in, keep the result only when it beats its parent
 * on held-out corrections ({@link FineTuneJob}), then re-score the queue with it ({@link Predictor})
 * so the next image served is the one the new version is least sure of. What happened comes back
 * as an {@link Outcome}, which each surface words its own way.
 *
 * <p>Blocking; needs the project's writer lock. A cancelled run records no version; a cancelled
 * re-score keeps the images it finished (prediction resumes the rest).
 */
public final class ModelUpdate {

	/**
	 * What to run.
	 *
	 * @param every fine-tune only when at least this many corrections were accepted since the last
	 *     fine-tuning (an automatic loop runs it after every accept); 0 = always
	 * @param rescore whether a new version re-scores the queue at once
	 * @param runtime how the re-scoring runs the model
	 */
	public record Request(FineTuneSettings settings, int every, boolean rescore, RuntimeOptions runtime) {

		/** Always due, re-scoring with the default runtime. */
		public static Request of(FineTuneSettings settings) {
			return new Request(settings, 0, true, RuntimeOptions.defaults());
		}
	}

	/** What a model update did: {@link NotDue}, {@link KeptParent} or {@link Improved}. */
	public sealed interface Outcome permits NotDue, Trained {}

	/** Fewer than {@code every} corrections were accepted since the last fine-tuning: nothing ran. */
	public record NotDue(int newCorrections, int every) implements Outcome {}

	/** A training run from {@code parent} on {@code corrections} took place. */
	public sealed interface Trained extends Outcome permits KeptParent, Improved {

		ModelVersion parent();

		FineTuneResult result();

		List<Correction> corrections();
	}

	/** No epoch beat the parent's held-out Dice: no version was recorded and the parent stays current. */
	public record KeptParent(ModelVersion parent, FineTuneResult result, List<Correction> corrections) implements Trained {

		public double startDice() {
			return result.startDice();
		}
	}

	/**
	 * A new version beat its parent and is current.
	 *
	 * @param rescored the re-scoring of the queue, null when it was not asked for
	 */
	public record Improved(ModelVersion parent, ModelVersion version, FineTuneResult result, List<Correction> corrections, Predictor.Report rescored)
		implements Trained
	{

		/** Images re-scored with the new version (0 when re-scoring was not asked for). */
		public int rescoredImages() {
			return rescored == null ? 0 : rescored.predicted();
		}
	}

	/** Told how the update goes; every method is called on the working thread, so keep them quick. */
	public interface Listener extends FineTuner.Listener {

		/** After every image re-scored with the new version. */
		default void rescored(int done, int total, ImageRecord image) {}

		/**
		 * Between optimisation steps, tiles and images, with no transaction open: where the caller
		 * may run other work on the same store meanwhile (Fiji serves Next and Accept there).
		 */
		default void safePoint() {}
	}

	private final ProjectStore store;

	public ModelUpdate(ProjectStore store) {
		this.store = store;
	}

	/**
	 * Not due when fewer than {@code every} corrections came in since the last fine-tuning (one
	 * count, so a surface may ask before it queues the long work); empty when due.
	 */
	public static Optional<NotDue> notDue(ProjectStore store, int every) {
		if (every <= 0) return Optional.empty();
		int fresh = FineTuneJob.newCorrections(store);
		return fresh < every ? Optional.of(new NotDue(fresh, every)) : Optional.empty();
	}

	/**
	 * @throws org.segloop.core.SegLoopException when there are too few corrected images to
	 *           fine-tune, or the model cannot be fine-tuned
	 * @throws java.util.concurrent.CancellationException when cancelled
	 */
	public Outcome run(Request request, Listener listener, Cancellation cancel) {
		Optional<NotDue> notDue = notDue(store, request.every());
		if (notDue.isPresent()) return notDue.get();
		FineTuneJob.Outcome trained = new FineTuneJob(store).run(request.settings(), new FineTuner.Listener() {
			@Override
			public void step(int epoch, int step, int stepsPerEpoch) {
				listener.step(epoch, step, stepsPerEpoch);
				listener.safePoint();
			}

			@Override
			public void epoch(FineTuneResult.Epoch epoch, boolean best) {
				listener.epoch(epoch, best);
			}
		}, cancel);
		if (!trained.improved()) return new KeptParent(trained.parent(), trained.result(), trained.corrections());
		Predictor.Report rescored = request.rescore() ? rescore(request.runtime(), listener, cancel) : null;
		return new Improved(trained.parent(), trained.version(), trained.result(), trained.corrections(), rescored);
	}

	/** Every queued image gets the new version's proposal and score, committed one by one. */
	private Predictor.Report rescore(RuntimeOptions runtime, Listener listener, Cancellation cancel) {
		return new Predictor(store, runtime).run((done, total, image, prediction) -> {
			listener.rescored(done, total, image);
			listener.safePoint();
		}, (done, total, what) -> listener.safePoint(), cancel);
	}
}
