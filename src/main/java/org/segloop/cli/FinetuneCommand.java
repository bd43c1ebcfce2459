package org.segloop.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.ModelUpdate;
import org.segloop.core.loop.Predictor;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.training.FineTuneResult;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.work.Cancellation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "finetune", mixinStandardHelpOptions = true,
	description = { "Fine-tune the current model version on the accepted corrections (DJL, PyTorch on the CPU), record it as a new version "
		+ "if it beats its parent on held-out corrections, and re-score the queue with it.",
		"Ctrl-C stops without recording anything; re-scoring resumes with 'segloop predict'." })
final class FinetuneCommand implements Callable<Integer> {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--epochs", description = "at most this many epochs (default: ${DEFAULT-VALUE})")
	int epochs = FineTuneSettings.defaults().maxEpochs();

	@Option(names = "--patience", description = "stop after this many epochs without a better held-out Dice (default: ${DEFAULT-VALUE})")
	int patience = FineTuneSettings.defaults().patience();

	@Option(names = "--lr", description = "learning rate (default: ${DEFAULT-VALUE})")
	double learningRate = FineTuneSettings.defaults().learningRate();

	@Option(names = "--batch", description = "crops per step (default: ${DEFAULT-VALUE})")
	int batch = FineTuneSettings.defaults().batchSize();

	@Option(names = "--crop", description = "crop side in pixels, a multiple of 16 (default: ${DEFAULT-VALUE})")
	int crop = FineTuneSettings.defaults().cropSize();

	@Option(names = "--crop-depth", description = "crop depth in slices for 3D models, raised to a size the model accepts (default: ${DEFAULT-VALUE})")
	int cropDepth = FineTuneSettings.defaults().cropDepth();

	@Option(names = "--crops-per-image", description = "crops of each image per epoch (default: ${DEFAULT-VALUE})")
	int cropsPerImage = FineTuneSettings.defaults().cropsPerImage();

	@Option(names = "--validation", description = "share of corrected images held out (default: ${DEFAULT-VALUE})")
	double validation = FineTuneSettings.defaults().validationFraction();

	@Option(names = "--min-corrections", description = "refuse with fewer corrected images (default: ${DEFAULT-VALUE})")
	int minCorrections = FineTuneSettings.defaults().minCorrections();

	@Option(names = "--seed", description = "seed of split, crops, augmentation and PyTorch (default: ${DEFAULT-VALUE})")
	long seed = FineTuneSettings.defaults().seed();

	@Option(names = "--time-budget", description = "stop after this many seconds, keeping the best epoch; 0 = none (default: ${DEFAULT-VALUE})")
	double timeBudget = FineTuneSettings.defaults().timeBudgetSeconds();

	@Option(names = "--every", paramLabel = "N", description = "only when at least N corrections were accepted since the last fine-tuning "
		+ "(for an automatic loop: run it after every accept); 0 = always (default)")
	int every;

	@Option(names = "--no-rescore", description = "do not re-score the queue with the new version now")
	boolean noRescore;

	@Option(names = "--threads", description = "ONNX Runtime threads for re-scoring (default: all cores)")
	Integer threads;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Option(names = "--quiet", description = "no per-epoch lines")
	boolean quiet;

	@Override
	public Integer call() {
		var out = spec.commandLine().getOut();
		FineTuneSettings settings = new FineTuneSettings(epochs, patience, learningRate, batch, crop, cropsPerImage, validation, minCorrections, seed,
			timeBudget, FineTuneSettings.defaults().diceWeight(), cropDepth);
		Cancellation cancel = new Cancellation();
		InterruptHandler onCtrlC = InterruptHandler.install(cancel);
		boolean talk = !json && !quiet;
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
			ModelUpdate.Outcome outcome = new ModelUpdate(p).run(new ModelUpdate.Request(settings, every, !noRescore, RuntimeOptions.withThreads(threads)),
				new ModelUpdate.Listener() {
					@Override
					public void epoch(FineTuneResult.Epoch e, boolean best) {
						if (talk) out.printf("epoch %3d/%d  loss %.4f  held-out Dice %.4f%s  %.1f s%n", e.epoch(), epochs, e.trainLoss(), e.heldOutDice(),
							best ? " (best)" : "", e.seconds());
					}
				}, cancel);
			if (outcome instanceof ModelUpdate.NotDue n) {
				if (json) out.println(Json.GSON.toJson(Map.of("due", false, "new_corrections", n.newCorrections(), "every", n.every())));
				else out.printf("not due: %d new correction(s) since the last fine-tuning, %d needed%n", n.newCorrections(), n.every());
				return Main.OK;
			}
			ModelUpdate.Trained o = (ModelUpdate.Trained) outcome;
			ModelUpdate.Improved improved = o instanceof ModelUpdate.Improved i ? i : null;
			FineTuneResult r = o.result();
			Predictor.Report rescored = improved == null ? null : improved.rescored();
			if (json) {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("version", improved == null ? null : improved.version().id());
				m.put("parent", o.parent().id());
				m.put("held_out_dice", r.heldOutDice());
				m.put("parent_held_out_dice", r.startDice());
				m.put("corrections", o.corrections().size());
				m.put("validation_images", r.validationImages());
				m.put("epochs", r.epochs());
				m.put("best_epoch", r.bestEpoch());
				m.put("stop_reason", r.stopReason());
				m.put("seconds", r.seconds());
				m.put("rescored", rescored == null ? 0 : rescored.predicted());
				out.println(Json.GSON.toJson(m));
			}
			else {
				out.printf("trained on %d image(s), %d held out; %d epoch(s) in %.1f s (%s)%n", r.trainImages(), r.validationImages(), r.epochs(),
					r.seconds(), r.stopReason());
				if (improved != null) out.printf("version %d '%s' from version %d: held-out Dice %.4f -> %.4f; it is now current%n", improved.version().id(),
					improved.version().name(), o.parent().id(), r.startDice(), r.heldOutDice());
				else out.printf("no epoch beat version %d's held-out Dice %.4f; nothing recorded, version %d stays current%n", o.parent().id(),
					r.startDice(), o.parent().id());
				if (rescored != null) out.printf("queue re-scored: %d image(s) in %.1f s%s%n", rescored.predicted(), rescored.seconds(),
					rescored.failures().isEmpty() ? "" : ", " + rescored.failures().size() + " failed");
			}
			return Main.OK;
		}
		finally {
			onCtrlC.close();
		}
	}
}
