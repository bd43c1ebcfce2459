package org.segloop.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.segloop.core.SegLoopException;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.ImageRegistry.ImageRecord;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Masks as accept reads them (LabelFiles over LabelTiffReader's exact reader), checked against a
 * 16×16 image with three classes: a mask is refused by name, or read as labels of the image's size.
 */
class MaskReaderFuzzTest {

	private static final Path DIR = FuzzFiles.folder("mask");
	static final int SIZE = 16;
	private static final String BUDGET = "segloop.maxImageBytes";

	@FuzzTest
	@Timeout(value = 10, unit = TimeUnit.SECONDS)
	void mask(byte[] bytes) {
		Path file = FuzzFiles.write(DIR.resolve("mask.tif"), bytes);
		ImageRecord image = new ImageRecord(1, DIR.resolve("image.tif"), "0".repeat(64), SIZE, SIZE, 1, 1, 1, 0);
		String before = System.getProperty(BUDGET);
		System.setProperty(BUDGET, String.valueOf(64L << 20));
		try {
			LabelVolume instances = LabelFiles.read(file, image, -1, "mask");
			assertEquals(SIZE * SIZE, instances.labels()[0].length, "labels of the image's size");
			LabelFiles.read(file, image, 2, "mask"); // as classes: at most the model's class 2
		}
		catch (SegLoopException e) {
			FuzzFiles.assertNamesFile(e, file);
		}
		finally {
			if (before == null) System.clearProperty(BUDGET);
			else System.setProperty(BUDGET, before);
		}
	}
}
