package org.segloop.core.uncertainty;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An image's uncertainty, reduced three ways; NaN where no pixel qualifies (e.g. no object
 * predicted).
 *
 * @param mean mean over all pixels
 * @param meanOverObjects mean over pixels predicted as any class but background
 * @param topFractionMean mean of the most uncertain fraction of pixels
 */
public record ImageScores(double mean, double meanOverObjects, double topFractionMean, long pixels, long objectPixels) {

	/** Which of the three reductions ranks the queue. Registered by name. */
	public enum Reduction {
		MEAN("mean"), OBJECTS("objects"), TOP("top");

		private final String id;

		Reduction(String id) {
			this.id = id;
		}

		public String id() {
			return id;
		}

		public static Reduction byName(String name) {
			for (Reduction r : values()) if (r.id.equals(name.toLowerCase(Locale.ROOT))) return r;
			throw new IllegalArgumentException("unknown score reduction '" + name + "'; known: " + names());
		}

		public static List<String> names() {
			return Arrays.stream(values()).map(Reduction::id).toList();
		}
	}

	/**
	 * The score under a reduction. An image without predicted objects falls back to the mean for
	 * {@code objects}: it still has to be ranked.
	 */
	public double value(Reduction r) {
		return switch (r) {
			case MEAN -> mean;
			case OBJECTS -> Double.isNaN(meanOverObjects) ? mean : meanOverObjects;
			case TOP -> topFractionMean;
		};
	}
}
