package org.segloop.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.inference.SegmentOptions;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.loop.CorrectionIntake;
import org.segloop.core.loop.FineTuneJob;
import org.segloop.core.loop.Predictor;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.loop.VersionedModel;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.SegmentationFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.training.DiceScore;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.training.FineTuner;
import org.segloop.core.training.TrainingTargets;
import org.segloop.core.util.Folders;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/**
 * The whole loop, simulated with the ground truth as the annotator: a project of a generated pool
 * (mostly near-duplicates, a few hard cases), served by a queue strategy, corrected in rounds, each
 * round followed by fine-tuning and re-scoring — the same code paths as {@code segloop next},
 * {@code accept}, {@code finetune} and {@code predict}. After every round the current version is
 * scored on a held-out test set through ONNX Runtime, as proposals are made. Blocking; minutes.
 */
public final class ActiveLearningBenchmark {

	/**
	 * @param layouts distinct layouts among the plain images (fewer = more redundancy)
	 */
	public record Settings(int poolSize, int testSize, int imageSize, int rounds, int perRound, List<String> strategies, int seeds,
		double hardFraction, int layouts, FineTuneSettings fineTune, RuntimeOptions runtime, Path workDir) {}

	/** After one round: images corrected so far, test Dice of the then current version, mean changed fraction of the round's corrections. */
	public record Round(int corrected, double testDice, double fractionChanged, int hardServed, boolean newVersion, double fineTuneSeconds) {}

	public record Run(String strategy, long seed, double startDice, List<Round> rounds, double seconds) {}

	private final Settings settings;
	private final Path model;

	public ActiveLearningBenchmark(Path model, Settings settings) {
		this.model = model;
		this.settings = settings;
	}

	/** Runs every strategy on every seed's pool; {@code log} hears one line per round. */
	public List<Run> run(Consumer<String> log) throws IOException {
		List<Run> runs = new ArrayList<>();
		for (int seed = 1; seed <= settings.seeds(); seed++) {
			Path dir = Files.createDirectories(settings.workDir().resolve("seed-" + seed));
			Pool pool = Pool.write(dir, settings, seed);
			for (String strategy : settings.strategies()) {
				Run r = runOne(pool, strategy, seed, dir.resolve(strategy), log);
				runs.add(r);
				Folders.deleteQuietly(dir.resolve(strategy));
			}
		}
		return runs;
	}

	private Run runOne(Pool pool, String strategy, long seed, Path projectDir, Consumer<String> log) {
		long t0 = System.nanoTime();
		Folders.deleteQuietly(projectDir);
		ProjectSettings ps = ProjectSettings.defaults().withStrategy(strategy).withSeed(seed);
		List<Round> rounds = new ArrayList<>();
		double start;
		try (ProjectStore p = ProjectSetup.init(projectDir, model, pool.images(), ps)) {
			Map<Long, LabelVolume> truth = SyntheticCells.byImageId(p, pool.written(), SyntheticCells.Sample::truth);
			Map<Long, Boolean> hardCase = SyntheticCells.byImageId(p, pool.written(), s -> s.kind() != SyntheticCells.Kind.PLAIN);
			predict(p);
			start = testDice(p, pool);
			log.accept(String.format("%-11s seed %d: start test Dice %.4f", strategy, seed, start));
			for (int r = 1; r <= settings.rounds(); r++) {
				double changed = 0;
				int hard = 0;
				for (int i = 0; i < settings.perRound(); i++) {
					ImageQueue.Lease lease = p.queue().next("ground-truth").orElseThrow();
					Correction c = new CorrectionIntake(p).accept(lease.imageId(), lease.token(), truth.get(lease.imageId()), null, 1.0);
					changed += c.fractionChanged();
					if (hardCase.get(lease.imageId())) hard++;
				}
				long f0 = System.nanoTime();
				FineTuneSettings ft = settings.fineTune().withSeed(seed * 1000 + r);
				FineTuneJob.Outcome o = r * settings.perRound() >= ft.minCorrections() ? new FineTuneJob(p).run(ft, new FineTuner.Listener() {}, new Cancellation()) : null;
				double ftSeconds = (System.nanoTime() - f0) / 1e9;
				if (o != null && o.improved()) predict(p);
				double dice = testDice(p, pool);
				Round round = new Round(r * settings.perRound(), dice, changed / settings.perRound(), hard, o != null && o.improved(), ftSeconds);
				rounds.add(round);
				log.accept(String.format("%-11s seed %d round %d: %3d corrected, test Dice %.4f, changed %.2f %%, %d hard served, %s (%.0f s)", strategy, seed,
					r, round.corrected(), dice, 100 * round.fractionChanged(), hard, round.newVersion() ? "new version" : "model kept", ftSeconds));
			}
		}
		return new Run(strategy, seed, start, rounds, (System.nanoTime() - t0) / 1e9);
	}

