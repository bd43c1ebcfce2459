package org.segloop.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.segloop.core.image.ImageSource;
import org.segloop.core.image.ImageVolume;

/**
 * An image source SegLoop does not ship, added the way a jar adds one (this class and its line in
 * {@code src/test/resources/META-INF/services/org.segloop.core.image.ImageSource}): a
 * {@code .disks} file holds a seed, and the image is {@link SyntheticImages#disks} of it. Its files
 * are files, which {@code files} would also claim: they reach this source because {@code files} is
 * asked last. A file holding {@link #CRASH} makes the reader throw an {@link Error}.
 */
public final class SyntheticImageSource implements ImageSource {

	public static final String NAME = "synthetic-disks";
	public static final int WIDTH = 96, HEIGHT = 80;

	/** The content of a {@code .disks} file whose reading crashes with an Error (not an exception), as a broken reader may. */
	public static final String CRASH = "crash";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String description() {
		return "synthetic disks from the seed in a .disks file (a test source)";
	}

	@Override
	public boolean canRead(Path path) {
		return path.getFileName().toString().endsWith(".disks") && Files.isRegularFile(path);
	}

	@Override
	public ImageVolume read(Path path) {
		try {
			String seed = Files.readString(path).trim();
			if (seed.equals(CRASH)) throw new InternalError("simulated crash of an image reader (a test .disks file)");
			return SyntheticImages.disks(WIDTH, HEIGHT, 1, 4, Long.parseLong(seed)).image();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
