package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.project.ProjectAudit;
import org.segloop.core.project.ProjectStore;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.Fixtures;

/** Bad files handed to `add`: each is a user error naming the file, and the project is left exactly as it was. */
class BadInputCliTest {

	@TempDir
	Path dir;

	@Test
	void corruptTruncatedEmptyAndHugeImagesAreRefusedByNameAndChangeNothing() throws IOException {
		Path images = Files.createDirectories(dir.resolve("images"));
		Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples/nuclei_01.tif"), images.resolve("good.tif"));
		String project = dir.resolve("p").toString();
		assertEquals(0, CliTest.cli("init", project, "--images", images.toString(), "--model", Fixtures.BUNDLED_MODEL.toString()).code());
		long eventsBefore = events(project);

		for (Map.Entry<String, byte[]> bad : badFiles().entrySet()) {
			Path file = Files.write(dir.resolve(bad.getKey()), bad.getValue());
			CliTest.Run r = CliTest.cli("add", project, images.resolve("good.tif").toString(), file.toString());
			assertEquals(1, r.code(), bad.getKey() + ": " + r.err());
			assertTrue(r.err().startsWith("error: ") && r.err().contains(bad.getKey()), bad.getKey() + " is named: " + r.err());
			assertTrue(!r.err().contains("internal error") && !r.err().contains("Exception"), "a message, not a stack trace: " + r.err());
			try (ProjectStore p = ProjectStore.open(Path.of(project), ProjectStore.Access.READ_ONLY)) {
				assertEquals(1, p.images().all().size(), bad.getKey() + " left the image list unchanged");
				assertEquals(eventsBefore, p.events().size(), bad.getKey() + " left the journal unchanged");
				assertEquals(java.util.List.of(), ProjectAudit.run(p));
			}
		}
	}

	private long events(String project) {
		try (ProjectStore p = ProjectStore.open(Path.of(project), ProjectStore.Access.READ_ONLY)) {
			return p.events().size();
		}
	}

	private Map<String, byte[]> badFiles() throws IOException {
		byte[] tif = Files.readAllBytes(Fixtures.BUNDLED_MODEL.resolve("samples/nuclei_02.tif"));
		java.awt.image.BufferedImage rgb = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
		java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(rgb, "png", png);
		byte[] dcm = Files.readAllBytes(DicomSeriesMaker.writeSlice(DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.60", "1.2.826.0.1.3680043.9.7.60.1",
			64, 64, 1), 0, dir.resolve("source.dcm")));
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("empty.tif", new byte[0]);
		files.put("empty.png", new byte[0]);
		files.put("empty.dcm", new byte[0]);
		files.put("text.tif", "not a TIFF".getBytes());
		files.put("text.png", "not a PNG".getBytes());
		files.put("text.dcm", "not a DICOM".getBytes());
		files.put("truncated.tif", Arrays.copyOf(tif, tif.length / 3));
		files.put("truncated.png", Arrays.copyOf(png.toByteArray(), png.size() / 2));
		files.put("truncated.dcm", Arrays.copyOf(dcm, dcm.length / 2));
		files.put("huge.png", hugePngHeader());
		return files;
	}

	/** A valid PNG signature and IHDR declaring 100 000 × 100 000 pixels, and nothing else. */
	private static byte[] hugePngHeader() {
		ByteBuffer b = ByteBuffer.allocate(8 + 25).order(ByteOrder.BIG_ENDIAN);
		b.put(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		b.putInt(13).put("IHDR".getBytes()).putInt(100_000).putInt(100_000).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
		CRC32 crc = new CRC32();
		crc.update(b.array(), 12, 17);
		b.putInt((int) crc.getValue());
		return b.array();
	}
}
