package org.segloop.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.ModelPackageException;
import org.segloop.core.util.Folders;
import org.segloop.core.util.Hashing;
import org.segloop.core.work.Cancellation;
import org.segloop.testutil.Fixtures;

/** Models that cannot be fine-tuned and training that goes wrong are refused by name, and nothing is kept. */
class FineTuneBadInputTest {

	static final FineTuneSettings TWO_EPOCHS = FineTuneSettings.defaults().withEpochs(2, 2).withTimeBudget(0);

	private static TrainingData small() {
		return TrainingData.split(FineTunerTest.cells(4, 64, 11), 0.25, 1);
	}

	private static Path copyOfBundled(Path dir) throws Exception {
		Path copy = dir.resolve("model");
		Folders.copyTree(Fixtures.BUNDLED_MODEL, copy);
		return copy;
	}

	/** Replaces a file's bytes and the sha256 rdf.yaml declares for it. */
	private static void replace(Path pkg, String file, byte[] content) throws Exception {
		String old = Hashing.sha256(pkg.resolve(file));
		Files.write(pkg.resolve(file), content);
		Path rdf = pkg.resolve("rdf.yaml");
		Files.writeString(rdf, Files.readString(rdf).replace(old, Hashing.sha256(pkg.resolve(file))));
	}

	private static ModelPackageException refusal(Path pkg) {
		ModelPackage model = ModelPackage.open(pkg);
		return assertThrows(ModelPackageException.class,
			() -> new FineTuner(TWO_EPOCHS).run(model, null, small(), new FineTuner.Listener() {}, new Cancellation()));
	}

	@Test
	void aModelWithoutATorchScriptTwinCannotBeFineTuned(@TempDir Path dir) throws Exception {
		Path pkg = copyOfBundled(dir);
		Path rdf = pkg.resolve("rdf.yaml");
		Files.writeString(rdf, Files.readString(rdf).replaceAll("(?s)\n  torchscript:\n.*?pytorch_version: \"[^\"]*\"", ""));
		ModelPackageException e = refusal(pkg);
		assertTrue(e.getMessage().contains("has no TorchScript weights"), e.getMessage());
		assertTrue(e.getMessage().contains("weights.torchscript"), e.getMessage());
	}

	@Test
	void aTwinWhoseParameterNamesDifferFromTheOnnxInitializersIsRefusedNamingThem(@TempDir Path dir) throws Exception {
		Path pkg = copyOfBundled(dir);
		byte[] onnx = Files.readAllBytes(pkg.resolve("model.onnx"));
		String text = new String(onnx, StandardCharsets.ISO_8859_1).replace("head.weight", "head.weighX"); // same length: protobuf stays valid
		replace(pkg, "model.onnx", text.getBytes(StandardCharsets.ISO_8859_1));
		ModelPackageException e = refusal(pkg);
		assertTrue(e.getMessage().contains("does not map onto the ONNX weights: head.weight (not in the ONNX graph)"), e.getMessage());
		assertTrue(e.getMessage().contains("fine-tuning is unavailable"), e.getMessage());
	}

	@Test
	void aDamagedTwinIsATypedErrorNotACrash(@TempDir Path dir) throws Exception {
		Path pkg = copyOfBundled(dir);
		byte[] pt = Files.readAllBytes(pkg.resolve("model.pt"));
		replace(pkg, "model.pt", java.util.Arrays.copyOf(pt, pt.length / 3));
		ModelPackageException e = refusal(pkg);
		assertTrue(e.getMessage().contains("model.pt") && e.getMessage().contains("cannot be loaded as TorchScript"), e.getMessage());
	}

	@Test
	void aLossThatBecomesNaNStopsTrainingWithAnError() {
		TrainingData good = small();
		TrainingSample first = good.train().get(0);
		float[] poisoned = first.image().clone();
		java.util.Arrays.fill(poisoned, Float.NaN);
		TrainingData bad = new TrainingData(List.of(new TrainingSample("poisoned", first.width(), first.height(), 1, poisoned, first.classes())),
			good.validation(), 1, 1);
		TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
			() -> new FineTuner(TWO_EPOCHS).run(Fixtures.bundledModel(), null, bad, new FineTuner.Listener() {}, new Cancellation()));
		assertTrue(e.getMessage().contains("NaN or infinite at epoch 1, step 1"), e.getMessage());
		assertTrue(e.getMessage().contains("smaller learning rate"), e.getMessage());
	}

	@Test
	void fineTuningWorksOnAnyThreadAndFromFineTunedWeights() throws Exception {
		// PyTorch records gradients by default on threads other than the one that loaded DJL's engine
		TrainingData data = small();
		FineTuneResult first = new FineTuner(TWO_EPOCHS).run(Fixtures.bundledModel(), null, data, new FineTuner.Listener() {}, new Cancellation());
		boolean[] recordingBefore = new boolean[1], recordingAfter = new boolean[1];
		java.util.concurrent.CompletableFuture<FineTuneResult> second = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
			recordingBefore[0] = ai.djl.pytorch.jni.JniUtils.isGradMode();
			FineTuneResult r = new FineTuner(TWO_EPOCHS).run(Fixtures.bundledModel(), first.weights(), data, new FineTuner.Listener() {}, new Cancellation());
			recordingAfter[0] = ai.djl.pytorch.jni.JniUtils.isGradMode();
			return r;
		}, r -> new Thread(r, "fresh thread").start());
		FineTuneResult r = second.get();
		assertTrue(recordingBefore[0], "a fresh thread starts with gradient recording on (the hazard)");
		assertTrue(!recordingAfter[0], "inference and weight loading ran without recording");
		assertTrue(Math.abs(r.startDice() - first.heldOutDice()) < 1e-9, "it starts where the first run ended: " + r.startDice() + " vs " + first.heldOutDice());
	}

	@Test
	void theSameSeedGivesTheSameWeights() {
		TrainingData data = small();
		FineTuneResult a = new FineTuner(TWO_EPOCHS).run(Fixtures.bundledModel(), null, data, new FineTuner.Listener() {}, new Cancellation());
		FineTuneResult b = new FineTuner(TWO_EPOCHS).run(Fixtures.bundledModel(), null, data, new FineTuner.Listener() {}, new Cancellation());
		assertTrue(a.history().size() == 2 && b.history().size() == 2);
		for (Map.Entry<String, org.segloop.core.model.WeightSet.Tensor> t : a.weights().tensors().entrySet())
			assertArrayEquals(t.getValue().values(), b.weights().tensors().get(t.getKey()).values(), t.getKey());
		assertTrue(a.history().get(1).trainLoss() == b.history().get(1).trainLoss());
	}
}
