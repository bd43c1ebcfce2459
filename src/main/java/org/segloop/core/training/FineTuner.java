package org.segloop.core.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.ModelPackageException;
import org.segloop.core.model.WeightSet;
import org.segloop.core.work.Cancellation;

/**
 * Fine-tunes a model package's TorchScript twin on corrected samples (planes for a 2D model,
 * volumes for a 3D one): Adam on augmented random crops ({@link CropSampler}, {@link VolumeCropSampler})
 * with {@link SegmentationLoss}, the held-out Dice measured after every epoch (3D: by tiles,
 * {@link VolumeTiles}), the best epoch kept, and training stopped early when Dice stops improving,
 * the epochs or the time budget run out. Deterministic for a seed on one machine and thread count.
 *
 * <p>Blocking; call from a background thread (any thread: gradient recording is managed per
 * thread). One run at a time per JVM, because DJL's PyTorch gradient collector is global; a second
 * is refused with a message. Cancel through the {@link Cancellation} (checked before every step;
 * throws {@link java.util.concurrent.CancellationException} and keeps nothing).
 */
public final class FineTuner {

	/** Told about progress; called on the training thread. */
	public interface Listener {

		/** After every optimisation step. */
		default void step(int epoch, int step, int stepsPerEpoch) {}

		/** After every epoch, with its held-out Dice. */
		default void epoch(FineTuneResult.Epoch epoch, boolean best) {}
	}

	/** DJL's PyTorch gradient collector is one per JVM, so is training. */
	private static final java.util.concurrent.locks.ReentrantLock ONE_AT_A_TIME = new java.util.concurrent.locks.ReentrantLock();

	private final FineTuneSettings settings;

	public FineTuner(FineTuneSettings settings) {
		this.settings = settings;
	}

	/**
	 * @param start weights to begin from (a fine-tuned parent), or null for the package's own
	 * @throws ModelPackageException when the model cannot be fine-tuned (no twin, names that differ,
	 *           one output channel, classes it does not have, 3D size rules that leave no crop)
	 * @throws TrainingDivergedException when the loss becomes NaN or infinite
	 * @throws org.segloop.core.SegLoopException when another fine-tuning runs in this JVM
	 */
	public FineTuneResult run(ModelPackage pkg, WeightSet start, TrainingData data, Listener listener, Cancellation cancel) {
		if (!ONE_AT_A_TIME.tryLock()) throw new org.segloop.core.SegLoopException(pkg.onnxFile(), "is not fine-tuned now: another fine-tuning runs in this program",
			"wait for it to finish or cancel it, then start again");
		try {
			return train(pkg, start, data, listener, cancel);
		}
		finally {
			ONE_AT_A_TIME.unlock();
		}
	}

