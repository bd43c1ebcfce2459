package org.segloop.fiji;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import ij.ImagePlus;
import ij.gui.Roi;

import org.segloop.core.UserAction;
import org.segloop.core.correction.KeySlices;
import org.segloop.core.loop.AnnotationLoop;
import org.segloop.core.metrics.CorrectionMetrics;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.loop.ImageServing;
import org.segloop.core.loop.SliceUncertainty;
import org.segloop.core.uncertainty.SliceRanking;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectException;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.ImageQueue;

/**
 * One annotator's work on an open project, as Fiji sees it: {@link #next} leases an image and
 * returns it with its proposal as ROIs and its uncertainty map; {@link #accept} turns the corrected
 * ROIs back into labels and stores them through the core. Which image is leased, its timing, skip
 * and undo are the core's {@link AnnotationLoop}; this class turns them into ImageJ images and ROIs
 * and back. Holds the project open for writing until {@link #close}. Knows no windows: the
 * commands show what it returns.
 *
 * <p>Blocking (reads images and masks); confined to the thread that opened it, because its one
 * database connection switches autocommit for each transaction, so work interleaved from another
 * thread could commit or roll back this one's. Use from another thread fails at once with
 * IllegalStateException instead of corrupting the project. In Fiji that thread is
 * {@link SegLoopService}'s session thread, which runs the work of commands, macros and the queue
 * panel one piece at a time.
 */
public final class AnnotationSession implements AutoCloseable {

	/**
	 * A leased image with its proposal, ready to show and correct.
	 *
	 * @param slices the image's planes, most uncertain first (one plane for a 2D image)
	 * @param labelling how its ROIs were made and become labels again
	 */
	public record Proposal(ImageQueue.Lease lease, ImageRecord record, ImagePlus image, List<Roi> rois, ImagePlus uncertainty, SliceRanking slices,
		RoiLabelling labelling) {}

	private final AnnotationLoop loop;
	private final Prefetcher prefetcher;
	private final Thread owner = Thread.currentThread();
	private Proposal current; // the loop's current image as shown, null when the loop has none
	private long waitingForPrediction; // when the last next() found nothing: images without a proposal yet
	private ImagePlus labelImage; // the current image's labels, when the user chose to paint them

	private AnnotationSession(ProjectStore store, String annotator, boolean prefetch) {
		this.prefetcher = prefetch ? new Prefetcher(store.folder()) : null;
		this.loop = new AnnotationLoop(store, annotator, prefetcher == null ? () -> {} : prefetcher::prefetchUpcoming);
	}

	/** Opens a project for writing, prefetching the upcoming image while one is being corrected. */
	public static AnnotationSession open(Path project, String annotator) {
		return open(project, annotator, true);
	}

	/**
	 * Opens a project for writing; a second writer gets the project's "is open for writing by …" error.
	 *
	 * @param prefetch whether to read the upcoming image and its proposal in the background
	 */
	public static AnnotationSession open(Path project, String annotator, boolean prefetch) {
		if (annotator == null || annotator.isBlank()) throw new IllegalArgumentException("an annotator name is needed");
		return new AnnotationSession(ProjectStore.open(project, ProjectStore.Access.READ_WRITE), annotator.trim(), prefetch);
	}

	/** The project (its connection is this session's: use it on the session's thread only). */
	public ProjectStore store() {
		confined();
		return loop.store();
	}

	public String annotator() {
		return loop.annotator();
	}

	public Optional<Proposal> current() {
		confined();
		return Optional.ofNullable(current);
	}

	/** Leases the next image (or returns the one this annotator already holds); empty when the queue is done. */
	public Optional<Proposal> next() {
		confined();
		AnnotationLoop.Served served = loop.next();
		// an image whose file went bad is set aside (and said so in the Log), so it never blocks the queue
		for (ImageServing.SetAside a : served.setAside()) ij.IJ.log("SegLoop: set aside as failed: " + MenuHints.message(a.problem()));
		waitingForPrediction = served.waitingForPrediction();
		if (served.leased().isEmpty()) {
			current = null;
			return Optional.empty();
		}
		AnnotationLoop.Leased leased = served.leased().get();
		long imageId = leased.lease().imageId();
		Loaded loaded = prefetcher == null ? null : prefetcher.take(imageId, leased.proposal().id());
		if (loaded == null) loaded = load(loop.store(), imageId);
		current = new Proposal(leased.lease(), loaded.record(), loaded.image(), loaded.rois(), loaded.uncertainty(), loaded.slices(), loaded.labelling());
		loop.shown();
		return Optional.of(current);
	}

