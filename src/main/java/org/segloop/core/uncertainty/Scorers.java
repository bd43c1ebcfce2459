package org.segloop.core.uncertainty;

import java.nio.file.Path;
import java.util.List;

import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.registry.ExtensionFailedException;
import org.segloop.core.registry.Registry;
import org.segloop.core.registry.UnknownNameException;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/**
 * The uncertainty scorers, by name, as settings and the CLI refer to them: SegLoop's built-ins and
 * any {@link ScorerFactory} a jar on the class path registers.
 */
public final class Scorers {

	/**
	 * @param topFraction the fraction of most uncertain pixels the {@code top} reduction averages
	 * @param augmentations K, the passes of {@code tta} and {@code bald} (2 to 8)
	 */
	public record Options(double topFraction, int augmentations) {

		public static Options defaults() {
			return new Options(0.05, 4);
		}
	}

	public static final Registry<ScorerFactory> REGISTRY = new Registry<>(ScorerFactory.class, "uncertainty scorer");

	private Scorers() {}

	public static List<String> names() {
		return REGISTRY.names();
	}

	/**
	 * @throws UnknownNameException for an unknown name, listing the known ones
	 * @throws IllegalArgumentException for options the scorer cannot use
	 */
	public static UncertaintyScorer create(String name, Options options) {
		return REGISTRY.byName(name).create(options);
	}

	/**
	 * Scores an image, holding an added scorer to its contract (see {@link ScoredSegmentation}): a
	 * proposal, one finite uncertainty per pixel of every plane, finite scores. A breach, or an
	 * exception that is not one of SegLoop's typed errors, is an {@link ExtensionFailedException}
	 * naming the scorer and the image: the scorer fails on every image, so the caller stops.
	 *
	 * @param file the image's file, for messages
	 */
	public static ScoredSegmentation score(UncertaintyScorer scorer, SegmentationTool tool, ImageVolume image, Path file,
		ProgressListener progress, Cancellation cancel)
	{
		if (Registry.isBuiltIn(scorer.getClass())) return scorer.score(tool, image, progress, cancel);
		ScoredSegmentation s;
		try {
			s = scorer.score(tool, image, progress, cancel);
		}
		catch (RuntimeException e) {
			if (!ExtensionFailedException.isBreach(e)) throw e;
			throw failed(scorer, file, "failed scoring it: " + e, e);
		}
		String breach = breach(s, image);
		if (breach != null) throw failed(scorer, file, breach, null);
		return s;
	}

	/** What is wrong with a scorer's result, or null when it keeps the contract. */
	private static String breach(ScoredSegmentation s, ImageVolume image) {
		if (s == null) return "returned no result (null)";
		if (s.proposal() == null) return "returned no proposal (null)";
		if (s.scores() == null) return "returned no image scores (null)";
		float[][] map = s.uncertainty();
		int planes = image.slices() * image.frames(), pixels = image.width() * image.height();
		if (map == null) return "returned no uncertainty map (null)";
		if (map.length != planes) return "returned an uncertainty map of " + map.length + " planes for an image of " + planes;
		for (int p = 0; p < planes; p++) {
			if (map[p] == null || map[p].length != pixels) return "returned plane " + p + " of the uncertainty map with "
				+ (map[p] == null ? "no values (null)" : map[p].length + " values") + "; the image has " + pixels + " pixels per plane";
			for (float u : map[p])
				if (!Float.isFinite(u)) return "returned a non-finite uncertainty (" + u + ") in plane " + p;
		}
		ImageScores r = s.scores();
		if (!Double.isFinite(r.mean()) || !Double.isFinite(r.topFractionMean()) || Double.isInfinite(r.meanOverObjects())
			|| (r.objectPixels() > 0 && Double.isNaN(r.meanOverObjects())))
			return "returned image scores that are not numbers: " + r;
		return null;
	}

	private static ExtensionFailedException failed(UncertaintyScorer scorer, Path file, String problem, Throwable cause) {
		return new ExtensionFailedException(file, REGISTRY.kind(), scorer.name(), scorer.getClass(), problem, cause);
	}
}
