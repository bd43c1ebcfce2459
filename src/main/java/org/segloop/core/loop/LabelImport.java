package org.segloop.core.loop;

import java.io.IOException;
import java.nio.file.Path;

import org.segloop.core.SegLoopException;
import org.segloop.core.UserAction;
import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.dicom.seg.SegmentClasses;
import org.segloop.core.dicom.seg.SegmentationReader;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.metrics.Components;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.SegLoopSettings;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.ModelVersions.ModelVersion;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectException;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.QueueStatus;
import org.segloop.core.queue.ImageEmbedding;
import org.segloop.core.uncertainty.ImageScores;

/**
 * Labels made elsewhere, brought into a project: a DICOM Segmentation of a registered DICOM series,
 * or a class label image (TIFF/PNG) of any image. As a correction they go through
 * {@link CorrectionIntake} (which reads DICOM SEG files with {@link #classesOf}); as a starting
 * proposal they replace the current model's proposal of the image ({@link #asProposal}): the
 * annotator then corrects the imported labels instead of the model's.
 *
 * <p>Blocking; checks everything before it stores anything.
 */
public final class LabelImport {

	/** The scorer name an imported proposal is recorded with. */
	public static final String IMPORTED = "imported";

	private final ProjectStore store;

	public LabelImport(ProjectStore store) {
		this.store = store;
	}

	/**
	 * The classes a DICOM Segmentation holds for a registered DICOM series, as a class mask of the
	 * image, segments mapped to the model's classes by {@link SegmentClasses#match}.
	 *
	 * @throws ImageInputException when the image is not a DICOM series or the Segmentation does not fit it
	 */
	public static LabelVolume classesOf(Path segmentation, ImageRecord image, ModelPackage model) {
		if (!DicomSeries.isManifest(image.path())) throw new ImageInputException(segmentation, "is a DICOM Segmentation but image " + image.id()
			+ " (" + image.path().getFileName() + ") is not a DICOM series", "give a label image (TIFF) for this image");
		return SegmentationReader.read(segmentation, image.path(), DicomSeries.load(image.path()), SegmentClasses.of(model));
	}

	/** Whether a labels file is a DICOM Segmentation (else it is read as a label image). */
	public static boolean isSegmentation(Path labels) {
		return SegmentationReader.isSegmentation(labels);
	}

	/**
	 * Stores class labels as the current model's proposal of an image (replacing the model's own),
	 * with instances derived as connected components when the model makes instances, and no
	 * uncertainty (imported labels score 0 in the queue).
	 *
	 * @param labels a DICOM Segmentation (DICOM series only) or a class label image the image's size
	 * @throws ProjectException when the image is unknown, being corrected or already corrected; typed input errors for the file
	 */
	public Prediction asProposal(long imageId, Path labels) {
		if (store.isReadOnly()) throw new ProjectException(store.folder(), "is open read-only; imported labels cannot be stored",
			"open the project for writing");
		ImageRecord record = store.images().byId(imageId)
			.orElseThrow(() -> new ProjectException(store.folder(), "has no image with id " + imageId, "list the project's images to see their ids",
				UserAction.LIST_IMAGES.on(store.folder())));
		QueueStatus status = store.queue().entry(imageId).orElseThrow().status();
		if (status == QueueStatus.IN_PROGRESS || status == QueueStatus.REMOVED) throw new ProjectException(store.folder(), "image " + imageId + " is "
			+ status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "; its proposal cannot be replaced now",
			"import the labels when nobody is correcting the image", UserAction.SHOW_STATUS.on(store.folder()));
		// a corrected image's correction refers to the proposal it was made from: replacing that proposal is refused
		// (the foreign key would fail deep in the database), and the proposal of a corrected image no longer matters
		if (status == QueueStatus.CORRECTED) throw new ProjectException(store.folder(), "image " + imageId
			+ " is already corrected; an imported proposal would replace the one its correction was made from",
			"its correction is what counts for it now (a corrected image is not served again); import labels as the proposal of an image that is not corrected yet",
			UserAction.SHOW_STATUS.on(store.folder()));
		store.images().verify(record);
		ModelVersion version = store.models().current();
		ModelPackage model = ModelPackage.open(version.source());
		int maxClass = model.maskLabelNames().size() - 1;
		LabelVolume classes = isSegmentation(labels) ? classesOf(labels, record, model) : LabelFiles.read(labels, record, maxClass, "imported labels");
		LabelFiles.check(classes, labels, record, maxClass, "imported labels");
		ImageVolume image = ImageSources.read(record.path());
		SegLoopSettings settings = model.description().settings();
		LabelVolume instances = settings.instanceMode() == SegLoopSettings.InstanceMode.NONE ? null
			: Components.ofClasses(classes.withoutLabel(settings.boundaryChannel()));
		long objectPixels = 0;
		for (int[] plane : classes.labels()) for (int v : plane) if (v != 0) objectPixels++;
		try {
			var files = store.files();
			String classesFile = files.put(f -> LabelFiles.write(classes, f, image.calibration()), "tif");
			String instancesFile = instances == null ? null : files.put(f -> LabelFiles.write(instances, f, image.calibration()), "tif");
			String map = files.put(f -> LabelFiles.writeFloat(new float[image.slices() * image.frames()][image.width() * image.height()], image.width(),
				image.height(), image.slices(), image.frames(), f, image.calibration()), "tif");
			Prediction p = new Prediction(0, imageId, version.id(), record.sha256(), classesFile, instancesFile, map, instances == null ? 0 : instances.max(),
				IMPORTED, new ImageScores(0, 0, 0, classes.pixels(), objectPixels), null, ImageEmbedding.of(image), 0, System.currentTimeMillis());
			return store.predictions().store(p, store.settings().reduction());
		}
		catch (IOException e) {
			throw new SegLoopException(store.folder(), "cannot store the imported labels: " + e.getMessage(),
				"check free disk space; nothing was recorded, import again", e);
		}
	}
}