	/** When the last {@link #next} found nothing to serve: how many images have no proposal yet (0 otherwise). */
	public long waitingForPrediction() {
		confined();
		return waitingForPrediction;
	}

	/** An image read with its proposal, not yet leased. */
	record Loaded(ImageRecord record, long predictionId, ImagePlus image, List<Roi> rois, ImagePlus uncertainty, SliceRanking slices,
		RoiLabelling labelling) {}

	/**
	 * Reads the image (checking its hash), its latest proposal as ROIs, its uncertainty map and its
	 * slices ranked by uncertainty, from any connection.
	 */
	static Loaded load(ProjectStore store, long imageId) {
		ImageRecord record = store.images().byId(imageId).orElseThrow();
		store.images().verify(record);
		Prediction p = store.predictions().latest(record.id())
			.orElseThrow(() -> new ProjectException(store.folder(), "image " + record.id() + " has no proposal", "predict the project's images first",
				UserAction.PREDICT.on(store.folder())));
		ImagePlus image = open(record.path());
		ModelPackage model = ModelPackage.open(store.models().byId(p.modelId()).orElseThrow().source());
		LabelVolume classes = LabelFiles.read(store.files().resolve(p.classesFile()), record, -1, "proposal");
		LabelVolume instances = p.instancesFile() != null ? LabelFiles.read(store.files().resolve(p.instancesFile()), record, -1, "proposal") : null;
		RoiLabelling labelling = RoiLabelling.of(model);
		List<Roi> rois = labelling.proposal(classes, instances);
		ImagePlus uncertainty = open(store.files().resolve(p.uncertaintyFile()));
		uncertainty.setTitle(image.getTitle() + " uncertainty");
		return new Loaded(record, p.id(), image, rois, uncertainty, SliceUncertainty.of(store, p), labelling);
	}

	/**
	 * Stores the corrected ROIs of the current image as its labels (instances, or classes for a
	 * model corrected as classes, see {@link RoiLabelling}) and ends the lease.
	 *
	 * @throws IllegalStateException when no image is being annotated
	 */
	public Correction accept(List<Roi> rois) {
		return accept(rois, KeySlices.NONE);
	}

	/**
	 * As {@link #accept(List)}, completing a volume from the slices whose ROIs were edited (key
	 * slices): with {@link KeySlices#interpolating}, slices between two nearby edited ones are
	 * interpolated; every other unedited slice keeps the proposal. The correction's roles say which
	 * slices were edited, interpolated or kept.
	 *
	 * @param keySlices {@link KeySlices#NONE} to store the ROIs as painted
	 */
	public Correction accept(List<Roi> rois, KeySlices keySlices) {
		confined();
		Proposal p = requireCurrent();
		return store(labels(p, rois), p.labelling().kind(), keySlices);
	}

	/**
	 * The current ROIs painted into a 16-bit label image (the image's size and calibration, a
	 * colour per object) for correcting by painting label values directly; {@link #acceptLabelImage}
	 * stores it.
	 */
	public ImagePlus labelImage(List<Roi> rois) {
		confined();
		Proposal p = requireCurrent();
		ImageRecord r = p.record();
		LabelVolume labels = labels(p, rois);
		if (labels.max() > 65535) labels = labels.renumbered(); // clamped to 65535, objects above it would merge into one
		if (labels.max() > 65535) throw new IllegalStateException("the image has " + labels.max()
			+ " objects, more than a 16-bit label image holds (65535): correct them as ROIs and accept the ROI Manager");
		ij.ImageStack stack = new ij.ImageStack(r.width(), r.height());
		for (int[] plane : labels.labels()) {
			short[] s = new short[plane.length];
			for (int i = 0; i < s.length; i++) s[i] = (short) Math.min(65535, plane[i]);
			stack.addSlice(new ij.process.ShortProcessor(r.width(), r.height(), s, null));
		}
		labelImage = new ImagePlus(p.image().getTitle() + " labels", stack);
		labelImage.setDimensions(1, r.slices(), r.frames());
		ij.measure.Calibration cal = p.image().getCalibration().copy();
		cal.disableDensityCalibration(); // labels are labels, not HU: the image's value function would shift them
		cal.setValueUnit("");
		labelImage.setCalibration(cal);
		labelImage.getProcessor().setLut(LabelColours.lut());
		labelImage.setDisplayRange(0, 255);
		return labelImage;
	}

