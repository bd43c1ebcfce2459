package org.segloop.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

import org.segloop.core.dicom.DicomInputs;
import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.inference.SegmentOptions;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.loop.CorrectionIntake;
import org.segloop.core.loop.FineTuneJob;
import org.segloop.core.loop.Predictor;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.loop.VersionedModel;
import org.segloop.core.metrics.CorrectionMetrics;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.output.SegmentationFiles;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.training.DiceScore;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.training.FineTuner;
import org.segloop.core.util.Folders;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/**
 * Active learning in 3D, simulated with the ground truth as the annotator: per seed, a pool of CT
 * phantom volumes written as DICOM series — most of them plain, a fraction hard (heavy noise, or a
 * darker contrast phase) — and a held-out test set with the same mix. Each arm runs the real code:
 * {@code next} serves volumes, each is accepted with its true classes (background / organ / lesion),
 * {@code finetune} makes a new version if it beats its parent, {@code predict} re-scores the queue,
 * and the current version's Dice is measured on the test set. An arm is a strategy, optionally
 * with a cold start ({@code uncertainty+diverse}: {@code diverse} until the first correction).
 * "Slices edited" counts, per served volume, the slices whose proposal differs from the truth
 * anywhere: the slices a radiologist correcting slice-wise would have to touch. Blocking; minutes.
 */
public final class VolumeActiveLearningBenchmark {

	/** @param arms strategy names, each optionally with {@code +COLDSTART} (e.g. {@code uncertainty+diverse}) */
	public record Settings(int poolSize, int testSize, int width, int height, int depth, int rounds, int perRound, List<String> arms,
		int seeds, double hardFraction, FineTuneSettings fineTune, RuntimeOptions runtime, Path workDir) {}

	/**
	 * After one round. {@code fineTuneError} is null unless fine-tuning failed (the model is then kept
	 * and the error reported, so a bench run shows it instead of hiding it).
	 */
	public record Round(int corrected, double testDice, double organDice, double lesionDice, double slicesEditedPerVolume,
		double fractionChanged, int hardServed, boolean newVersion, double fineTuneSeconds, String fineTuneError) {}

	public record Run(String arm, long seed, double startDice, List<Round> rounds, double seconds) {}

	enum Kind { PLAIN, NOISY, DARK }

	/** One phantom series on disk with its true classes. */
	record Phantom(Path folder, Kind kind, LabelVolume classes) {}

	private static final String ROOT = "1.2.826.0.1.3680043.9.7.15.77";

	private final Path model;
	private final Settings settings;

	public VolumeActiveLearningBenchmark(Path model, Settings settings) {
		this.model = model;
		this.settings = settings;
	}

	/** Runs every arm on every seed's pool; {@code log} hears one line per round. */
	public List<Run> run(Consumer<String> log) throws IOException {
		List<Run> runs = new ArrayList<>();
		for (int seed = 1; seed <= settings.seeds(); seed++) {
			Path dir = Files.createDirectories(settings.workDir().resolve("seed-" + seed));
			List<Phantom> pool = write(dir.resolve("pool"), settings.poolSize(), seed, 0);
			List<Phantom> test = write(dir.resolve("test"), settings.testSize(), seed, 500);
			List<ImageVolume> testImages = new ArrayList<>();
			for (Phantom t : test) testImages.add(ImageSources.read(DicomInputs.expand(List.of(t.folder()), dir.resolve("test-manifests")).images().get(0)));
			for (String arm : settings.arms()) {
				Path projectDir = dir.resolve(arm.replace('+', '_'));
				runs.add(runOne(pool, test, testImages, arm, seed, projectDir, log));
				Folders.deleteQuietly(projectDir);
			}
		}
		return runs;
	}

