package org.segloop.core.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The slices whose labels changed between a proposal and its accepted correction, measured on the
 * two masks (not what the annotator says they touched): "how many slices did the radiologist have
 * to edit". A slice counts when any of its voxels counts as changed under the same rule as
 * {@link CorrectionMetrics#fractionChanged()}.
 *
 * @param changed slices (planes, over all frames) with at least one changed voxel
 * @param total slices (planes) of the image
 * @param which the changed slices, 1-based as Fiji numbers them, as ranges ("3-7, 12"); per
 *          frame ("t1: 3-7; t2: 4") for a time series; "" when none
 */
public record SliceChanges(int changed, int total, String which) {

	/** From the changed voxels per plane ({@code z + slices * t}). */
	public static SliceChanges of(long[] changedPerPlane, int slices, int frames) {
		int changed = 0;
		List<String> perFrame = new ArrayList<>();
		for (int t = 0; t < frames; t++) {
			List<int[]> ranges = new ArrayList<>();
			for (int z = 0; z < slices; z++) {
				if (changedPerPlane[z + slices * t] == 0) continue;
				changed++;
				int[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
				if (last != null && last[1] == z) last[1] = z + 1;
				else ranges.add(new int[] { z + 1, z + 1 });
			}
			if (ranges.isEmpty()) continue;
			StringBuilder b = new StringBuilder(frames > 1 ? "t" + (t + 1) + ": " : "");
			for (int i = 0; i < ranges.size(); i++) {
				int[] r = ranges.get(i);
				b.append(i == 0 ? "" : ", ").append(r[0]).append(r[1] > r[0] ? "-" + r[1] : "");
			}
			perFrame.add(b.toString());
		}
		return new SliceChanges(changed, slices * frames, String.join("; ", perFrame));
	}
}