	/** Stores the label image made by {@link #labelImage} (as the user painted it) as instance labels. */
	public Correction acceptLabelImage() {
		return acceptLabelImage(KeySlices.NONE);
	}

	/** As {@link #acceptLabelImage()}, completing a volume from its edited slices (see {@link #accept(List, KeySlices)}). */
	public Correction acceptLabelImage(KeySlices keySlices) {
		confined();
		if (labelImage == null) throw new IllegalStateException("no label image to accept: run Edit as Label Image first, or accept the ROIs");
		Proposal p = requireCurrent();
		var volume = org.segloop.core.image.ImageReader.fromImagePlus(labelImage, null);
		return store(LabelFiles.labels(volume, p.record().path(), -1, "correction"), p.labelling().kind(), keySlices);
	}

	/** Stores an edited label image (painted directly) as the correction of the current image. */
	public Correction acceptLabels(ImagePlus labelImage, CorrectionMetrics.Kind kind) {
		confined();
		Proposal p = requireCurrent();
		var volume = org.segloop.core.image.ImageReader.fromImagePlus(labelImage, null);
		return store(LabelFiles.labels(volume, p.record().path(), -1, "correction"), kind);
	}

	/** The ROIs painted as the proposal's kind of labels, the size of the shown image (ImageJ's pixel units). */
	private static LabelVolume labels(Proposal p, List<Roi> rois) {
		return p.labelling().labels(rois, p.record());
	}

	private Correction store(LabelVolume labels, CorrectionMetrics.Kind kind) {
		return store(labels, kind, KeySlices.NONE);
	}

	private Correction store(LabelVolume labels, CorrectionMetrics.Kind kind, KeySlices keySlices) {
		// a 2D image has no slices to complete: its labels are stored as painted
		Correction c = loop.accept(labels, kind, labels.slices() > 1 ? keySlices : KeySlices.NONE);
		current = null;
		if (labelImage != null) {
			labelImage.changes = false;
			labelImage.close();
			labelImage = null;
		}
		return c;
	}

	/**
	 * Undoes this annotator's last accept (only the latest): the image comes back with the ROIs as
	 * they were accepted, leased again; an image shown meanwhile returns to the queue.
	 */
	public Proposal undoLastAccept() {
		confined();
		AnnotationLoop.Undone undone = loop.undoLastAccept();
		ProjectStore store = loop.store();
		Loaded loaded = load(store, undone.leased().lease().imageId());
		ModelPackage model = ModelPackage.open(store.models().byId(undone.correction().modelId()).orElseThrow().source());
		RoiLabelling labelling = RoiLabelling.of(model);
		List<Roi> rois = labelling.accepted(undone.accepted());
		current = new Proposal(undone.leased().lease(), loaded.record(), loaded.image(), rois, loaded.uncertainty(), loaded.slices(), labelling);
		loop.shown();
		return current;
	}

	/** Skips the current image: it leaves the queue. */
	public void skip(String reason) {
		confined();
		requireCurrent();
		loop.skip(reason);
		current = null;
	}

	private Proposal requireCurrent() {
		if (current == null) throw new IllegalStateException("no image is being annotated: run Annotate Next first");
		return current;
	}

	private void confined() {
		if (Thread.currentThread() != owner) throw new IllegalStateException("this SegLoop session belongs to thread '" + owner.getName()
			+ "' and was used from '" + Thread.currentThread().getName() + "': run session work through SegLoopService, which gives it one thread");
	}

	static ImagePlus open(Path file) {
		return VolumeImages.open(file); // a DICOM series as one calibrated stack
	}

	@Override
	public void close() {
		confined();
		if (prefetcher != null) prefetcher.close();
		loop.store().close();
	}
}