	private void predict(ProjectStore p) {
		new Predictor(p, settings.runtime()).run((d, t, r, pr) -> {}, ProgressListener.NONE, new Cancellation());
	}

	/** Mean foreground Dice of the current version on the test set, through ONNX Runtime as proposals are made. */
	private double testDice(ProjectStore p, Pool pool) {
		VersionedModel m = VersionedModel.open(p, p.models().current());
		DiceScore score = new DiceScore(m.pkg().classNames().size());
		int boundary = m.pkg().description().settings().boundaryChannel();
		try (SegmentationTool tool = new SegmentationTool(m.pkg(), settings.runtime(), SegmentOptions.defaults(), m.weights())) {
			for (SyntheticCells.Sample s : pool.test()) {
				LabelVolume predicted = SegmentationFiles.classLabels(tool.segment(s.image()));
				int size = s.image().width();
				score.add(predicted.labels()[0], TrainingTargets.ofInstances(s.instances(), size, size, null, boundary));
			}
		}
		return score.value();
	}

	/** A seed's pool on disk with its truth, and its test set in memory. */
	record Pool(List<SyntheticCells.Written> written, List<SyntheticCells.Sample> test) {

		static Pool write(Path dir, Settings s, long seed) throws IOException {
			List<SyntheticCells.Written> written = SyntheticCells.write(SyntheticCells.pool(s.poolSize(), s.imageSize(), s.hardFraction(), s.layouts(), seed),
				dir, "pool");
			// the test set mirrors the pool's mix, from other layouts
			List<SyntheticCells.Sample> test = SyntheticCells.pool(s.testSize(), s.imageSize(), s.hardFraction(), s.layouts(), seed + 7919);
			return new Pool(written, test);
		}

		List<Path> images() {
			return written.stream().map(SyntheticCells.Written::file).toList();
		}
	}

