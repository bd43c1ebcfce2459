package org.segloop.core.uncertainty;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The planes (slices, and frames of a time series) of one proposal, most uncertain first: where a
 * volume is worth correcting. Each plane is scored from the stored per-pixel uncertainty map by
 * the project's own {@link ImageScores.Reduction} (the one that ranks the queue), so "the most
 * uncertain slice" means what "the most uncertain image" means.
 *
 * <p>With the {@code objects} reduction, planes where the proposal has objects come first, ranked
 * by the uncertainty over those objects, and planes without any follow, ranked by their mean: a
 * mean over objects and a mean over empty background are different measures and are not compared
 * with each other. With {@code mean} and {@code top}, every plane is ranked on the one measure.
 * Ties keep the slice order, so a ranking is reproducible.
 *
 * <p>Immutable; thread-safe.
 */
public final class SliceRanking {

	/**
	 * One plane's place in the ranking.
	 *
	 * @param slice 0-based slice
	 * @param frame 0-based frame
	 * @param score the plane's uncertainty under the ranking's reduction (for a plane without objects
	 *     under {@code objects}: its mean)
	 * @param objectPixels how many of its pixels the proposal labels as an object
	 */
	public record Slice(int slice, int frame, double score, long objectPixels) {}

	/**
	 * How planes are scored: the project's reduction and its top fraction (see
	 * {@code ProjectSettings}).
	 */
	public record Options(ImageScores.Reduction reduction, double topFraction) {

		public Options {
			if (reduction == null) throw new IllegalArgumentException("a score reduction is needed");
			if (!(topFraction > 0 && topFraction <= 1)) throw new IllegalArgumentException("topFraction must be in (0, 1]");
		}
	}

	private final int slices;
	private final int frames;
	private final List<Slice> ranked;

	private SliceRanking(int slices, int frames, List<Slice> ranked) {
		this.slices = slices;
		this.frames = frames;
		this.ranked = List.copyOf(ranked);
	}

	/**
	 * Ranks the planes of an uncertainty map.
	 *
	 * @param uncertainty per-pixel uncertainty in [0, 1], one array per plane, plane = z + slices × t
	 * @param classes the proposal's class of each pixel, planes as {@code uncertainty}; a pixel is an
	 *     object when its class is not 0 (background)
	 */
	public static SliceRanking of(float[][] uncertainty, int[][] classes, int slices, int frames, Options options) {
		if (uncertainty.length != slices * frames || classes.length != uncertainty.length)
			throw new IllegalArgumentException("expected " + slices * frames + " planes of uncertainty and classes, got " + uncertainty.length + " and "
				+ classes.length);
		List<Slice> out = new ArrayList<>();
		for (int t = 0; t < frames; t++)
			for (int z = 0; z < slices; z++) {
				int p = z + slices * t;
				float[] u = uncertainty[p];
				int[] c = classes[p];
				if (u.length != c.length) throw new IllegalArgumentException("plane " + p + ": " + u.length + " uncertainties, " + c.length + " classes");
				ScoreAccumulator acc = new ScoreAccumulator(options.topFraction());
				for (int i = 0; i < u.length; i++) acc.add(u[i], c[i] != 0);
				ImageScores s = acc.scores();
				out.add(new Slice(z, t, s.value(options.reduction()), s.objectPixels()));
			}
		Comparator<Slice> order = Comparator.comparingDouble((Slice s) -> Double.isNaN(s.score()) ? Double.NEGATIVE_INFINITY : s.score()).reversed();
		if (options.reduction() == ImageScores.Reduction.OBJECTS)
			order = Comparator.comparing((Slice s) -> s.objectPixels() == 0).thenComparing(order); // planes with objects first
		out.sort(order); // stable: ties keep the slice order
		return new SliceRanking(slices, frames, out);
	}

	public int slices() {
		return slices;
	}

	public int frames() {
		return frames;
	}

	/** Every plane, most uncertain first. */
	public List<Slice> ranked() {
		return ranked;
	}

	/** The most uncertain plane. */
	public Slice first() {
		return ranked.get(0);
	}

	/** The rank (0 = most uncertain) of a plane. */
	public int rankOf(int slice, int frame) {
		for (int r = 0; r < ranked.size(); r++)
			if (ranked.get(r).slice() == slice && ranked.get(r).frame() == frame) return r;
		throw new IllegalArgumentException("no plane at slice " + slice + ", frame " + frame + " (the volume has " + slices + " slices, " + frames
			+ " frames)");
	}

	/**
	 * The plane {@code steps} places down the ranking from the given one (negative: back up towards
	 * the most uncertain); empty past either end, so a surface can say there is no further slice
	 * rather than wrap around unnoticed.
	 */
	public Optional<Slice> step(int slice, int frame, int steps) {
		int r = rankOf(slice, frame) + steps;
		return r >= 0 && r < ranked.size() ? Optional.of(ranked.get(r)) : Optional.empty();
	}
}
