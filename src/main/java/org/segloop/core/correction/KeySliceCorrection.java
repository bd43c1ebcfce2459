package org.segloop.core.correction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.segloop.core.metrics.LabelVolume;

/**
 * Completes a volume the annotator corrected on a few key slices. A slice is <em>edited</em> where
 * the painted volume differs from the proposal, and keeps exactly what was painted. With
 * interpolation on, the slices between two consecutive edited slices at most
 * {@link KeySlices#maxGap} apart get labels interpolated from those two by shape (see
 * {@link ShapeInterpolation}: each label, class or object, separately; nested labels stay closed;
 * a label on only one of the two tapers off by halfway). Every other slice keeps the proposal.
 * Frames are completed independently.
 *
 * <p>Works for class masks and instance labels alike, as long as both volumes hold the same kind
 * and unedited slices hold the proposal's values exactly. Stateless, thread-safe, blocking; cost
 * grows with the edited labels' area, not the volume's (a 512 × 512 × 300 volume completes in well
 * under a second per interpolated gap).
 */
public final class KeySliceCorrection {

	/**
	 * A completed volume and where each slice came from.
	 *
	 * @param labels the completed labels; planes that were not interpolated are the painted
	 *     volume's own arrays (not copied)
	 */
	public record Result(LabelVolume labels, SliceRoles roles) {}

	private KeySliceCorrection() {}

	/**
	 * @param proposal the labels proposed for the image
	 * @param painted the same volume after the annotator's edits on some slices
	 * @throws IllegalArgumentException when the two volumes differ in size
	 */
	public static Result complete(LabelVolume proposal, LabelVolume painted, KeySlices options) {
		if (proposal.width() != painted.width() || proposal.height() != painted.height() || proposal.slices() != painted.slices()
			|| proposal.frames() != painted.frames())
			throw new IllegalArgumentException("the painted volume is " + size(painted) + ", its proposal " + size(proposal));
		int slices = painted.slices(), frames = painted.frames();
		SliceRole[] roles = new SliceRole[slices * frames];
		int[][] out = painted.labels().clone();
		double[] spacing = painted.spacing() != null ? painted.spacing() : proposal.spacing();
		double sx = spacing != null && spacing.length > 0 && spacing[0] > 0 ? spacing[0] : 1, sy = spacing != null && spacing.length > 1 && spacing[1] > 0 ? spacing[1] : sx;
		ShapeInterpolation shapes = new ShapeInterpolation(painted.width(), painted.height(), sx, sy);
		for (int t = 0; t < frames; t++) {
			List<Integer> edited = new ArrayList<>();
			for (int z = 0; z < slices; z++) {
				int p = painted.plane(z, t);
				boolean changed = !Arrays.equals(proposal.labels()[p], painted.labels()[p]);
				roles[p] = changed ? SliceRole.EDITED : SliceRole.KEPT;
				if (changed) edited.add(z);
			}
			if (!options.interpolate()) continue;
			for (int k = 0; k + 1 < edited.size(); k++) {
				int z1 = edited.get(k), z2 = edited.get(k + 1), gap = z2 - z1 - 1;
				if (gap < 1 || gap > options.maxGap()) continue;
				double[] ts = new double[gap];
				for (int i = 0; i < gap; i++) ts[i] = (i + 1.0) / (gap + 1);
				int[][] filled = shapes.between(painted.labels()[painted.plane(z1, t)], painted.labels()[painted.plane(z2, t)], ts);
				for (int i = 0; i < gap; i++) {
					int p = painted.plane(z1 + 1 + i, t);
					out[p] = filled[i];
					roles[p] = SliceRole.INTERPOLATED;
				}
			}
		}
		return new Result(new LabelVolume(painted.width(), painted.height(), slices, frames, out, painted.spacing()),
			new SliceRoles(slices, frames, Arrays.asList(roles)));
	}

	private static String size(LabelVolume v) {
		return v.width() + " × " + v.height() + " × " + v.slices() + " slices × " + v.frames() + " frames";
	}
}
