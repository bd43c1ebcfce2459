package org.segloop.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.bench.CtPhantom;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.ModelPackageException;
import org.segloop.core.util.Folders;
import org.segloop.core.work.Cancellation;
import org.segloop.testutil.CtPhantomProjects;
import org.segloop.testutil.Fixtures;

/** 3D models that cannot be fine-tuned are refused with the reason, the file and the fix, before any training. */
class FineTune3dRefusalTest {

	/** A phantom normalised as the bundled CT model's rdf says (window [-160, 240] HU, then (HU + 160) / 400). */
	static TrainingSample phantom(long seed, int w, int h, int d) {
		CtPhantom.Volume v = CtPhantom.generate(seed, w, h, d);
		int n = w * h;
		float[] image = new float[n * d];
		int[] classes = new int[n * d];
		for (int z = 0; z < d; z++)
			for (int i = 0; i < n; i++) {
				image[z * n + i] = (float) ((Math.min(240, Math.max(-160, v.hu()[z][i])) + 160) / 400.0);
				classes[z * n + i] = v.classes()[z][i];
			}
		return new TrainingSample("phantom " + seed, w, h, d, 1, image, classes, CtPhantom.SPACING.clone());
	}

	static TrainingData phantoms(int count, int w, int h, int d) {
		Map<String, List<TrainingSample>> byImage = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) byImage.put("p" + i, List.of(phantom(700 + i, w, h, d)));
		return TrainingData.split(byImage, 0.3, 1);
	}

	private static Path copyOfCt(Path dir) throws Exception {
		Path copy = dir.resolve("ct-model");
		Folders.copyTree(CtPhantomProjects.CT_MODEL, copy);
		return copy;
	}

	/** Opening the package or fine-tuning it is refused (whichever finds the problem first). */
	private static ModelPackageException refusal(Path pkg) {
		return assertThrows(ModelPackageException.class, () -> new FineTuner(FineTuneSettings.defaults().withEpochs(1, 1))
			.run(ModelPackage.open(pkg), null, phantoms(3, 32, 32, 8), new FineTuner.Listener() {}, new Cancellation()));
	}

	@Test
	void aCtModelWithoutATorchScriptTwinCannotBeFineTuned(@TempDir Path dir) throws Exception {
		Path pkg = copyOfCt(dir);
		Path rdf = pkg.resolve("rdf.yaml");
		Files.writeString(rdf, Files.readString(rdf).replaceAll("(?s)\n  torchscript:\n.*?pytorch_version: \"[^\"]*\"", ""));
		ModelPackageException e = refusal(pkg);
		assertEquals(rdf.toAbsolutePath().normalize(), e.file().toAbsolutePath().normalize());
		assertTrue(e.getMessage().contains("has no TorchScript weights"), e.getMessage());
		assertTrue(e.getMessage().contains("weights.torchscript"), e.getMessage());
	}

	@Test
	void anInputAxisSizedByAnotherTensorLeavesNoCropAndIsRefused(@TempDir Path dir) throws Exception {
		Path pkg = copyOfCt(dir);
		Fixtures.editRdf(pkg, "        id: z\n        size: {min: 8, step: 2}", "        id: z\n        size: {tensor_id: ct, axis_id: y}");
		ModelPackageException e = refusal(pkg);
		assertTrue(e.getMessage().contains("'z'") || e.getMessage().contains(" z "), e.getMessage());
		assertTrue(e.getMessage().contains("rdf.yaml"), e.getMessage());
	}

	@Test
	void anOutputSmallerThanItsInputIsRefused(@TempDir Path dir) throws Exception {
		Path pkg = copyOfCt(dir);
		Fixtures.editRdf(pkg, "        size: {tensor_id: ct, axis_id: y}", "        size: {tensor_id: ct, axis_id: y, offset: -16}");
		ModelPackageException e = refusal(pkg);
		assertTrue(e.getMessage().contains("has an output axis 'y' of another size than its input"), e.getMessage());
		assertTrue(e.getMessage().contains("fine-tuning is unavailable for this model"), e.getMessage());
	}

	@Test
	void planesCannotTrainA3dModel() {
		TrainingData planes = TrainingData.split(FineTunerTest.cells(3, 64, 2), 0.3, 1);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FineTuner(FineTuneSettings.defaults().withEpochs(1, 1))
			.run(CtPhantomProjects.ctModel(), null, planes, new FineTuner.Listener() {}, new Cancellation()));
		assertTrue(e.getMessage().contains("is a single plane but the 3D model trains on volumes"), e.getMessage());
	}
}
