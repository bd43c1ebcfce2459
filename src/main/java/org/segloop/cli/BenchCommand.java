package org.segloop.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.SegLoopException;
import org.segloop.core.bench.ActiveLearningBenchmark;
import org.segloop.core.bench.DicomLoadBenchmark;
import org.segloop.core.bench.FineTuneTiming;
import org.segloop.core.bench.InferenceBenchmark;
import org.segloop.core.bench.QueueBenchmark;
import org.segloop.core.bench.VolumeActiveLearningBenchmark;
import org.segloop.core.bench.VolumeInferenceBenchmark;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.training.FineTuneSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
	description = "Benchmarks: inference (a) overhead vs bare ORT on 2048², (b) 8192² under -Xmx2g, (c) throughput, (d) 64×512² stack; "
		+ "queue (next latency and re-rank at 100k and 1M images); tta (TTA×8 scoring cost relative to one pass); "
		+ "finetune (20 corrected 256² images); finetune3d (10 corrected 128×128×64 CT phantom volumes on the 3D CT model: seconds to the "
		+ "recorded version, peak heap and RSS); al (simulated active learning: strategies × seeds, table and PNG plot); "
		+ "deid (de-identifying 1000 generated CT slice files, files per second); "
		+ "dicom (loading a generated 512×512×300 CT series vs the same volume as one TIFF stack: seconds and peak heap); "
		+ "keyslices (completing a 512×512×300 CT label volume corrected on every 5th slice: seconds); "
		+ "volume (a generated 512×512×300 CT series through the bundled 3D CT model: seconds, overhead vs bare ORT, peak heap); "
		+ "al3d (simulated active learning on CT phantom volumes with the 3D model: arms with and without a cold start, Dice and slices edited per round).")
final class BenchCommand implements Callable<Integer> {

	@Option(names = "--model", defaultValue = "models/nuclei-unet2d", description = "model package (default: ${DEFAULT-VALUE})")
	Path model;

	/** The cases, in the order help lists them. */
	static final List<String> CASES = List.of("overhead", "large", "stack", "queue", "tta", "finetune", "finetune3d", "al", "deid", "dicom", "keyslices",
		"volume", "al3d");

	@picocli.CommandLine.Parameters(arity = "0..1", split = ",", paramLabel = "CASES", converter = Names.BenchCases.class,
		description = "cases to run, as --cases (e.g. 'al')")
	List<String> positionalCases;

