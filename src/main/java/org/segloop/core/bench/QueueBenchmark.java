package org.segloop.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.segloop.core.SegLoopException;
import org.segloop.core.UserSetting;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.uncertainty.ImageScores;
import org.segloop.core.util.Folders;

/**
 * The queue at scale: a project of N synthetic images (each with proposals from two model versions)
 * on disk, then {@code next} latency per strategy (each call leases an image to a new annotator, in
 * its own transaction, journalled, as the CLI does) and the time to re-rank every row with the
 * second version's scores in one transaction. Figures in milliseconds.
 */
public final class QueueBenchmark {

	private static final int WARM_UP = 5;

	private QueueBenchmark() {}

	public static Map<String, Object> run(Path workDir, int images, List<String> strategies, int serves, Consumer<String> log) throws IOException {
		int leases = strategies.size() * (WARM_UP + serves); // every call leases an image for good
		if (images < leases) throw new SegLoopException(null, "the queue case needs at least " + leases + " images for " + serves
			+ " serves per strategy", "give queue sizes of " + leases + " or more, or fewer serves", UserSetting.QUEUE_SIZES, UserSetting.SERVES);
		Path folder = workDir.resolve("queue-" + images);
		Folders.deleteQuietly(folder);
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("images", images);
		long t0 = System.nanoTime();
		SyntheticProject.Made made = SyntheticProject.create(folder, images, 1);
		m.put("fillSeconds", InferenceBenchmark.round((System.nanoTime() - t0) / 1e9));
		try (ProjectStore p = ProjectStore.open(folder, ProjectStore.Access.READ_WRITE)) {
			m.put("databaseMB", Files.size(folder.resolve("project.sqlite")) >> 20);
			for (String strategy : strategies) {
				log.accept("  next × " + serves + " with " + strategy + " on " + images + " images");
				p.saveSettings(p.settings().withStrategy(strategy));
				double[] ms = new double[serves];
				for (int i = 0; i < WARM_UP; i++) p.queue().next("warm-up " + strategy + " " + i).orElseThrow();
				for (int i = 0; i < serves; i++) {
					long s = System.nanoTime();
					p.queue().next(strategy + " annotator " + i).orElseThrow();
					ms[i] = (System.nanoTime() - s) / 1e6;
				}
				m.put("next_" + strategy, percentiles(ms));
			}
			log.accept("  re-rank " + images + " rows");
			double[] rerank = new double[3];
			for (int i = 0; i < rerank.length; i++) {
				long s = System.nanoTime();
				p.predictions().rerank(i % 2 == 0 ? made.secondModel() : made.firstModel(), ImageScores.Reduction.TOP);
				rerank[i] = (System.nanoTime() - s) / 1e6;
			}
			m.put("rerankMs", percentiles(rerank).get("p50"));
		}
		finally {
			Folders.deleteQuietly(folder);
		}
		return m;
	}

	private static Map<String, Double> percentiles(double[] ms) {
		double[] s = ms.clone();
		Arrays.sort(s);
		Map<String, Double> out = new LinkedHashMap<>();
		out.put("p50", InferenceBenchmark.round(s[(int) Math.round(0.50 * (s.length - 1))]));
		out.put("p95", InferenceBenchmark.round(s[(int) Math.round(0.95 * (s.length - 1))]));
		out.put("max", InferenceBenchmark.round(s[s.length - 1]));
		return out;
	}
}
