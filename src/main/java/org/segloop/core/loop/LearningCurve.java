package org.segloop.core.loop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.segloop.core.project.Corrections.VersionSummary;
import org.segloop.core.project.ModelVersions.ModelVersion;
import org.segloop.core.project.ProjectStore;

/**
 * How the model improved version by version: for each, its held-out Dice (and its parent's on
 * the same held-out corrections), how many corrections trained it, and how much its own proposals
 * had to be corrected (mean object Dice between proposal and accepted correction, and the
 * fraction of pixels changed) and, for volumes, the mean number of slices whose labels changed per
 * corrected volume: the figure a radiologist cares about. Reads only.
 */
public final class LearningCurve {

	/**
	 * One version. Values are null where there is nothing to measure (a package's own version has no
	 * held-out Dice; a version nobody corrected has no proposal Dice).
	 *
	 * @param trainedOn corrections the version was fine-tuned on (0 for a package's own)
	 * @param corrected corrections of this version's proposals
	 * @param slicesChanged mean slices changed per corrected image ({@code CorrectionMetrics.slices()}), or null
	 * @param slices mean slices of those images (1 for planes), or null
	 */
	public record Point(long versionId, String name, Long parentId, boolean current, Double heldOutDice, Double parentHeldOutDice, int trainedOn,
		int corrected, Double proposalDice, Double fractionChanged, long createdAt, Double slicesChanged, Double slices)
	{

		/** Without slice figures (plane images, or corrections recorded before they were measured). */
		public Point(long versionId, String name, Long parentId, boolean current, Double heldOutDice, Double parentHeldOutDice, int trainedOn,
			int corrected, Double proposalDice, Double fractionChanged, long createdAt)
		{
			this(versionId, name, parentId, current, heldOutDice, parentHeldOutDice, trainedOn, corrected, proposalDice, fractionChanged, createdAt,
				null, null);
		}

		/** Whether the slice figures mean something: this version's corrected images are volumes. */
		public boolean volumetric() {
			return slices != null && slices > 1;
		}
	}

	private LearningCurve() {}

	public static List<Point> of(ProjectStore store) {
		Map<Long, VersionSummary> summaries = new HashMap<>();
		for (VersionSummary s : store.corrections().summary()) summaries.put(s.modelId(), s);
		long current = store.models().current().id();
		List<Point> out = new ArrayList<>();
		for (ModelVersion v : store.models().all()) {
			VersionSummary s = summaries.get(v.id());
			out.add(new Point(v.id(), v.name(), v.parentId(), v.id() == current, v.heldOutDice(), v.parentHeldOutDice(), v.trainedOn(),
				s == null ? 0 : s.corrections(), s == null ? null : finite(s.meanObjectDice()), s == null ? null : finite(s.meanFractionChanged()),
				v.createdAt(), s == null ? null : finite(s.meanSlicesChanged()), s == null ? null : finite(s.meanSlices())));
		}
		return out;
	}


	private static Double finite(double d) {
		return Double.isFinite(d) ? d : null;
	}
}