	@Option(names = "--cases", split = ",", defaultValue = "overhead,large,stack", completionCandidates = Names.BenchCases.class,
		converter = Names.BenchCases.class, description = "which cases to run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
	List<String> cases;

	@Option(names = "--out", defaultValue = "target/bench", description = "folder for the al case's projects, plot and JSON (default: ${DEFAULT-VALUE})")
	Path outDir;

	@Option(names = "--al-pool", defaultValue = "60", description = "images in the al case's pool (default: ${DEFAULT-VALUE})")
	int alPool;

	@Option(names = "--al-test", defaultValue = "24", description = "held-out test images of the al case (default: ${DEFAULT-VALUE})")
	int alTest;

	@Option(names = "--al-size", defaultValue = "128", description = "image side in the al case (default: ${DEFAULT-VALUE})")
	int alSize;

	@Option(names = "--al-rounds", defaultValue = "6", description = "rounds of 5 corrections in the al case (default: ${DEFAULT-VALUE})")
	int alRounds;

	@Option(names = "--al-seeds", defaultValue = "3", description = "seeds per strategy in the al case (default: ${DEFAULT-VALUE})")
	int alSeeds;

	@Option(names = "--al-strategies", split = ",", defaultValue = "uncertainty,hybrid,random", completionCandidates = Names.Strategies.class,
		converter = Names.Strategies.class, description = "strategies in the al case, of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
	List<String> alStrategies;

	@Option(names = "--queue-sizes", split = ",", defaultValue = "100000,1000000", description = "images in the queue case (default: ${DEFAULT-VALUE})")
	List<Integer> queueSizes;

	@Option(names = "--serves", defaultValue = "200", description = "timed 'next' calls per strategy in the queue case (default: ${DEFAULT-VALUE})")
	int serves;

	@Option(names = "--size", defaultValue = "2048", description = "image size of the overhead case")
	int size;

	@Option(names = "--large-size", defaultValue = "8192", description = "image size of the large case")
	int largeSize;

	@Option(names = "--large-heap", defaultValue = "2g", description = "-Xmx of the large case's JVM")
	String largeHeap;

	@Option(names = "--slices", defaultValue = "64", description = "slices of the stack case")
	int slices;

	@Option(names = "--stack-size", defaultValue = "512", description = "slice width and height of the stack case (default: ${DEFAULT-VALUE})")
	int stackSize;

	@Option(names = "--tta-size", defaultValue = "512", description = "image size of the tta case (default: ${DEFAULT-VALUE})")
	int ttaSize;

	@Option(names = "--tta-depth", defaultValue = "32", description = "slices of the tta case's CT phantom when --model is a 3D model (default: ${DEFAULT-VALUE})")
	int ttaDepth;

	@Option(names = "--finetune-images", defaultValue = "20", description = "corrected images in the finetune case (default: ${DEFAULT-VALUE})")
	int finetuneImages;

	@Option(names = "--finetune-size", defaultValue = "256", description = "image size of the finetune case (default: ${DEFAULT-VALUE})")
	int finetuneSize;

	@Option(names = "--ct-model", defaultValue = "models/ct-organ-unet3d", description = "3D model of the finetune3d case (default: ${DEFAULT-VALUE})")
	Path ctModel;

	@Option(names = "--finetune3d-volumes", defaultValue = "10", description = "corrected volumes in the finetune3d case (default: ${DEFAULT-VALUE})")
	int finetune3dVolumes;

	@Option(names = "--finetune3d-size", defaultValue = "128", description = "slice width and height in the finetune3d case (default: ${DEFAULT-VALUE})")
	int finetune3dSize;

	@Option(names = "--finetune3d-depth", defaultValue = "64", description = "slices per volume in the finetune3d case (default: ${DEFAULT-VALUE})")
	int finetune3dDepth;

	@Option(names = "--crop-depth", description = "crop depth of the finetune3d case (default: 16); --crop sets its in-plane side (default: 128)")
	Integer cropDepth;

	@Option(names = "--crop", description = "in-plane crop side of the finetune3d case, a multiple of 16 (default: 128)")
	Integer crop;

	@Option(names = "--deid-files", defaultValue = "1000", description = "generated CT slice files in the deid case (default: ${DEFAULT-VALUE})")
	int deidFiles;

	@Option(names = "--deid-size", defaultValue = "256", description = "slice width and height in the deid case (default: ${DEFAULT-VALUE})")
	int deidSize;

	@Option(names = "--epochs", description = "at most this many fine-tuning epochs in the finetune, finetune3d and al cases (default: 30, 30 and 15)")
	Integer epochs;

	@Option(names = "--dicom-size", defaultValue = "512", description = "slice width and height of the dicom case (default: ${DEFAULT-VALUE})")
	int dicomSize;

	@Option(names = "--dicom-slices", defaultValue = "300", description = "slices of the dicom case (default: ${DEFAULT-VALUE})")
	int dicomSlices;

	@Option(names = "--dicom-heap", defaultValue = "1g", description = "-Xmx of the dicom case's loading JVMs (default: ${DEFAULT-VALUE})")
	String dicomHeap;

	@Option(names = "--dicom-repeats", defaultValue = "3", description = "loads each way in the dicom case, median reported (default: ${DEFAULT-VALUE})")
	int dicomRepeats;

	@Option(names = "--volume-model", defaultValue = "models/ct-organ-unet3d", description = "3D model package of the volume case (default: ${DEFAULT-VALUE})")
	Path volumeModel;

	@Option(names = "--volume-size", defaultValue = "512x512x300", converter = PhantomCommand.Size.class,
		description = "WIDTHxHEIGHTxSLICES of the volume case's CT series (default: ${DEFAULT-VALUE})")
	PhantomCommand.Dims volumeSize;

	@Option(names = "--volume-heap", defaultValue = "4g", description = "-Xmx of the volume case's measuring JVM (default: ${DEFAULT-VALUE})")
	String volumeHeap;

	@Option(names = "--volume-repeats", defaultValue = "3", description = "segment / bare-ORT pairs in the volume case (default: ${DEFAULT-VALUE})")
	int volumeRepeats;

	@Option(names = "--al3d-pool", defaultValue = "16", description = "phantom volumes in the al3d case's pool (default: ${DEFAULT-VALUE})")
	int al3dPool;

	@Option(names = "--al3d-test", defaultValue = "4", description = "held-out test volumes of the al3d case (default: ${DEFAULT-VALUE})")
	int al3dTest;

	@Option(names = "--al3d-size", defaultValue = "96x96x24", converter = PhantomCommand.Size.class,
		description = "WIDTHxHEIGHTxSLICES of the al3d case's volumes (default: ${DEFAULT-VALUE})")
	PhantomCommand.Dims al3dSize;

	@Option(names = "--al3d-rounds", defaultValue = "3", description = "rounds in the al3d case (default: ${DEFAULT-VALUE})")
	int al3dRounds;

	@Option(names = "--al3d-per-round", defaultValue = "4", description = "volumes corrected per round in the al3d case (default: ${DEFAULT-VALUE})")
	int al3dPerRound;

	@Option(names = "--al3d-seeds", defaultValue = "1", description = "seeds per arm in the al3d case (default: ${DEFAULT-VALUE})")
	int al3dSeeds;

	@Option(names = "--al3d-arms", split = ",", defaultValue = "uncertainty,uncertainty+diverse,hybrid,random", converter = Names.Arms.class,
		description = "arms of the al3d case: strategies, each optionally +COLDSTART (default: ${DEFAULT-VALUE})")
	List<String> al3dArms;
	@Option(names = "--keyslice-size", defaultValue = "512", description = "slice width and height of the keyslices case (default: ${DEFAULT-VALUE})")
	int keysliceSize;

	@Option(names = "--keyslice-slices", defaultValue = "300", description = "slices of the keyslices case (default: ${DEFAULT-VALUE})")
	int keysliceSlices;

	@Option(names = "--keyslice-step", defaultValue = "5", description = "every how many slices one is edited in the keyslices case (default: ${DEFAULT-VALUE})")
	int keysliceStep;

	@Option(names = "--repeats", defaultValue = "21", description = "timed repetitions (median reported)")
	int repeats;

	@Option(names = "--threads", description = "ONNX Runtime threads (default: all cores)")
	Integer threads;

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws Exception {
		RuntimeOptions runtime = RuntimeOptions.withThreads(threads);
		model = DemoCommand.fromHome(model);
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.version"),
			"os", System.getProperty("os.name") + " " + System.getProperty("os.arch"), "ortThreads", runtime.intraOpThreads()));
		var out = spec.commandLine().getOut();
		var err = spec.commandLine().getErr();
		List<String> failed = new ArrayList<>();
		// each case on its own: one that fails is reported with its error, and the others' figures are kept
		for (String c : positionalCases != null ? positionalCases : cases) {
			if (!json) out.println("running " + c + " …");
			Map<String, Object> r;
			try {
				r = runCase(c, runtime, out);
			}
			catch (java.util.concurrent.CancellationException e) {
				throw e;
			}
			catch (Exception | OutOfMemoryError e) {
				boolean explained = e instanceof SegLoopException || e instanceof IllegalArgumentException;
				String message = explained ? CommandHints.message(e) : e.toString();
				if (!explained) e.printStackTrace(Diagnostics.stream());
				err.println("error: bench case " + c + " failed: " + message);
				failed.add(c);
				r = Map.of("error", message);
			}
			results.put(c, r);
			if (!json && !c.equals("al") && !c.equals("al3d")) table(out, c, r);
		}
		if (json) out.println(Json.GSON.toJson(results));
		if (!failed.isEmpty()) err.println("error: " + failed.size() + " bench case(s) failed: " + String.join(", ", failed)
			+ "; the other cases' figures are above");
		return failed.isEmpty() ? Main.OK : Main.USER_ERROR;
	}

