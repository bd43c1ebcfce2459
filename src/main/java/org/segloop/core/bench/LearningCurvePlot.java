package org.segloop.core.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * The active-learning benchmark as a PNG: held-out test Dice against corrected images (thin lines
 * per seed, thick for the mean) and the fraction of pixels the annotator changed per round.
 * Java2D into an image, so it works headless.
 */
final class LearningCurvePlot {

	private static final Map<String, Color> COLOURS = Map.of("uncertainty", new Color(0xd62728), "hybrid", new Color(0x1f77b4), "random",
		new Color(0x7f7f7f), "first", new Color(0x2ca02c));

	private LearningCurvePlot() {}

	static void write(List<ActiveLearningBenchmark.Run> runs, int poolSize, Path png) throws IOException {
		int w = 1200, h = 520;
		BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = img.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, w, h);
		Map<String, List<ActiveLearningBenchmark.Run>> byStrategy = new LinkedHashMap<>();
		for (ActiveLearningBenchmark.Run r : runs) byStrategy.computeIfAbsent(r.strategy(), k -> new ArrayList<>()).add(r);
		int rounds = runs.get(0).rounds().size();
		int maxCorrected = runs.get(0).rounds().get(rounds - 1).corrected();
		double lo = 1, hi = 0, maxChanged = 0;
		for (ActiveLearningBenchmark.Run r : runs) {
			lo = Math.min(lo, r.startDice());
			hi = Math.max(hi, r.startDice());
			for (ActiveLearningBenchmark.Round x : r.rounds()) {
				lo = Math.min(lo, x.testDice());
				hi = Math.max(hi, x.testDice());
				maxChanged = Math.max(maxChanged, x.fractionChanged());
			}
		}
		lo = Math.floor(lo * 50) / 50;
		hi = Math.min(1, Math.ceil(hi * 50) / 50);
		Panel dice = new Panel(g, 70, 50, 560, 400, 0, maxCorrected, lo, hi);
		dice.axes("images corrected (of " + poolSize + ")", "held-out test Dice", "%.2f");
		Panel changed = new Panel(g, 720, 50, 440, 400, 0, maxCorrected, 0, Math.max(0.01, maxChanged * 1.1));
		changed.axes("images corrected (each round's corrections)", "fraction of pixels changed", "%.3f");
		int legendY = 70;
		for (Map.Entry<String, List<ActiveLearningBenchmark.Run>> e : byStrategy.entrySet()) {
			Color c = COLOURS.getOrDefault(e.getKey(), Color.BLACK);
			g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 70));
			g.setStroke(new BasicStroke(1f));
			for (ActiveLearningBenchmark.Run r : e.getValue()) dice.line(xs(r, true), ys(List.of(r), rounds, true));
			g.setColor(c);
			g.setStroke(new BasicStroke(3f));
			dice.line(xs(e.getValue().get(0), true), ys(e.getValue(), rounds, true));
			changed.line(xs(e.getValue().get(0), false), ys(e.getValue(), rounds, false));
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
			g.drawString(e.getKey() + " (" + e.getValue().size() + " seeds)", 480, legendY + 330);
			legendY -= 20;
		}
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
		g.drawString("SegLoop active learning: generated pool, ground truth as annotator, fine-tuned after every round", 70, 25);
		g.dispose();
		ImageIO.write(img, "png", png.toFile());
	}

	private static double[] xs(ActiveLearningBenchmark.Run r, boolean withStart) {
		int n = r.rounds().size();
		double[] x = new double[withStart ? n + 1 : n];
		for (int i = 0; i < n; i++) x[withStart ? i + 1 : i] = r.rounds().get(i).corrected();
		return x;
	}

	private static double[] ys(List<ActiveLearningBenchmark.Run> runs, int rounds, boolean dice) {
		double[] y = new double[dice ? rounds + 1 : rounds];
		for (int i = 0; i < y.length; i++) {
			int r = dice ? i : i + 1;
			y[i] = dice ? ActiveLearningBenchmark.meanDice(runs, r)
				: runs.stream().mapToDouble(x -> x.rounds().get(r - 1).fractionChanged()).average().orElse(0);
		}
		return y;
	}

	/** One plot area with linear axes. */
	private record Panel(Graphics2D g, int left, int top, int width, int height, double x0, double x1, double y0, double y1) {

		int px(double x) {
			return left + (int) Math.round((x - x0) / (x1 - x0) * width);
		}

		int py(double y) {
			return top + height - (int) Math.round((y - y0) / (y1 - y0) * height);
		}

		void axes(String xLabel, String yLabel, String yFormat) {
			g.setColor(Color.BLACK);
			g.setStroke(new BasicStroke(1f));
			g.drawRect(left, top, width, height);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
			for (int i = 0; i <= 5; i++) {
				double y = y0 + (y1 - y0) * i / 5;
				g.drawString(String.format(yFormat, y), left - 50, py(y) + 4);
				double x = x0 + (x1 - x0) * i / 5;
				g.drawString(String.format("%.0f", x), px(x) - 8, top + height + 18);
			}
			g.drawString(xLabel, left + width / 2 - 60, top + height + 40);
			g.drawString(yLabel, left, top - 8);
		}

		void line(double[] xs, double[] ys) {
			for (int i = 1; i < xs.length; i++) g.drawLine(px(xs[i - 1]), py(ys[i - 1]), px(xs[i]), py(ys[i]));
			for (int i = 0; i < xs.length; i++) g.fillOval(px(xs[i]) - 3, py(ys[i]) - 3, 6, 6);
		}
	}
}
