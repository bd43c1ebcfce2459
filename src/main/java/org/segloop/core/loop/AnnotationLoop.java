package org.segloop.core.loop;

import java.util.List;
import java.util.Optional;

import org.segloop.core.UserAction;
import org.segloop.core.correction.KeySlices;
import org.segloop.core.metrics.CorrectionMetrics;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectException;
import org.segloop.core.project.ProjectStore;

/**
 * One annotator's way through the queue of an open project, without any display: which image is
 * leased now and since when it is shown, accepting its corrected labels (timed from when it was
 * shown), skipping it, and undoing the last accept. A surface shows what {@link #next} leases its
 * own way (Fiji: the image with its proposal as ROIs) and calls {@link #shown} once it is shown.
 *
 * <p>For a program that stays open while the annotator works (Fiji). The CLI's next, accept and
 * skip are separate processes: they carry the lease token between them instead, and use the same
 * {@link ImageServing} and {@link CorrectionIntake} underneath.
 *
 * <p>Blocking; used on the store's thread only (the store's rules apply).
 */
public final class AnnotationLoop {

	/** A leased image with the proposal it is corrected from. */
	public record Leased(ImageQueue.Lease lease, ImageRecord record, Prediction proposal) {}

	/**
	 * What {@link #next} served: the leased image (empty when nothing is left) and the images set
	 * aside on the way.
	 *
	 * @param waitingForPrediction when nothing was leased, how many images have no proposal yet
	 *     (so a surface can say to predict them rather than that the work is done); 0 otherwise
	 */
	public record Served(Optional<Leased> leased, List<ImageServing.SetAside> setAside, long waitingForPrediction) {}

	/** An undone accept: the image leased again, the labels as they were accepted, and the correction that was withdrawn. */
	public record Undone(Leased leased, LabelVolume accepted, Correction correction) {}

	private final ProjectStore store;
	private final String annotator;
	private final Runnable prefetchUpcoming;
	private Leased current;
	private long shownAt;

	/**
	 * @param prefetchUpcoming called when an image is shown, so the surface can read the one the
	 *     queue will serve next while this one is corrected
	 */
	public AnnotationLoop(ProjectStore store, String annotator, Runnable prefetchUpcoming) {
		if (annotator == null || annotator.isBlank()) throw new IllegalArgumentException("an annotator name is needed");
		this.store = store;
		this.annotator = annotator;
		this.prefetchUpcoming = prefetchUpcoming;
	}

	public AnnotationLoop(ProjectStore store, String annotator) {
		this(store, annotator, () -> {});
	}

	public ProjectStore store() {
		return store;
	}

	public String annotator() {
		return annotator;
	}

	/** The image leased and not yet accepted or skipped, if any. */
	public Optional<Leased> current() {
		return Optional.ofNullable(current);
	}

	/**
	 * Leases the next image (or returns the one this annotator already holds) with its latest
	 * proposal; images whose files went bad are set aside on the way. Timing starts now, or at
	 * {@link #shown}.
	 */
	public Served next() {
		ImageServing.Served served = ImageServing.next(store, annotator);
		current = served.lease().map(this::leased).orElse(null);
		shownAt = System.nanoTime();
		return new Served(Optional.ofNullable(current), served.setAside(), served.waitingForPrediction());
	}

	/** The current image is now in front of the annotator: its time starts, and the upcoming one may be read ahead. */
	public void shown() {
		requireCurrent();
		shownAt = System.nanoTime();
		prefetchUpcoming.run();
	}

	/** Seconds since the current image was shown. */
	public double secondsShown() {
		requireCurrent();
		return (System.nanoTime() - shownAt) / 1e9;
	}

	/**
	 * Stores the corrected labels of the current image with the time spent on them, and ends the lease.
	 *
	 * @param kind how to read the labels, or null: instance labels when the proposal has instances
	 * @throws IllegalStateException when no image is leased
	 */
	public Correction accept(LabelVolume labels, CorrectionMetrics.Kind kind) {
		return accept(labels, kind, KeySlices.NONE);
	}

	/**
	 * As {@link #accept(LabelVolume, CorrectionMetrics.Kind)}, completing a volume corrected on a few
	 * key slices first: labels between nearby edited slices are interpolated, other unedited slices
	 * keep the proposal (see {@link CorrectionIntake#accept(long, String, LabelVolume, CorrectionMetrics.Kind, KeySlices, Double)}).
	 * The correction's {@link Correction#roles()} say which slices were edited, interpolated or kept.
	 *
	 * @param keySlices {@link KeySlices#NONE} to store the labels as given
	 * @throws IllegalStateException when no image is leased
	 */
	public Correction accept(LabelVolume labels, CorrectionMetrics.Kind kind, KeySlices keySlices) {
		Leased l = requireCurrent();
		Correction c = new CorrectionIntake(store).accept(l.lease().imageId(), l.lease().token(), labels, kind, keySlices, secondsShown());
		current = null;
		return c;
	}

	/** Skips the current image: it leaves the queue. @throws IllegalStateException when no image is leased */
	public void skip(String reason) {
		Leased l = requireCurrent();
		store.queue().skip(l.lease().imageId(), l.lease().token(), reason);
		current = null;
	}

	/**
	 * Undoes this annotator's last accept (only the latest): the image is leased again and comes
	 * back with the labels as they were accepted; an image leased meanwhile returns to the queue.
	 */
	public Undone undoLastAccept() {
		Correction last = store.corrections().lastBy(annotator);
		ImageRecord record = store.images().byId(last.imageId()).orElseThrow();
		// read the accepted labels before the undo makes their file unreferenced
		LabelVolume accepted = LabelFiles.read(store.files().verifiedFor(record, last.maskFile(), "accepted correction"), record, -1, "accepted correction");
		var undone = store.corrections().undoLast(annotator);
		current = leased(undone.lease());
		shownAt = System.nanoTime();
		return new Undone(current, accepted, undone.correction());
	}

	private Leased leased(ImageQueue.Lease lease) {
		long imageId = lease.imageId();
		ImageRecord record = store.images().byId(imageId).orElseThrow();
		Prediction latest = store.predictions().latest(imageId)
			.orElseThrow(() -> new ProjectException(store.folder(), "image " + imageId + " has no proposal", "predict the project's images first",
				UserAction.PREDICT.on(store.folder())));
		return new Leased(lease, record, latest);
	}

	private Leased requireCurrent() {
		if (current == null) throw new IllegalStateException("no image is leased to " + annotator + ": take the next image first");
		return current;
	}
}