	private Map<String, Object> runCase(String c, RuntimeOptions runtime, java.io.PrintWriter out) throws Exception {
		return switch (c) {
			case "overhead" -> inference(runtime).overhead(size);
			case "large" -> InferenceBenchmark.largeInChildJvm(model.toAbsolutePath(), largeSize, largeHeap, runtime.intraOpThreads());
			case "stack" -> inference(runtime).stack(slices, stackSize);
			case "queue" -> queue(out);
			case "tta" -> inference(runtime).testTimeAugmentation(ttaSize, ttaDepth, 8);
			case "finetune" -> FineTuneTiming.run(model, outDir, finetuneImages, finetuneSize, fineTune(FineTuneSettings.defaults()));
			case "finetune3d" -> org.segloop.core.bench.FineTune3dTiming.run(DemoCommand.fromHome(ctModel), outDir, finetune3dVolumes, finetune3dSize,
				finetune3dDepth, fineTune(FineTuneSettings.defaults().withCrop(crop != null ? crop : FineTuneSettings.defaults().cropSize(),
					cropDepth != null ? cropDepth : FineTuneSettings.DEFAULT_CROP_DEPTH)));
			case "al" -> activeLearning(runtime, out);
			case "deid" -> org.segloop.core.bench.DeidentifyBenchmark.run(outDir, deidFiles, deidSize);
			case "dicom" -> DicomLoadBenchmark.run(dicomSize, dicomSlices, dicomHeap, dicomRepeats);
			case "al3d" -> activeLearning3d(runtime, out);
			case "volume" -> VolumeInferenceBenchmark.run(DemoCommand.fromHome(volumeModel), new VolumeInferenceBenchmark.Settings(volumeSize.width(),
				volumeSize.height(), volumeSize.slices(), volumeRepeats, volumeHeap, runtime.intraOpThreads()));
			case "keyslices" -> org.segloop.core.bench.KeySliceBenchmark.run(keysliceSize, keysliceSlices, keysliceStep, Math.min(repeats, 5));
			default -> throw new IllegalStateException("unknown case " + c); // the option's converter lets only known cases through
		};
	}