	private FineTuneResult train(ModelPackage pkg, WeightSet start, TrainingData data, Listener listener, Cancellation cancel) {
		long t0 = System.nanoTime();
		int classes = pkg.classNames().size();
		if (classes < 2) throw new ModelPackageException(pkg.description().rdfFile(),
			"has a single output channel; fine-tuning needs one channel per class (softmax), background included",
			"export the model with a background channel");
		boolean volumetric = pkg.description().input().axis("z").isPresent();
		checkSamples(pkg, data, volumetric);
		VolumeShapes shapes = volumetric ? VolumeShapes.of(pkg.description(), settings, data.train()) : null;
		long[] counts = countClasses(data.train(), classes, pkg);
		float[] classWeights = SegmentationLoss.classWeights(counts);
		try (TorchScriptTwin twin = TorchScriptTwin.load(pkg)) { // loads DJL's engine with Fiji's class loader in place
			Engine.getEngine("PyTorch").setRandomSeed((int) settings.seed());
			if (start != null) twin.setWeights(start);
			double startDice = heldOutDice(twin, data.validation(), classes, shapes);
			WeightSet best = start != null ? start : twin.weights();
			double bestDice = startDice;
			int bestEpoch = 0, stale = 0, epoch = 0;
			String stop = "reached " + settings.maxEpochs() + " epochs";
			List<FineTuneResult.Epoch> history = new ArrayList<>();
			BatchSampler sampler = volumetric ? new VolumeCropSampler(shapes.crop(), settings.seed()) : new CropSampler(settings.cropSize(), settings.seed());
			Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) settings.learningRate())).build();
			DefaultTrainingConfig config = new DefaultTrainingConfig(new SegmentationLoss(classWeights, settings.diceWeight()))
				.optOptimizer(adam).optDevices(new Device[] { Device.cpu() });
			try (Trainer trainer = twin.model().newTrainer(config)) {
				epochs: while (epoch < settings.maxEpochs()) {
					long e0 = System.nanoTime();
					epoch++;
					List<List<TrainingSample>> batches = batches(data.train(), sampler);
					double lossSum = 0;
					for (int b = 0; b < batches.size(); b++) {
						cancel.check();
						if (overBudget(t0)) {
							epoch--;
							stop = "time budget of " + settings.timeBudgetSeconds() + " s spent";
							break epochs;
						}
						double loss = step(trainer, sampler.batch(batches.get(b)));
						if (!Double.isFinite(loss)) throw new TrainingDivergedException(pkg.onnxFile(), epoch, b + 1, settings.learningRate());
						lossSum += loss;
						listener.step(epoch, b + 1, batches.size());
					}
					double dice = heldOutDice(twin, data.validation(), classes, shapes);
					boolean better = dice > bestDice + 1e-4;
					if (better) {
						best = twin.weights();
						bestDice = dice;
						bestEpoch = epoch;
						stale = 0;
					}
					else stale++;
					FineTuneResult.Epoch record = new FineTuneResult.Epoch(epoch, lossSum / batches.size(), dice, (System.nanoTime() - e0) / 1e9);
					history.add(record);
					listener.epoch(record, better);
					if (stale >= settings.patience()) {
						stop = "no better held-out Dice for " + stale + " epochs";
						break;
					}
				}
			}
			return new FineTuneResult(best, startDice, bestDice, epoch, bestEpoch, stop, (System.nanoTime() - t0) / 1e9, history,
				data.trainImages(), data.validationImages(), data.train().size(), data.validation().size(), classWeights);
		}
	}

	private boolean overBudget(long t0) {
		return settings.timeBudgetSeconds() > 0 && (System.nanoTime() - t0) / 1e9 > settings.timeBudgetSeconds();
	}

	/** Every training plane {@code cropsPerImage} times, shuffled, cut into batches. */
	private List<List<TrainingSample>> batches(List<TrainingSample> train, BatchSampler sampler) {
		List<TrainingSample> order = new ArrayList<>();
		for (int r = 0; r < settings.cropsPerImage(); r++) order.addAll(train);
		for (int i = order.size() - 1; i > 0; i--) Collections.swap(order, i, sampler.nextInt(i + 1));
		List<List<TrainingSample>> out = new ArrayList<>();
		for (int i = 0; i < order.size(); i += settings.batchSize()) out.add(order.subList(i, Math.min(order.size(), i + settings.batchSize())));
		return out;
	}

	private static double step(Trainer trainer, BatchSampler.Batch batch) {
		double value;
		try (NDManager m = trainer.getManager().newSubManager()) {
			NDArray x = m.create(batch.images(), new Shape(batch.imageShape()));
			NDArray y = m.create(batch.classes(), new Shape(batch.classShape()));
			try (GradientCollector gc = trainer.newGradientCollector()) {
				gc.zeroGradients();
				NDList logits = trainer.forward(new NDList(x));
				NDArray loss = trainer.getLoss().evaluate(new NDList(y), logits);
				value = loss.getFloat();
				if (!Double.isFinite(value)) return value;
				gc.backward(loss);
			}
		}
		trainer.step();
		return value;
	}

	/**
	 * Dice of the model's argmax on the whole held-out samples: planes mirror-padded to a multiple
	 * of 16, volumes tile by tile ({@code shapes} non-null).
	 */
	static double heldOutDice(TorchScriptTwin twin, List<TrainingSample> validation, int classes, VolumeShapes shapes) {
		DiceScore score = new DiceScore(classes);
		for (TrainingSample s : validation) score.add(shapes != null ? VolumeTiles.predict(twin, s, shapes) : predict(twin, s), s.classes());
		return score.value();
	}

	/** Samples of the model's kind: planes for a 2D model, volumes for a 3D one, all with the same channels. */
	private static void checkSamples(ModelPackage pkg, TrainingData data, boolean volumetric) {
		int channels = data.train().get(0).channels();
		for (List<TrainingSample> list : List.of(data.train(), data.validation()))
			for (TrainingSample s : list) {
				if (!volumetric && s.depth() != 1) throw new IllegalArgumentException(s.name() + " has " + s.depth() + " slices but the 2D model takes planes");
				if (volumetric && s.depth() == 1) throw new IllegalArgumentException(s.name() + " is a single plane but the 3D model trains on volumes");
				if (s.channels() != channels) throw new IllegalArgumentException(s.name() + " has " + s.channels() + " channels, not " + channels);
			}
	}

	static int[] predict(TorchScriptTwin twin, TrainingSample s) {
		int w = pad16(s.width()), h = pad16(s.height()), plane = s.width() * s.height();
		float[] in = new float[s.channels() * w * h];
		for (int c = 0; c < s.channels(); c++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					in[(c * h + y) * w + x] = s.image()[c * plane + CropSampler.mirror(y, s.height()) * s.width() + CropSampler.mirror(x, s.width())];
		try (NDManager m = twin.model().getNDManager().newSubManager()) {
			int[] arg = twin.logits(m, in, new Shape(1, s.channels(), h, w)).argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
			int[] out = new int[plane];
			for (int y = 0; y < s.height(); y++) System.arraycopy(arg, y * w, out, y * s.width(), s.width());
			return out;
		}
	}

	private static int pad16(int n) {
		return Math.max(16, (n + 15) / 16 * 16);
	}

	private static long[] countClasses(List<TrainingSample> train, int classes, ModelPackage pkg) {
		long[] counts = new long[classes];
		for (TrainingSample s : train)
			for (int c : s.classes()) {
				if (c < 0 || c >= classes) throw new ModelPackageException(pkg.description().rdfFile(),
					"has " + classes + " classes but the correction of " + s.name() + " holds class " + c,
					"correct with the model's classes (0 to " + (classes - 1) + ")");
				counts[c]++;
			}
		return counts;
	}
}
