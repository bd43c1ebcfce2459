package org.segloop.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.SegLoopException;
import org.segloop.core.image.Calibration;
import org.segloop.core.inference.SegmentationGeometry;

/** A probability file that cannot be written is a typed error naming it, not an "internal error". */
class ProbabilityTiffSinkTest {

	@TempDir
	Path dir;

	@Test
	void anOutputThatCannotBeCreatedIsNamedWithTheReason() throws IOException {
		Path notAFolder = Files.writeString(dir.resolve("out"), "a file where the output folder should be");
		Path file = notAFolder.resolve("img_probabilities.tif");
		SegmentationGeometry g = new SegmentationGeometry(8, 8, 1, 1, List.of("background", "cell"), Calibration.none(), "img");
		try (ProbabilityTiffSink sink = new ProbabilityTiffSink(file, ProbabilityTiffSink.Encoding.FLOAT32)) {
			SegLoopException e = assertThrows(SegLoopException.class, () -> sink.begin(g));
			assertEquals(file, e.file());
			assertTrue(e.getMessage().contains("cannot be written"), e.getMessage());
			assertTrue(!e.fix().isBlank());
		}
	}
}
