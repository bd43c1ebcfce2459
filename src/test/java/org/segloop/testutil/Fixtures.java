package org.segloop.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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

	/** A copy of the bundled package's files (not its samples) in a new folder {@code target}, to edit. */
	public static Path copyBundledModel(Path target) throws IOException {
		Files.createDirectories(target);
		try (Stream<Path> files = Files.list(BUNDLED_MODEL)) {
			for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, target.resolve(f.getFileName()));
		}
		return target;
	}

	/** Replaces {@code from} (which must be there) by {@code to} in a package's rdf.yaml. */
	public static void editRdf(Path pkg, String from, String to) throws IOException {
		Path rdf = pkg.resolve("rdf.yaml");
		String text = Files.readString(rdf);
		if (!text.contains(from)) throw new IllegalStateException(rdf + " does not hold " + from);
		Files.writeString(rdf, text.replace(from, to));
	}
}
