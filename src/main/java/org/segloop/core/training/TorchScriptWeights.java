package org.segloop.core.training;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.WeightSet;

/** Writes a package's TorchScript twin with other weights (a fine-tuned version), loadable by PyTorch and DJL. Blocking. */
public final class TorchScriptWeights {

	private TorchScriptWeights() {}

	/** @throws org.segloop.core.model.ModelPackageException when the twin is missing or does not fit the weights */
	public static void write(ModelPackage pkg, WeightSet weights, Path target) throws IOException {
		try (TorchScriptTwin twin = TorchScriptTwin.load(pkg); OutputStream out = Files.newOutputStream(target)) {
			twin.setWeights(weights);
			twin.write(out);
		}
	}
}
