package org.segloop.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Volumes of a proposal and its correction: per class and per object, in voxels and (where the
 * spacing has a length unit, see {@link VoxelVolume}) in mL, with the difference correction −
 * proposal. Objects are numbered 1..n as {@link CorrectionMetrics} counts them; a proposed object
 * names the corrected one it was matched to (IoU ≥ 0.5), so a user sees how much a lesion grew or
 * shrank (listed for volumes only, not for single planes). Immutable after construction; the
 * arrays are not copied.
 *
 * @param classes class names
 * @param proposalClassVoxels, correctedClassVoxels voxels per class
 * @param proposedObjectVoxels, correctedObjectVoxels voxels per object, index = object number (0 unused)
 * @param matchedTo per proposed object, the corrected object it matched, 0 for none
 */
public record CorrectionVolumes(VoxelVolume voxel, List<String> classes, long[] proposalClassVoxels, long[] correctedClassVoxels,
	long[] proposedObjectVoxels, long[] correctedObjectVoxels, int[] matchedTo)
{

	/** mL of a class in the proposal, or null when the spacing gives no mL. */
	public Double proposalMl(int c) {
		return voxel.ml(proposalClassVoxels[c]);
	}

	public Double correctedMl(int c) {
		return voxel.ml(correctedClassVoxels[c]);
	}

	/** Correction − proposal for a class, in mL, or null. */
	public Double differenceMl(int c) {
		return voxel.ml(correctedClassVoxels[c] - proposalClassVoxels[c]);
	}

	/** As the correction's metrics JSON holds it. */
	Map<String, Object> toMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("unit", voxel.unit());
		m.put("voxelMl", voxel.known() ? voxel.millilitres() : null);
		if (!voxel.known()) m.put("note", voxel.note());
		Map<String, Object> perClass = new LinkedHashMap<>();
		for (int c = 1; c < classes.size(); c++) { // background's volume is the image's rest: not informative
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("proposalVoxels", proposalClassVoxels[c]);
			one.put("correctedVoxels", correctedClassVoxels[c]);
			one.put("proposalMl", round(proposalMl(c)));
			one.put("correctedMl", round(correctedMl(c)));
			one.put("differenceMl", round(differenceMl(c)));
			perClass.put(classes.get(c), one);
		}
		m.put("classes", perClass);
		if (!voxel.planar()) { // a plane image's hundreds of nuclei would only repeat their pixel counts in every correction
			m.put("proposedObjects", objects(proposedObjectVoxels, matchedTo));
			m.put("correctedObjects", objects(correctedObjectVoxels, null));
		}
		return m;
	}

	private List<Map<String, Object>> objects(long[] voxels, int[] matched) {
		List<Map<String, Object>> out = new ArrayList<>();
		for (int o = 1; o < voxels.length; o++) {
			if (voxels[o] == 0) continue;
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("object", o);
			one.put("voxels", voxels[o]);
			one.put("ml", round(voxel.ml(voxels[o])));
			if (matched != null) {
				one.put("matchedTo", matched[o] == 0 ? null : matched[o]);
				one.put("differenceMl", matched[o] == 0 ? null : round(voxel.ml(correctedObjectVoxels[matched[o]] - voxels[o])));
			}
			out.add(one);
		}
		return out;
	}

	/** Nine significant digits: sums of voxels print as 0.02, not 0.020000000000000004, and a µm³ voxel (1e-12 mL) keeps its value. */
	static Double round(Double ml) {
		if (ml == null || ml == 0) return ml;
		return new java.math.BigDecimal(ml).round(new java.math.MathContext(9)).doubleValue();
	}
}
