package org.segloop.testutil;

import java.nio.file.Path;

import org.segloop.core.model.ModelPackage;

/** Paths to the files every test shares. */
public final class Fixtures {

	public static final Path BUNDLED_MODEL = Path.of("models", "nuclei-unet2d");

	private static ModelPackage bundled;

	private Fixtures() {}

	/** The bundled nuclei model, opened once per test JVM (opening is read-only). */
	public static synchronized ModelPackage bundledModel() {
		if (bundled == null) bundled = ModelPackage.open(BUNDLED_MODEL);
		return bundled;
	}
}
