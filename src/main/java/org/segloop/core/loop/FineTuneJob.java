package org.segloop.core.loop;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;

import org.segloop.core.SegLoopException;
import org.segloop.core.UserAction;
import org.segloop.core.UserSetting;
import org.segloop.core.model.WeightFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.JournalEvent;
import org.segloop.core.project.ModelVersions.FineTuned;
import org.segloop.core.project.ModelVersions.ModelVersion;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.training.FineTuneResult;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.training.FineTuner;
import org.segloop.core.training.TrainingData;
import org.segloop.core.work.Cancellation;

/**
 * Fine-tunes the project's current model version on its accepted corrections and records the
 * result as a child version: the weights go into the file store first, then one transaction adds
 * the version with its lineage, training record and held-out Dice. The child becomes current only
 * when it beats its parent on the held-out corrections; when no epoch does, nothing is recorded.
 * A cancelled, diverged or killed run leaves the project as it was (an unreferenced weights file
 * at most, which the next sweep removes).
 *
 * <p>Blocking; needs the project's writer lock. Re-scoring the queue with the new version is
 * {@link Predictor}'s job (resumable, image by image); {@link ModelUpdate} runs both as the loop's model step.
 */
public final class FineTuneJob {

	/** The outcome: the recorded version (null when none was better) and the training run. */
	public record Outcome(ModelVersion parent, ModelVersion version, FineTuneResult result, List<Correction> corrections) {

		public boolean improved() {
			return version != null;
		}
	}

	private final ProjectStore store;

	public FineTuneJob(ProjectStore store) {
		this.store = store;
	}

	/**
	 * @throws SegLoopException when there are fewer corrected images than the settings need (naming
	 *           how many more), or the model cannot be fine-tuned
	 */
	public Outcome run(FineTuneSettings settings, FineTuner.Listener listener, Cancellation cancel) {
		store.sweepOrphanFiles();
		ModelVersion parent = store.models().current();
		List<Correction> corrections = CorrectionSamples.latestPerImage(store);
		if (corrections.size() < settings.minCorrections()) {
			int more = settings.minCorrections() - corrections.size();
			throw new SegLoopException(store.folder(), "has " + corrections.size() + " corrected image" + (corrections.size() == 1 ? "" : "s")
				+ "; fine-tuning needs at least " + settings.minCorrections() + " (some to train on, some held out to check the result)",
				"correct " + more + " more image" + (more == 1 ? "" : "s") + ", or lower the minimum number of corrected images",
				UserAction.ANNOTATE.on(store.folder()), UserSetting.MIN_CORRECTIONS);
		}
		VersionedModel model = VersionedModel.open(store, parent);
		CorrectionSamples.Loaded loaded = CorrectionSamples.load(store, model.pkg(), corrections);
		TrainingData data = TrainingData.split(loaded.byImage(), settings.validationFraction(), settings.seed());
		FineTuneResult result = new FineTuner(settings).run(model.pkg(), model.weights(), data, listener, cancel);
		if (!result.improved()) {
			store.appendEvent("segloop", JournalEvent.FINE_TUNE_KEPT_PARENT, null, null, String.format("held-out Dice %.4f not beaten", result.startDice()));
			return new Outcome(parent, null, result, corrections);
		}
		cancel.check();
		String weightsFile;
		try {
			weightsFile = store.files().put(f -> WeightFiles.write(result.weights(), f), "weights");
		}
		catch (IOException e) {
			throw new SegLoopException(store.folder(), "cannot save the fine-tuned weights: " + e.getMessage(),
				"free disk space and fine-tune again; the current model version is unchanged", e);
		}
		int fineTuned = (int) store.models().all().stream().filter(ModelVersion::isFineTuned).count();
		String name = store.models().root(parent).name() + " · fine-tuned " + (fineTuned + 1);
		ModelVersion version = store.models().addFineTuned(parent,
			new FineTuned(name, weightsFile, trainingJson(settings, result, corrections, data), result.heldOutDice(), result.startDice()), true);
		return new Outcome(parent, version, result, corrections);
	}

	/**
	 * Corrections accepted since the last fine-tuning run (recorded or not), or since the current
	 * version was made: what an automatic loop counts to decide whether to fine-tune again.
	 */
	public static int newCorrections(ProjectStore store) {
		long since = Math.max(store.models().current().createdAt(), store.lastEventAt(JournalEvent.FINE_TUNED, JournalEvent.FINE_TUNE_KEPT_PARENT).orElse(0));
		return store.corrections().countSince(since);
	}

	private static String trainingJson(FineTuneSettings settings, FineTuneResult r, List<Correction> corrections, TrainingData data) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("settings", settings);
		json.put("corrections", corrections.stream().map(Correction::id).toList());
		json.put("held_out_planes", data.validation().stream().map(s -> s.name()).toList());
		json.put("train_images", r.trainImages());
		json.put("validation_images", r.validationImages());
		json.put("epochs", r.epochs());
		json.put("best_epoch", r.bestEpoch());
		json.put("stop_reason", r.stopReason());
		json.put("seconds", Math.round(r.seconds() * 10) / 10.0);
		json.put("class_weights", r.classWeights());
		json.put("history", r.history());
		return new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(json);
	}
}
