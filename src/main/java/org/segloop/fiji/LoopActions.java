package org.segloop.fiji;

import java.util.Optional;

import org.segloop.core.correction.KeySlices;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.ModelUpdate;
import org.segloop.core.loop.Predictor;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.training.FineTuneResult;
import org.segloop.core.uncertainty.SliceRanking;
import org.segloop.core.work.Cancellation;

/**
 * What the SegLoop commands (and so macros) and the queue panel's buttons do, written once: the
 * core step on the session, then the view shows the next image or closes. Run on the session
 * thread (inside {@link SegLoopService#withSession} or its long work); {@link LoopMessages} words
 * what they return.
 */
final class LoopActions {

	/** How long work shows its progress (status bar, panel progress bar); called on the session thread. */
	interface Progress {

		void show(int done, int total, String what);

		/** After every fine-tuning epoch, with its held-out Dice. */
		default void epoch(FineTuneResult.Epoch epoch, boolean best) {}
	}

	private LoopActions() {}

	/** Leases the next image and shows it at its most uncertain slice; closes the view when the queue is done. */
	static Optional<AnnotationSession.Proposal> next(AnnotationSession session, AnnotationView view) {
		Optional<AnnotationSession.Proposal> next = session.next();
		next.ifPresentOrElse(p -> show(view, p), view::close);
		return next;
	}

	/** Shows a proposal at its most uncertain slice (a volume is opened where correcting it pays most). */
	private static void show(AnnotationView view, AnnotationSession.Proposal p) {
		view.show(p);
		SliceRanking.Slice first = p.slices().first();
		view.showSlice(first.slice(), first.frame());
	}

	/** Where a step through the slices of the shown volume went: the slice shown, or empty past the end of the ranking. */
	record SliceStep(Optional<SliceRanking.Slice> to, SliceRanking.Slice from, int rank, int of) {}

	/**
	 * Shows the slice {@code steps} places down the uncertainty ranking from the one shown now
	 * (1: the next most uncertain; -1: the previous); stays put at either end.
	 *
	 * @throws IllegalStateException when no image is being annotated
	 */
	static SliceStep stepSlice(AnnotationSession session, AnnotationView view, int steps) {
		AnnotationSession.Proposal p = session.current()
			.orElseThrow(() -> new IllegalStateException("no image is being annotated: run Annotate Next first"));
		SliceRanking r = p.slices();
		int[] at = view.shownSlice();
		SliceRanking.Slice from = at == null ? r.first() : r.ranked().get(r.rankOf(at[0], at[1]));
		Optional<SliceRanking.Slice> to = r.step(from.slice(), from.frame(), steps);
		to.ifPresent(s -> view.showSlice(s.slice(), s.frame()));
		SliceRanking.Slice now = to.orElse(from);
		return new SliceStep(to, from, r.rankOf(now.slice(), now.frame()), r.ranked().size());
	}

	/** Shows a given slice of the current volume (the queue panel's slice list). */
	static void showSlice(AnnotationSession session, AnnotationView view, int slice, int frame) {
		if (session.current().isPresent()) view.showSlice(slice, frame);
	}

	/**
	 * Stores the correction of the shown image (the view's ROIs, or the label image painted after
	 * Edit as Label Image), then shows the next image or, without {@code thenNext}, closes the accepted one.
	 *
	 * @param keySlices for a volume: how it is completed from its edited slices ({@link KeySlices#NONE}: as painted)
	 */
	static Correction accept(AnnotationSession session, AnnotationView view, boolean fromLabelImage, boolean thenNext, KeySlices keySlices) {
		Correction c = fromLabelImage ? session.acceptLabelImage(keySlices) : session.accept(view.rois(), keySlices);
		if (thenNext) next(session, view);
		else view.close(); // the accepted image is done
		return c;
	}

	/** Skips the shown image (it leaves the queue) and shows the next. */
	static void skip(AnnotationSession session, AnnotationView view, String reason) {
		session.skip(reason);
		next(session, view);
	}

	/** Brings the last accepted image back with its ROIs as accepted, and shows it. */
	static AnnotationSession.Proposal undoLastAccept(AnnotationSession session, AnnotationView view) {
		AnnotationSession.Proposal back = session.undoLastAccept();
		show(view, back);
		return back;
	}

	/** Fine-tunes if due, then re-scores: long work, calling {@code safePoint} between steps, tiles and images. */
	static ModelUpdate.Outcome updateModel(AnnotationSession session, Runnable safePoint, ModelUpdate.Request request, Progress progress,
		Cancellation cancel)
	{
		int epochs = request.settings().maxEpochs();
		return new ModelUpdate(session.store()).run(request, new ModelUpdate.Listener() {
			@Override
			public void step(int epoch, int step, int steps) {
				progress.show((epoch - 1) * steps + step, epochs * steps, "fine-tuning: epoch " + epoch);
			}

			@Override
			public void epoch(FineTuneResult.Epoch epoch, boolean best) {
				progress.epoch(epoch, best);
			}

			@Override
			public void rescored(int done, int total, ImageRecord image) {
				progress.show(done, total, "re-scoring");
			}

			@Override
			public void safePoint() {
				safePoint.run();
			}
		}, cancel);
	}

	/** Predicts the queued images the current version has not seen: long work, calling {@code safePoint} between tiles and images. */
	static Predictor.Report predict(AnnotationSession session, Runnable safePoint, Progress progress, Cancellation cancel) {
		return new Predictor(session.store(), RuntimeOptions.defaults()).run((done, total, image, p) -> {
			progress.show(done, total, "predicted " + image.path().getFileName());
			safePoint.run();
		}, (done, total, what) -> safePoint.run(), cancel);
	}
}
