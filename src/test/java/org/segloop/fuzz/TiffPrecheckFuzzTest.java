package org.segloop.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.segloop.core.SegLoopException;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Images as init, add, segment and predict read them (through the image sources: DICOM content to
 * PixelMed, the rest to ImageJ): the TIFF page-chain check and the pixel budget read from the header
 * run before ImageJ's decoder sees the bytes. The budget is lowered
 * to 64 MB here, so a header that declares more is refused rather than allocated.
 */
class TiffPrecheckFuzzTest {

	private static final Path DIR = FuzzFiles.folder("tiff");
	private static final String BUDGET = "segloop.maxImageBytes";

	@FuzzTest
	@Timeout(value = 10, unit = TimeUnit.SECONDS)
	void image(byte[] bytes) {
		Path file = FuzzFiles.write(DIR.resolve("image.tif"), bytes);
		String before = System.getProperty(BUDGET);
		System.setProperty(BUDGET, String.valueOf(64L << 20));
		try {
			ImageVolume v = ImageSources.read(file); // DICOM content goes to PixelMed (dicom-series), the rest to ImageJ's readers
			assertTrue(v.width() > 0 && v.height() > 0, "an image read has pixels");
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
