package org.segloop.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading an ordinary PNG or JPEG prints nothing: PixelMed's JPEG lossless reader is asked last. */
class QuietImageIoTest {

	@TempDir
	Path dir;

	@Test
	void readingPngAndJpegFilesLeavesStderrEmpty() throws IOException {
		BufferedImage img = new BufferedImage(16, 12, BufferedImage.TYPE_BYTE_GRAY);
		img.getRaster().setSample(3, 4, 0, 200);
		Path png = dir.resolve("a.png"), jpg = dir.resolve("a.jpg");
		ImageIO.write(img, "png", png.toFile());
		ImageIO.write(img, "jpg", jpg.toFile());
		PrintStream before = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			assertEquals(16, ImageReader.read(png).width());
			assertEquals(12, ImageReader.read(jpg).height());
			assertEquals(16, ImageIO.read(png.toFile()).getWidth(), "ImageIO's own probing too (as ImageJ opens files)");
		}
		finally {
			System.setErr(before);
		}
		String err = captured.toString(StandardCharsets.UTF_8);
		assertFalse(err.contains("canDecodeInput"), "PixelMed's reader was probed: " + err);
	}
}