	private Run runOne(List<Phantom> pool, List<Phantom> test, List<ImageVolume> testImages, String arm, long seed, Path projectDir,
		Consumer<String> log)
	{
		long t0 = System.nanoTime();
		Folders.deleteQuietly(projectDir);
		String[] parts = arm.split("\\+", 2);
		ProjectSettings ps = ProjectSettings.defaults().withStrategy(parts[0]).withSeed(seed).withColdStart(parts.length > 1 ? parts[1] : null);
		List<Round> rounds = new ArrayList<>();
		double[] start;
		try (ProjectStore p = ProjectSetup.init(projectDir, model, pool.stream().map(Phantom::folder).toList(), ps)) {
			Map<Long, Phantom> byId = byImageId(p, pool);
			predict(p);
			start = testDice(p, test, testImages);
			log.accept(String.format("%-22s seed %d: start test Dice %.4f (organ %.4f, lesion %.4f)", arm, seed, start[0], start[1], start[2]));
			for (int r = 1; r <= settings.rounds(); r++) {
				double changed = 0, slicesEdited = 0;
				int hard = 0;
				for (int i = 0; i < settings.perRound(); i++) {
					ImageQueue.Lease lease = p.queue().next("ground-truth").orElseThrow();
					Phantom truth = byId.get(lease.imageId());
					slicesEdited += slicesDiffering(p, lease.imageId(), truth.classes());
					var c = new CorrectionIntake(p).accept(lease.imageId(), lease.token(), truth.classes(), CorrectionMetrics.Kind.SEMANTIC, 1.0);
					changed += c.fractionChanged();
					if (truth.kind() != Kind.PLAIN) hard++;
				}
				long f0 = System.nanoTime();
				FineTuneSettings ft = settings.fineTune().withSeed(seed * 1000 + r);
				FineTuneJob.Outcome o = null;
				String error = null;
				if (r * settings.perRound() >= ft.minCorrections()) {
					try {
						o = new FineTuneJob(p).run(ft, new FineTuner.Listener() {}, new Cancellation());
					}
					catch (RuntimeException e) { // reported with the round, not hidden: the figures then show a kept model
						error = e.getClass().getSimpleName() + ": " + e.getMessage();
					}
				}
				double ftSeconds = (System.nanoTime() - f0) / 1e9;
				if (o != null && o.improved()) predict(p);
				double[] dice = testDice(p, test, testImages);
				Round round = new Round(r * settings.perRound(), dice[0], dice[1], dice[2], slicesEdited / settings.perRound(),
					changed / settings.perRound(), hard, o != null && o.improved(), ftSeconds, error);
				rounds.add(round);
				log.accept(String.format("%-22s seed %d round %d: %3d corrected, test Dice %.4f, %.1f slices edited per volume, %d hard served, %s (%.0f s)",
					arm, seed, r, round.corrected(), dice[0], round.slicesEditedPerVolume(), hard,
					error != null ? "fine-tuning failed: " + error : round.newVersion() ? "new version" : "model kept", ftSeconds));
			}
		}
		return new Run(arm, seed, start[0], rounds, (System.nanoTime() - t0) / 1e9);
	}

	/** Slices of the volume where the latest proposal's classes differ from the truth in any voxel. */
	private static int slicesDiffering(ProjectStore p, long imageId, LabelVolume truth) {
		ImageRecord record = p.images().byId(imageId).orElseThrow();
		Prediction pr = p.predictions().latest(imageId).orElseThrow();
		int[][] proposed = LabelFiles.read(p.files().resolve(pr.classesFile()), record, -1, "proposal").labels();
		int n = 0;
		for (int z = 0; z < proposed.length; z++) if (!java.util.Arrays.equals(proposed[z], truth.labels()[z])) n++;
		return n;
	}

	private void predict(ProjectStore p) {
		new Predictor(p, settings.runtime()).run((d, t, r, pr) -> {}, ProgressListener.NONE, new Cancellation());
	}

