package org.segloop.core.training;

import java.nio.file.Path;
import java.util.List;

import org.segloop.core.model.AxisDescription;
import org.segloop.core.model.AxisSize;
import org.segloop.core.model.ModelDescription;
import org.segloop.core.model.ModelPackageException;

/**
 * The sizes a 3D model trains and validates on, per axis {z, y, x}: the random crop (the settings'
 * depth and side, lowered to the largest training volume, raised to the nearest size the model's
 * input accepts) and the validation tile (crop plus the output halo on both sides, again a size the
 * model accepts), whose core between the halos is what a tile contributes. Immutable.
 *
 * @param crop training crop {z, y, x}
 * @param tile held-out prediction tile {z, y, x}
 * @param halo output halo {z, y, x}: the border of a tile that is not used
 */
record VolumeShapes(int[] crop, int[] tile, int[] halo) {

	static final String[] AXES = { "z", "y", "x" };

	/**
	 * @param samples the training volumes (the crop never exceeds the largest of them)
	 * @throws ModelPackageException when an axis's size rule leaves no crop or tile to train with
	 */
	static VolumeShapes of(ModelDescription model, FineTuneSettings settings, List<TrainingSample> samples) {
		int[] largest = new int[3];
		for (TrainingSample s : samples) {
			largest[0] = Math.max(largest[0], s.depth());
			largest[1] = Math.max(largest[1], s.height());
			largest[2] = Math.max(largest[2], s.width());
		}
		int[] wanted = { settings.cropDepth(), settings.cropSize(), settings.cropSize() };
		int[] crop = new int[3], tile = new int[3], halo = new int[3];
		Path rdf = model.rdfFile();
		for (int a = 0; a < 3; a++) {
			String id = AXES[a];
			AxisDescription in = model.input().axis(id).orElseThrow(() -> new ModelPackageException(rdf,
				"has no input axis '" + id + "', so it is not a 3D model SegLoop can fine-tune", "declare the input axes z, y and x"));
			if (in.size() instanceof AxisSize.Referenced) throw new ModelPackageException(rdf,
				"sizes input axis '" + id + "' by another tensor, so no training crop size can be chosen",
				"declare the input axis size as {min, step} (or a fixed size)");
			AxisSize.Referenced out = model.output().axis(id).map(AxisDescription::size)
				.filter(AxisSize.Referenced.class::isInstance).map(AxisSize.Referenced.class::cast).orElse(null);
			if (out != null && (out.scale() != 1 || out.offset() != 0)) throw new ModelPackageException(rdf,
				"has an output axis '" + id + "' of another size than its input (scale " + out.scale() + ", offset " + out.offset()
					+ "); fine-tuning compares every input voxel with its class",
				"export the model with outputs the size of its input (padded convolutions); fine-tuning is unavailable for this model");
			halo[a] = model.output().axis(id).map(AxisDescription::halo).orElse(0);
			crop[a] = in.size().atLeast(Math.max(1, Math.min(wanted[a], largest[a])));
			tile[a] = in.size().atLeast(crop[a] + 2 * halo[a]);
			if (tile[a] - 2 * halo[a] < 1) throw new ModelPackageException(rdf,
				"takes only " + tile[a] + " voxels along '" + id + "' but declares an output halo of " + halo[a]
					+ " on each side, which leaves no voxel to validate",
				"declare a smaller halo or a larger admissible input size for axis '" + id + "'");
		}
		return new VolumeShapes(crop, tile, halo);
	}
}
