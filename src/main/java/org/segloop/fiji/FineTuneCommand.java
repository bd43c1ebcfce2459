package org.segloop.fiji;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.FineTuneJob;
import org.segloop.core.loop.Predictor;
import org.segloop.core.training.FineTuneResult;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.training.FineTuner;
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
		int fresh = withSession(session -> FineTuneJob.newCorrections(session.store()));
		if (every > 0 && fresh < every) {
			message = "not due: " + fresh + " new correction(s) since the last fine-tuning, " + every + " needed";
			return;
		}
		Cancellation cancel = new Cancellation();
		IJ.resetEscape();
		// long work on the session thread: Next / Accept handed in meanwhile run between optimisation steps and images
		message = segloop.runLong(cancel, (session, safePoint) -> {
			FineTuneJob job = new FineTuneJob(session.store());
			FineTuneJob.Outcome o = job.run(settings, new FineTuner.Listener() {
				@Override
				public void step(int epoch, int step, int steps) {
					if (IJ.escapePressed()) cancel.cancel();
					status.showProgress((epoch - 1) * steps + step, epochs * steps);
					safePoint.run();
				}

				@Override
				public void epoch(FineTuneResult.Epoch e, boolean best) {
					status.showStatus(String.format("SegLoop fine-tuning: epoch %d, held-out Dice %.4f%s (Esc stops)", e.epoch(), e.heldOutDice(),
						best ? ", best so far" : ""));
				}
			}, cancel);
			FineTuneResult r = o.result();
			if (!o.improved()) return String.format("no epoch beat the current version's held-out Dice %.4f; the model is unchanged", r.startDice());
			int rescored = rescore ? new Predictor(session.store(), RuntimeOptions.defaults()).run((done, total, image, p) -> {
				status.showProgress(done, total);
				safePoint.run();
			}, (done, total, what) -> safePoint.run(), cancel).predicted() : 0;
			return String.format("version %d: held-out Dice %.4f -> %.4f after %d epochs (%.0f s); %d queued image(s) re-scored", o.version().id(),
				r.startDice(), r.heldOutDice(), r.epochs(), r.seconds(), rescored);
		});
		status.clearStatus();
		status.showStatus(message);
		segloop.changed();
	}
}