	/** Mean foreground Dice, organ Dice and lesion Dice of the current version on the test volumes. */
	private double[] testDice(ProjectStore p, List<Phantom> test, List<ImageVolume> images) {
		VersionedModel m = VersionedModel.open(p, p.models().current());
		int classes = m.pkg().classNames().size();
		DiceScore score = new DiceScore(classes);
		try (SegmentationTool tool = new SegmentationTool(m.pkg(), settings.runtime(), SegmentOptions.defaults(), m.weights())) {
			for (int i = 0; i < test.size(); i++) {
				LabelVolume predicted = SegmentationFiles.classLabels(tool.segment(images.get(i)));
				for (int z = 0; z < predicted.slices(); z++) score.add(predicted.labels()[z], test.get(i).classes().labels()[z]);
			}
		}
		return new double[] { score.value(), score.of(CtPhantom.ORGAN), score.of(CtPhantom.LESION) };
	}

	private static Map<Long, Phantom> byImageId(ProjectStore p, List<Phantom> pool) {
		Map<Path, Phantom> byFolder = new HashMap<>();
		for (Phantom ph : pool) byFolder.put(ph.folder().toAbsolutePath().normalize(), ph);
		Map<Long, Phantom> out = new HashMap<>();
		for (ImageRecord r : p.images().all())
			out.put(r.id(), byFolder.get(DicomSeries.load(r.path()).files().get(0).toAbsolutePath().normalize().getParent()));
		return out;
	}

