package org.segloop.core.loop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.segloop.core.SegLoopException;
import org.segloop.core.UserAction;
import org.segloop.core.correction.KeySliceCorrection;
import org.segloop.core.correction.KeySlices;
import org.segloop.core.correction.SliceRoles;
import org.segloop.core.metrics.CorrectionMetrics;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectException;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.QueueStatus;

/**
 * Takes a scientist's corrected mask for a leased image: checks it (size, type, label values)
 * before touching the project, measures it against the proposal, stores the mask and the
 * correction. Any problem leaves the project unchanged and names the file and the fix.
 */
public final class CorrectionIntake {

	private final ProjectStore store;

	public CorrectionIntake(ProjectStore store) {
		this.store = store;
	}

	/** Reads the corrected labels of an image, checked against it (size, label range: -1 for any). */
	@FunctionalInterface
	private interface Mask {
		LabelVolume read(ImageRecord image, int maxLabel);
	}

	/**
	 * @param mask a label image file the size of the image, or a DICOM Segmentation of the image's
	 *     DICOM series (read as class values, see {@link LabelImport#classesOf})
	 * @param kind how to read the mask, or null: instance labels when the proposal has instances,
	 *     else class values (always class values for a DICOM Segmentation)
	 * @param secondsSpent time spent correcting, or null for the time since the image was served
	 */
	public Correction accept(long imageId, String token, Path mask, CorrectionMetrics.Kind kind, Double secondsSpent) {
		return accept(imageId, token, mask, kind, KeySlices.NONE, secondsSpent);
	}

	/**
	 * As {@link #accept(long, String, Path, CorrectionMetrics.Kind, Double)}, completing the mask
	 * from its edited key slices first (see {@link KeySliceCorrection#complete}): against the
	 * proposal's class mask for semantic labels, its instances for instance labels. The completed
	 * volume is stored and measured, and the slices' roles are recorded with the correction.
	 *
	 * @param keySlices {@link KeySlices#NONE} to store the mask as given
	 */
	public Correction accept(long imageId, String token, Path mask, CorrectionMetrics.Kind kind, KeySlices keySlices, Double secondsSpent) {
		if (LabelImport.isSegmentation(mask)) {
			if (kind == CorrectionMetrics.Kind.INSTANCE) throw new SegLoopException(mask, "is a DICOM Segmentation, which holds classes, not instances",
				"accept it as semantic labels");
			return accept(imageId, token, (image, max) -> LabelImport.classesOf(mask, image, ModelPackage.open(store.models().current().source())),
				CorrectionMetrics.Kind.SEMANTIC, keySlices, secondsSpent);
		}
		return accept(imageId, token, (image, max) -> LabelFiles.read(mask, image, max, "correction mask"), kind, keySlices, secondsSpent);
	}

	/** As {@link #accept(long, String, Path, CorrectionMetrics.Kind, Double)}, for labels made in memory (e.g. painted from ROIs). */
	public Correction accept(long imageId, String token, LabelVolume labels, CorrectionMetrics.Kind kind, Double secondsSpent) {
		return accept(imageId, token, labels, kind, KeySlices.NONE, secondsSpent);
	}

	/** As {@link #accept(long, String, Path, CorrectionMetrics.Kind, KeySlices, Double)}, for labels made in memory (e.g. painted from ROIs). */
	public Correction accept(long imageId, String token, LabelVolume labels, CorrectionMetrics.Kind kind, KeySlices keySlices, Double secondsSpent) {
		return accept(imageId, token, (image, max) -> {
			LabelFiles.check(labels, image.path(), image, max, "correction");
			return labels;
		}, kind, keySlices, secondsSpent);
	}

	private Correction accept(long imageId, String token, Mask mask, CorrectionMetrics.Kind kind, KeySlices keySlices, Double secondsSpent) {
		java.util.Objects.requireNonNull(keySlices, "keySlices (KeySlices.NONE to store the mask as given)");
		ImageRecord record = store.images().byId(imageId)
			.orElseThrow(() -> new ProjectException(store.folder(), "has no image with id " + imageId, "list the project's images to see their ids",
				UserAction.LIST_IMAGES.on(store.folder())));
		var entry = store.queue().entry(imageId).orElseThrow();
		if (entry.status() != QueueStatus.IN_PROGRESS) throw store.queue().notLeased(imageId, entry.status());
		store.images().verify(record);
		long modelId = store.models().current().id();
		Prediction prediction = store.predictions().find(imageId, modelId).or(() -> store.predictions().latest(imageId))
			.orElseThrow(() -> new ProjectException(store.folder(), "image " + imageId + " has no proposal", "predict the project's images first",
				UserAction.PREDICT.on(store.folder())));
		List<String> classes = ModelPackage.open(store.models().byId(prediction.modelId()).orElseThrow().source()).maskLabelNames();
		CorrectionMetrics.Kind k = kind != null ? kind
			: prediction.instancesFile() != null ? CorrectionMetrics.Kind.INSTANCE : CorrectionMetrics.Kind.SEMANTIC;
		LabelVolume painted = mask.read(record, k == CorrectionMetrics.Kind.SEMANTIC ? classes.size() - 1 : -1);
		// the proposal was written with the image's calibration: the stored mask keeps it, whatever the saved mask says
		LabelFiles.Calibrated proposal = LabelFiles.readWithCalibration(store.files().verifiedFor(record, prediction.classesFile(), "proposal"), record, -1, "proposal");
		LabelVolume proposedClasses = proposal.labels();
		LabelVolume proposedInstances = prediction.instancesFile() == null ? null
			: LabelFiles.read(store.files().verifiedFor(record, prediction.instancesFile(), "proposal"), record, -1, "proposal");
		// key slices are found against what the annotator started from: the proposal of the kind they paint
		LabelVolume startedFrom = k == CorrectionMetrics.Kind.INSTANCE && proposedInstances != null ? proposedInstances : proposedClasses;
		KeySliceCorrection.Result completed = KeySliceCorrection.complete(startedFrom, painted, keySlices);
		LabelVolume corrected = completed.labels();
		// roles say something only for a volume; a 2D image's one slice is simply the correction
		SliceRoles roles = corrected.slices() > 1 ? completed.roles() : null;
		LabelVolume measured = new LabelVolume(corrected.width(), corrected.height(), corrected.slices(), corrected.frames(), corrected.labels(),
			proposedClasses.spacing());
		CorrectionMetrics m = CorrectionMetrics.compare(proposedClasses, proposedInstances, measured, k, classes);
		String maskFile;
		try {
			maskFile = store.files().put(f -> LabelFiles.write(measured, f, proposal.calibration().withoutValueFunction()), "tif");
		}
		catch (IOException e) {
			throw new SegLoopException(store.folder(), "cannot store the correction mask: " + e.getMessage(),
				"check free disk space; the correction was not recorded, accept it again", e);
		}
		return store.corrections().record(imageId, token, prediction.id(), prediction.modelId(), k.name().toLowerCase(java.util.Locale.ROOT),
			maskFile, secondsSpent, m.objectDice(), m.fractionChanged(), m.f1(), m.hd95(), m.toJson(), roles);
	}
}