	/** Per strategy and round, the mean and spread over seeds, and where each reaches random's final Dice. */
	public static Map<String, Object> summary(List<Run> runs, int poolSize) {
		Map<String, List<Run>> byStrategy = new LinkedHashMap<>();
		for (Run r : runs) byStrategy.computeIfAbsent(r.strategy(), k -> new ArrayList<>()).add(r);
		Map<String, Object> out = new LinkedHashMap<>();
		double randomFinal = byStrategy.containsKey("random") ? meanDice(byStrategy.get("random"), byStrategy.get("random").get(0).rounds().size()) : Double.NaN;
		out.put("random_final_dice", randomFinal);
		for (Map.Entry<String, List<Run>> e : byStrategy.entrySet()) {
			List<Run> rs = e.getValue();
			int rounds = rs.get(0).rounds().size();
			List<Map<String, Object>> curve = new ArrayList<>();
			Double reach = null;
			for (int r = 0; r <= rounds; r++) {
				double mean = meanDice(rs, r), sd = sdDice(rs, r, mean);
				int corrected = r == 0 ? 0 : rs.get(0).rounds().get(r - 1).corrected();
				Map<String, Object> point = new LinkedHashMap<>();
				point.put("corrected", corrected);
				point.put("label_fraction", corrected / (double) poolSize);
				point.put("test_dice", mean);
				point.put("test_dice_sd", sd);
				if (r > 0) {
					final int k = r - 1;
					point.put("fraction_changed", rs.stream().mapToDouble(x -> x.rounds().get(k).fractionChanged()).average().orElse(Double.NaN));
					point.put("hard_served", rs.stream().mapToDouble(x -> x.rounds().get(k).hardServed()).average().orElse(Double.NaN));
				}
				if (reach == null && r > 0 && mean >= randomFinal) reach = corrected / (double) poolSize;
				curve.add(point);
			}
			Map<String, Object> s = new LinkedHashMap<>();
			s.put("curve", curve);
			s.put("label_fraction_to_reach_random_final", reach);
			s.put("seconds_per_run", rs.stream().mapToDouble(Run::seconds).average().orElse(Double.NaN));
			out.put(e.getKey(), s);
		}
		return out;
	}

	/** Writes the PNG plot of the runs. */
	public static void plot(List<Run> runs, int poolSize, Path png) throws IOException {
		Files.createDirectories(png.getParent());
		LearningCurvePlot.write(runs, poolSize, png);
	}

	/** The summary as a Markdown table: mean ± sd test Dice per strategy after each round, changed fraction, and the label fraction to reach random's final Dice. */
	@SuppressWarnings("unchecked")
	public static String table(Map<String, Object> summary) {
		StringBuilder b = new StringBuilder();
		List<String> strategies = summary.keySet().stream().filter(k -> !k.equals("random_final_dice")).toList();
		List<Map<String, Object>> first = (List<Map<String, Object>>) ((Map<String, Object>) summary.get(strategies.get(0))).get("curve");
		b.append("| corrected |");
		strategies.forEach(s -> b.append(" ").append(s).append(" Dice | ").append(s).append(" changed |"));
		b.append("\n|---|").append("---|---|".repeat(strategies.size())).append("\n");
		for (int r = 0; r < first.size(); r++) {
			b.append("| ").append(first.get(r).get("corrected")).append(" |");
			for (String s : strategies) {
				Map<String, Object> p = ((List<Map<String, Object>>) ((Map<String, Object>) summary.get(s)).get("curve")).get(r);
				b.append(String.format(" %.4f ± %.4f |", (Double) p.get("test_dice"), (Double) p.get("test_dice_sd")));
				b.append(p.containsKey("fraction_changed") ? String.format(" %.2f %% |", 100 * (Double) p.get("fraction_changed")) : " — |");
			}
			b.append("\n");
		}
		b.append(String.format("%nrandom's final Dice %.4f; label fraction to reach it:", (Double) summary.get("random_final_dice")));
		for (String s : strategies) {
			Object f = ((Map<String, Object>) summary.get(s)).get("label_fraction_to_reach_random_final");
			b.append(" ").append(s).append(" ").append(f == null ? "not reached" : String.format("%.0f %%", 100 * (Double) f)).append(";");
		}
		return b.toString();
	}

	/** Mean test Dice over seeds after round r (0 = the starting model). */
	static double meanDice(List<Run> runs, int r) {
		return runs.stream().mapToDouble(x -> r == 0 ? x.startDice() : x.rounds().get(r - 1).testDice()).average().orElse(Double.NaN);
	}

	private static double sdDice(List<Run> runs, int r, double mean) {
		double ss = runs.stream().mapToDouble(x -> {
			double d = (r == 0 ? x.startDice() : x.rounds().get(r - 1).testDice()) - mean;
			return d * d;
		}).sum();
		return runs.size() < 2 ? 0 : Math.sqrt(ss / (runs.size() - 1));
	}
}