	private InferenceBenchmark inference(RuntimeOptions runtime) {
		return new InferenceBenchmark(ModelPackage.open(model), runtime, repeats);
	}

	/** {@code --epochs} caps fine-tuning in the finetune and al cases (for quick runs), keeping their patience. */
	private FineTuneSettings fineTune(FineTuneSettings settings) {
		return epochs == null ? settings : settings.withEpochs(epochs, Math.min(settings.patience(), epochs));
	}

	private Map<String, Object> queue(java.io.PrintWriter out) throws java.io.IOException {
		Map<String, Object> r = new LinkedHashMap<>();
		for (int n : queueSizes)
			r.put(Integer.toString(n), QueueBenchmark.run(outDir, n,
				org.segloop.core.queue.Strategies.names(), serves, json ? s -> {} : out::println));
		return r;
	}

	private Map<String, Object> activeLearning(RuntimeOptions runtime, java.io.PrintWriter out) throws java.io.IOException {
		Path dir = outDir.resolve("al");
		var settings = new ActiveLearningBenchmark.Settings(alPool, alTest, alSize, alRounds, 5, alStrategies, alSeeds, 0.2, 6,
			fineTune(FineTuneSettings.defaults().withEpochs(15, 4).withTimeBudget(0)), runtime, dir.resolve("work"));
		List<ActiveLearningBenchmark.Run> runs = new ActiveLearningBenchmark(model, settings).run(json ? s -> {} : out::println);
		Map<String, Object> summary = ActiveLearningBenchmark.summary(runs, alPool);
		java.nio.file.Files.writeString(dir.resolve("al.json"), Json.GSON.toJson(Map.of("summary", summary, "runs", runs)));
		ActiveLearningBenchmark.plot(runs, alPool, dir.resolve("al.png"));
		if (!json) {
			out.println(ActiveLearningBenchmark.table(summary));
			out.println("plot: " + dir.resolve("al.png") + ", figures: " + dir.resolve("al.json"));
		}
		return summary;
	}

	private Map<String, Object> activeLearning3d(RuntimeOptions runtime, java.io.PrintWriter out) throws java.io.IOException {
		Path dir = outDir.resolve("al3d");
		FineTuneSettings ft = fineTune(FineTuneSettings.defaults().withEpochs(10, 3).withTimeBudget(0));
		var settings = new VolumeActiveLearningBenchmark.Settings(al3dPool, al3dTest, al3dSize.width(), al3dSize.height(), al3dSize.slices(), al3dRounds,
			al3dPerRound, al3dArms, al3dSeeds, 0.25, ft, runtime, dir.resolve("work"));
		List<VolumeActiveLearningBenchmark.Run> runs = new VolumeActiveLearningBenchmark(DemoCommand.fromHome(volumeModel), settings)
			.run(json ? s -> {} : out::println);
		Map<String, Object> summary = VolumeActiveLearningBenchmark.summary(runs);
		java.nio.file.Files.writeString(dir.resolve("al3d.json"), Json.GSON.toJson(Map.of("summary", summary, "runs", runs)));
		if (!json) {
			out.println(VolumeActiveLearningBenchmark.table(summary));
			out.println("figures: " + dir.resolve("al3d.json"));
		}
		return summary;
	}

	private static void table(java.io.PrintWriter out, String name, Map<String, Object> r) {
		out.println("| " + name + " | |");
		out.println("|---|---|");
		r.forEach((k, v) -> out.println("| " + k + " | " + v + " |"));
		out.println();
	}
}
