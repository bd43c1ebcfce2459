package org.segloop.fiji;

import java.awt.image.BufferedImage;
import java.util.List;

import ij.gui.Plot;

import org.segloop.core.loop.LearningCurve;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ImageQueue;

/** The queue panel's plots, drawn with ImageJ's {@link Plot} into images (works headless). */
final class QueuePlots {

	private static final int WIDTH = 320, HEIGHT = 200;

	private QueuePlots() {}

	/** Fraction of pixels the scientist changed, per accepted image in order. */
	static BufferedImage effort(List<Correction> corrections) {
		double[] x = new double[corrections.size()], y = new double[corrections.size()];
		for (int i = 0; i < x.length; i++) {
			x[i] = i + 1;
			y[i] = 100 * corrections.get(i).fractionChanged();
		}
		Plot plot = new Plot("Correction effort", "accepted image", "% of pixels changed");
		plot.setSize(WIDTH, HEIGHT);
		plot.setLimits(0, Math.max(2, x.length + 1), 0, Math.max(1, max(y) * 1.1));
		if (x.length > 0) plot.add("connected circle", x, y);
		return plot.getProcessor().getBufferedImage();
	}

	/** Histogram of the images' uncertainty scores (20 bins over the observed range). */
	static BufferedImage scores(List<ImageQueue.Entry> entries) {
		double[] s = entries.stream().filter(e -> e.score() != null).mapToDouble(ImageQueue.Entry::score).toArray();
		int bins = 20;
		double lo = s.length == 0 ? 0 : java.util.Arrays.stream(s).min().getAsDouble();
		double hi = s.length == 0 ? 1 : java.util.Arrays.stream(s).max().getAsDouble();
		double width = Math.max(1e-9, (hi - lo) / bins);
		double[] x = new double[bins], count = new double[bins];
		for (int b = 0; b < bins; b++) x[b] = lo + (b + 0.5) * width;
		for (double v : s) count[Math.min(bins - 1, (int) ((v - lo) / width))]++;
		Plot plot = new Plot("Uncertainty scores", "score", "images");
		plot.setSize(WIDTH, HEIGHT);
		plot.setLimits(lo - width, hi + width, 0, Math.max(1, max(count) * 1.1));
		plot.add("bar", x, count);
		return plot.getProcessor().getBufferedImage();
	}

	/**
	 * The learning curve, per model version: held-out Dice of fine-tuned versions (filled circles)
	 * and the mean object Dice between each version's proposals and their accepted corrections.
	 */
	static BufferedImage learningCurve(List<LearningCurve.Point> versions) {
		Plot plot = new Plot("Learning curve", "model version", "Dice");
		plot.setSize(WIDTH, HEIGHT);
		double lo = 1;
		int n = versions.size();
		double[] x = new double[n], heldOut = new double[n], proposal = new double[n];
		for (int i = 0; i < n; i++) {
			LearningCurve.Point v = versions.get(i);
			x[i] = v.versionId();
			heldOut[i] = v.heldOutDice() == null ? Double.NaN : v.heldOutDice();
			proposal[i] = v.proposalDice() == null ? Double.NaN : v.proposalDice();
			for (double d : new double[] { heldOut[i], proposal[i], v.parentHeldOutDice() == null ? Double.NaN : v.parentHeldOutDice() })
				if (!Double.isNaN(d)) lo = Math.min(lo, d);
		}
		plot.setLimits(0.5, Math.max(1.5, n + 0.5), Math.max(0, Math.floor(lo * 20) / 20 - 0.05), 1.0);
		if (n > 0) {
			plot.setColor(java.awt.Color.RED);
			plot.add("connected circle", x, heldOut);
			plot.setColor(java.awt.Color.BLUE);
			plot.add("connected circle", x, proposal);
		}
		plot.setColor(java.awt.Color.BLACK);
		plot.addLegend("held-out Dice\nproposal vs correction");
		return plot.getProcessor().getBufferedImage();
	}

	private static double max(double[] v) {
		double m = 0;
		for (double d : v) m = Math.max(m, d);
		return m;
	}
}
