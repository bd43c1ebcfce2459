package org.segloop.fiji;

import java.util.Optional;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.ModelUpdate;
import org.segloop.core.training.FineTuneResult;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.work.Cancellation;

import ij.IJ;

/**
 * Fine-tunes the project's model on the accepted corrections, keeps the new version if it beats
 * the current one on held-out corrections, and re-scores the queue with it. Progress per epoch in
 * the status bar; Esc stops without recording anything. Macro:
 * {@code run("Fine-tune Model", "project=[/data/p1] annotator=ana epochs=30 time_budget=300 learning_rate=0.001 seed=42 rescore=true");}
 * With {@code every=N} it trains only once N corrections were accepted since the last run, so a
 * macro can call it after every accept as an automatic loop.
 */
@Plugin(type = org.scijava.command.Command.class, menuPath = "Plugins>SegLoop>Fine-tune Model", headless = true)
public class FineTuneCommand extends ProjectCommand {

	@Parameter
	private StatusService status;

	@Parameter(label = "Maximum epochs", min = "1")
	private int epochs = FineTuneSettings.defaults().maxEpochs();

	@Parameter(label = "Time budget (s, 0 = none)", min = "0")
	private double time_budget = FineTuneSettings.defaults().timeBudgetSeconds();

	@Parameter(label = "Learning rate")
	private double learning_rate = FineTuneSettings.defaults().learningRate();

	@Parameter(label = "Seed")
	private long seed = FineTuneSettings.defaults().seed();

	@Parameter(label = "Re-score the queue with the new version")
	private boolean rescore = true;

	@Parameter(label = "Only after N new corrections (0 = now)", min = "0", required = false, persist = false) // a macro that omits it must not inherit a loop's N
	private int every = 0;

	@Parameter(type = ItemIO.OUTPUT)
	private String message;

	@Override
	public void run() {
		FineTuneSettings settings = FineTuneSettings.defaults().withEpochs(epochs, FineTuneSettings.defaults().patience()).withTimeBudget(time_budget)
			.withLearningRate(learning_rate).withSeed(seed);
		// asked as short work, so a loop's "not due" answers at once, not behind a running prediction
		Optional<ModelUpdate.NotDue> notDue = withSession(session -> ModelUpdate.notDue(session.store(), every));
		if (notDue.isPresent()) {
			message = LoopMessages.modelUpdated(notDue.get());
			return;
		}
		Cancellation cancel = new Cancellation();
		IJ.resetEscape();
		ModelUpdate.Request request = new ModelUpdate.Request(settings, every, rescore, RuntimeOptions.defaults());
		// long work on the session thread: Next / Accept handed in meanwhile run between optimisation steps and images
		ModelUpdate.Outcome outcome = segloop.runLong(cancel, (session, safePoint) -> LoopActions.updateModel(session, safePoint, request,
			new LoopActions.Progress() {
				@Override
				public void show(int done, int total, String what) {
					if (IJ.escapePressed()) cancel.cancel();
					status.showProgress(done, total);
				}

				@Override
				public void epoch(FineTuneResult.Epoch e, boolean best) {
					status.showStatus(String.format("SegLoop fine-tuning: epoch %d, held-out Dice %.4f%s (Esc stops)", e.epoch(), e.heldOutDice(),
						best ? ", best so far" : ""));
				}
			}, cancel));
		message = LoopMessages.modelUpdated(outcome);
		status.clearStatus();
		status.showStatus(message);
		segloop.changed();
	}
}
