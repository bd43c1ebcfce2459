package org.segloop.core.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.segloop.core.display.DisplayWindow;
import org.segloop.core.image.ImageReader;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.output.PreviewWriter;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.queue.Candidate;

/**
 * Preview PNGs of the top of the queue, named by rank ({@code 01_NAME.png}; a volume's as
 * {@code 01_NAME_z017.png}, showing its most uncertain slice, 1-based): the proposal's outlines on
 * the image, and next to it the uncertainty heat, so a person sees at a glance why an image ranks
 * where it does. Reads the project only.
 */
public final class ProjectPreviews {

	private ProjectPreviews() {}

	/** @return the files written, in queue order */
	public static List<Path> write(ProjectStore store, int top, Path dir) throws IOException {
		return write(store, top, dir, DisplayWindow.AUTO);
	}

	/**
	 * @param window how to show the images' values: "auto" (per image: header window, CT soft tissue,
	 *     else percentiles), "header", a preset's name or "C,W" (see {@link DisplayWindow})
	 * @return the files written, in queue order
	 */
	public static List<Path> write(ProjectStore store, int top, Path dir, String window) throws IOException {
		DisplayWindow.requireValidChoice(window);
		Files.createDirectories(dir);
		List<Path> out = new ArrayList<>();
		int rank = 0;
		for (Candidate c : store.queue().peek(top)) {
			rank++;
			Prediction p = store.predictions().latest(c.imageId()).orElse(null);
			if (p == null) continue;
			ImageRecord record = store.images().byId(c.imageId()).orElseThrow();
			ImageVolume image = ImageSources.read(record.path());
			ImageVolume uncertainty = ImageReader.read(store.files().resolve(p.uncertaintyFile()));
			int z = mostUncertainSlice(uncertainty);
			String objects = p.instancesFile() != null ? p.instancesFile() : p.classesFile();
			int[] labels = LabelFiles.read(store.files().resolve(objects), record, -1, "proposal").labels()[z];
			// a volume's file name says which slice it shows, so the person can go to it
			String name = image.slices() > 1 ? String.format("%02d_%s_z%03d.png", rank, image.name(), z + 1) : String.format("%02d_%s.png", rank, image.name());
			out.add(PreviewWriter.write(image, z, labels, (float[]) uncertainty.plane(0, z, 0), DisplayWindow.forImage(image, window), dir.resolve(name)));
		}
		return out;
	}

	/**
	 * The slice (0-based) with the highest mean uncertainty: where the model is least sure is what a
	 * person should see first, and in a volume that is seldom the middle slice. Ties keep the first.
	 */
	static int mostUncertainSlice(ImageVolume uncertainty) {
		int best = 0;
		double bestMean = Double.NEGATIVE_INFINITY;
		for (int z = 0; z < uncertainty.slices(); z++) {
			double sum = 0;
			for (float u : (float[]) uncertainty.plane(0, z, 0)) if (Float.isFinite(u)) sum += u;
			if (sum > bestMean) {
				bestMean = sum;
				best = z;
			}
		}
		return best;
	}
}
