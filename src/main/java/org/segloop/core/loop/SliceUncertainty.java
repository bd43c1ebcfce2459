package org.segloop.core.loop;

import java.nio.file.Path;

import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.LabelTiffReader;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.uncertainty.SliceRanking;

/**
 * A stored proposal's slices, most uncertain first: reads the uncertainty map and class mask that
 * {@link Predictor} put into the project's files (both checked against their recorded hash) and
 * ranks them with the project's score reduction ({@link SliceRanking}). For a surface that opens a
 * volume where correcting it pays most, and steps on from there.
 *
 * <p>Blocking (reads two files); uses the store on the caller's thread.
 */
public final class SliceUncertainty {

	private SliceUncertainty() {}

	/** The planes of the prediction's image, ranked under the project's reduction and top fraction. */
	public static SliceRanking of(ProjectStore store, Prediction prediction) {
		ImageRecord record = store.images().byId(prediction.imageId()).orElseThrow();
		var settings = store.settings();
		SliceRanking.Options options = new SliceRanking.Options(settings.reduction(), settings.topFraction());
		LabelVolume classes = LabelFiles.read(store.files().verifiedFor(record, prediction.classesFile(), "proposal"), record, -1, "proposal");
		Path map = store.files().verifiedFor(record, prediction.uncertaintyFile(), "uncertainty map");
		LabelTiffReader.Stack s = LabelTiffReader.readStack(map);
		LabelTiffReader.Pages pages = s.pages();
		if (pages.width() != record.width() || pages.height() != record.height() || s.slices() != record.slices() || s.frames() != record.frames())
			throw new ImageInputException(map, "is not the size of its image " + record.path().getFileName() + " (uncertainty map)",
				"predict the image again: its stored uncertainty map does not belong to it");
		float[][] planes = new float[s.slices() * s.frames()][pages.width() * pages.height()];
		for (int p = 0; p < planes.length; p++)
			for (int i = 0; i < planes[p].length; i++) planes[p][i] = (float) pages.value(p, i);
		return SliceRanking.of(planes, classes.labels(), record.slices(), record.frames(), options);
	}
}