	/**
	 * {@code count} phantoms (a {@code hardFraction} of them hard, alternately noisy and dark),
	 * each a series of its own in {@code dir/NNN}; seeds are distinct per volume, pool and seed.
	 */
	List<Phantom> write(Path dir, int count, long seed, int offset) throws IOException {
		int hardCount = (int) Math.round(count * settings.hardFraction());
		List<Phantom> out = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long volumeSeed = seed * 100_000 + offset + i;
			Kind kind = i >= count - hardCount ? ((count - i) % 2 == 0 ? Kind.NOISY : Kind.DARK) : Kind.PLAIN;
			out.add(writeOne(dir.resolve(String.format("%03d", i)), volumeSeed, kind));
		}
		return out;
	}

	private Phantom writeOne(Path folder, long seed, Kind kind) throws IOException {
		Files.createDirectories(folder);
		int w = settings.width(), h = settings.height(), d = settings.depth();
		String study = ROOT + "." + Long.toUnsignedString(seed), series = study + ".1";
		int[][] classes = new int[d][];
		SplittableRandom noise = new SplittableRandom(seed ^ 0x5eedL);
		new CtPhantom(seed, w, h, d).slices(s -> {
			classes[s.z()] = s.classes().clone();
			short[] stored = new short[s.hu().length];
			for (int i = 0; i < stored.length; i++) {
				double hu = s.hu()[i];
				// hard cases as scanners make them: a low-dose (noisy) scan, or a darker contrast phase
				if (kind == Kind.NOISY) hu += 70 * noise.nextGaussian();
				else if (kind == Kind.DARK && hu > -200) hu -= 70;
				stored[i] = (short) Math.max(0, Math.min(4095, Math.round(hu + 1024)));
			}
			AttributeList a = SyntheticCtSeries.slice(study, series, s.z(), w, h, stored, CtPhantom.SPACING[0], CtPhantom.SPACING[2]);
			SyntheticCtSeries.put(a, TagFromName.PatientID, "AL" + seed);
			SyntheticCtSeries.put(a, TagFromName.SeriesDescription, "phantom " + kind.name().toLowerCase(java.util.Locale.ROOT) + " seed " + seed);
			SyntheticCtSeries.write(a, folder.resolve(String.format("slice_%03d.dcm", s.z() + 1)));
		});
		return new Phantom(folder, kind, new LabelVolume(w, h, d, 1, classes, CtPhantom.SPACING.clone()));
	}

	/** Per arm and round: mean test Dice (± sd over seeds), slices edited per volume, hard volumes served. */
	public static Map<String, Object> summary(List<Run> runs) {
		Map<String, List<Run>> byArm = new LinkedHashMap<>();
		for (Run r : runs) byArm.computeIfAbsent(r.arm(), k -> new ArrayList<>()).add(r);
		Map<String, Object> out = new LinkedHashMap<>();
		for (Map.Entry<String, List<Run>> e : byArm.entrySet()) {
			List<Run> rs = e.getValue();
			List<Map<String, Object>> curve = new ArrayList<>();
			for (int r = 0; r <= rs.get(0).rounds().size(); r++) {
				final int k = r - 1;
				double mean = ActiveLearningBenchmark.meanDice(asRuns(rs), r);
				Map<String, Object> point = new LinkedHashMap<>();
				point.put("corrected", r == 0 ? 0 : rs.get(0).rounds().get(k).corrected());
				point.put("test_dice", mean);
				point.put("test_dice_sd", rs.size() < 2 ? 0 : Math.sqrt(rs.stream().mapToDouble(x -> {
					double dd = (k < 0 ? x.startDice() : x.rounds().get(k).testDice()) - mean;
					return dd * dd;
				}).sum() / (rs.size() - 1)));
				if (r > 0) {
					point.put("organ_dice", rs.stream().mapToDouble(x -> x.rounds().get(k).organDice()).average().orElse(Double.NaN));
					point.put("lesion_dice", rs.stream().mapToDouble(x -> x.rounds().get(k).lesionDice()).average().orElse(Double.NaN));
					point.put("slices_edited_per_volume", rs.stream().mapToDouble(x -> x.rounds().get(k).slicesEditedPerVolume()).average().orElse(Double.NaN));
					point.put("hard_served", rs.stream().mapToDouble(x -> x.rounds().get(k).hardServed()).average().orElse(Double.NaN));
					point.put("fine_tune_errors", rs.stream().filter(x -> x.rounds().get(k).fineTuneError() != null).count());
				}
				curve.add(point);
			}
			out.put(e.getKey(), Map.of("curve", curve, "seconds_per_run", rs.stream().mapToDouble(Run::seconds).average().orElse(Double.NaN)));
		}
		return out;
	}

	/** The summary as a Markdown table: per round, each arm's Dice and slices edited per volume. */
	@SuppressWarnings("unchecked")
	public static String table(Map<String, Object> summary) {
		StringBuilder b = new StringBuilder("| corrected |");
		List<String> arms = new ArrayList<>(summary.keySet());
		arms.forEach(a -> b.append(' ').append(a).append(" Dice | slices edited |"));
		b.append("\n|---|").append("---|---|".repeat(arms.size())).append('\n');
		List<Map<String, Object>> first = (List<Map<String, Object>>) ((Map<String, Object>) summary.get(arms.get(0))).get("curve");
		for (int r = 0; r < first.size(); r++) {
			b.append("| ").append(first.get(r).get("corrected")).append(" |");
			for (String a : arms) {
				Map<String, Object> p = ((List<Map<String, Object>>) ((Map<String, Object>) summary.get(a)).get("curve")).get(r);
				b.append(String.format(" %.4f ± %.4f |", (Double) p.get("test_dice"), (Double) p.get("test_dice_sd")));
				b.append(p.containsKey("slices_edited_per_volume") ? String.format(" %.1f |", (Double) p.get("slices_edited_per_volume")) : " — |");
			}
			b.append('\n');
		}
		return b.toString();
	}

	/** The runs as the 2D benchmark's runs, to share its averaging. */
	private static List<ActiveLearningBenchmark.Run> asRuns(List<Run> runs) {
		return runs.stream().map(r -> new ActiveLearningBenchmark.Run(r.arm(), r.seed(), r.startDice(), r.rounds().stream()
			.map(x -> new ActiveLearningBenchmark.Round(x.corrected(), x.testDice(), x.fractionChanged(), x.hardServed(), x.newVersion(), x.fineTuneSeconds()))
			.toList(), r.seconds())).toList();
	}
}
