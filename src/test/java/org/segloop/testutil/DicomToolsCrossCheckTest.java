package org.segloop.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.ImageReader;

/**
 * The DICOM files the tests generate are checked by an independent implementation, dcmtk
 * ({@code apt-get install -y dcmtk}; {@code .ci/run} installs it): {@code dcmdump} parses every kind
 * without complaint and reads the values the tests rely on, and files really compressed by
 * {@code dcmcjpeg} get the message the generated ones get.
 */
class DicomToolsCrossCheckTest {

	@TempDir
	Path dir;

	@Test
	void dcmdumpParsesEveryKindOfGeneratedFileAndReadsTheRescale() throws IOException {
		short[] pixels = new short[16 * 12];
		pixels[3] = -1000;
		List<Path> files = List.of(
			DicomWriter.writeImage(dir.resolve("ct.dcm"), DicomWriter.CT_IMAGE, "CT", 16, 12, pixels, true, 0.7, 2, -1024),
			DicomWriter.writeCompressed(dir.resolve("j2k.dcm"), DicomWriter.JPEG_2000, 16, 12, new byte[] { 1, 2, 3, 4 }),
			DicomWriter.writeSegmentation(dir.resolve("seg.dcm"), 16, 12, new boolean[16 * 12]),
			DicomWriter.writeWithoutPixels(dir.resolve("rt.dcm"), DicomWriter.RT_STRUCTURE_SET, "RTSTRUCT", true, DicomWriter.EXPLICIT_LITTLE),
			DicomWriter.writeWithoutPixels(dir.resolve("old.dcm"), DicomWriter.RT_STRUCTURE_SET, "RTSTRUCT", false, DicomWriter.IMPLICIT_LITTLE));
		for (Path f : files) {
			Run dump = run("dcmdump", "-E", f.toString());
			assertEquals(0, dump.exit(), f.getFileName() + ": " + dump.output());
			assertFalse(dump.output().contains("E: ") || dump.output().contains("W: "), f.getFileName() + " parses cleanly: " + dump.output());
		}
		String ct = run("dcmdump", dir.resolve("ct.dcm").toString()).output();
		assertTrue(ct.contains("(0028,1052) DS [-1024"), "intercept as written: " + ct);
		assertTrue(ct.contains("(0028,1053) DS [2"), "slope as written: " + ct);
		assertTrue(ct.contains("(0028,0103) US 1"), "signed pixel representation: " + ct);
		assertTrue(run("dcmdump", dir.resolve("j2k.dcm").toString()).output().contains("JPEG2000"), "dcmtk sees the transfer syntax we claim");
	}

	@Test
	void aFileReallyCompressedByDcmtkIsNamedForItsTransferSyntax() throws IOException {
		short[] pixels = new short[32 * 24];
		for (int i = 0; i < pixels.length; i++) pixels[i] = (short) (i % 400);
		Path raw = DicomWriter.writeImage(dir.resolve("raw.dcm"), DicomWriter.CT_IMAGE, "CT", 32, 24, pixels, false, 0.5, 1, -1024);
		Path lossless = dir.resolve("lossless.dcm");
		Run compress = run("dcmcjpeg", "--encode-lossless-sv1", raw.toString(), lossless.toString());
		assertEquals(0, compress.exit(), compress.output());
		ImageInputException e = assertThrows(ImageInputException.class, () -> ImageReader.read(lossless));
		assertTrue(e.getMessage().contains("lossless.dcm") && e.getMessage().contains("JPEG Lossless")
			&& e.getMessage().contains(DicomWriter.JPEG_LOSSLESS_SV1), e.getMessage());
		// the fix the message gives works: dcmtk decompresses it and SegLoop reads the original values
		Path restored = dir.resolve("restored.dcm");
		assertEquals(0, run("dcmdjpeg", lossless.toString(), restored.toString()).exit());
		assertEquals(pixels[399], (short) ImageReader.read(restored).reader(0, 0, 0).get(399));
	}

	private record Run(int exit, String output) {}

	private static Run run(String... command) throws IOException {
		if (!Files.isExecutable(Path.of("/usr/bin", command[0])))
			fail("this test needs dcmtk's " + command[0] + ": apt-get install -y dcmtk");
		List<String> c = new ArrayList<>(List.of(command));
		Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
		try {
			if (!p.waitFor(60, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				fail(command[0] + " did not finish");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			fail("interrupted");
		}
		return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
	}
}
