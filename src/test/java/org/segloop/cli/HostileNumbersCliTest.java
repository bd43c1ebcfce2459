package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.Calibration;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.IsolatedCache;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Declared numbers from the reproductions of issue 12, through the command line: typed errors, exit 1, never "internal error". */
@ExtendWith(IsolatedCache.class)
class HostileNumbersCliTest {

	@TempDir
	Path dir;

	@Test
	void aMaskWithLabelsOfTwoBillionIsAcceptedAndExportedAsCoco() throws IOException {
		Path images = Files.createDirectories(dir.resolve("images"));
		Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples").resolve("nuclei_01.tif"), images.resolve("nuclei_01.tif"));
		String project = dir.resolve("p").toString();
		assertEquals(0, CliTest.cli("init", project, "--images", images, "--model", Fixtures.BUNDLED_MODEL).code());
		assertEquals(0, CliTest.cli("predict", project, "--quiet").code());
		JsonObject lease = JsonParser.parseString(CliTest.cli("next", project, "--annotator", "ana", "--json").out()).getAsJsonObject();
		Path proposal = Path.of(lease.get("proposalInstances").getAsString());
		var v = org.segloop.core.image.LabelTiffReader.read(proposal); // for the image's size
		int[] plane = new int[v.width() * v.height()];
		for (int y = 10; y < 30; y++)
			for (int x = 10; x < 30; x++) {
				plane[y * v.width() + x] = 2_000_000_000;
				plane[y * v.width() + x + 20] = 2_000_000_001;
				plane[(y + 30) * v.width() + x] = 16_777_217;
			}
		Path mask = dir.resolve("mask.tif");
		LabelFiles.write(new LabelVolume(v.width(), v.height(), 1, 1, new int[][] { plane }, new double[] { 1, 1, 1 }), mask, Calibration.none());
		CliTest.Run accept = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliTest.cli("accept", project, lease.get("id").getAsString(),
			"--mask", mask, "--token", lease.get("token").getAsString()));
		assertEquals(0, accept.code(), accept.err());
		Path out = dir.resolve("coco");
		CliTest.Run export = assertTimeoutPreemptively(Duration.ofSeconds(60),
			() -> CliTest.cli("export", project, "--format", "coco", "--out", out, "--split", "1,0,0"));
		assertEquals(0, export.code(), export.err());
		JsonObject coco = JsonParser.parseString(Files.readString(out.resolve("annotations/instances_train.json"))).getAsJsonObject();
		assertEquals(3, coco.getAsJsonArray("annotations").size(), "three objects, none merged");
	}

	@Test
	void modelPackagesWithHugeDeclaredNumbersAreRefusedByField() throws IOException {
		expectRefused(edited("halo: 16", "halo: 2000000000"), "outputs[0].axes[2].halo");
		expectRefused(edited("size: {min: 64, step: 16}", "size: {min: 2000000000, step: 16}"), "inputs[0].axes[2].size.min");
		expectRefused(edited("size: {tensor_id: raw, axis_id: y}", "size: {tensor_id: raw, axis_id: y, offset: 2000000000}"), "offset");
	}

	@Test
	void aTestTensorWithPythonTwoDimensionsNamesTheFileAndField() throws IOException {
		Path pkg = edited("sha256: 35f22eb44f83a04b45d5c6d0aec8976f189d1e4a4d25e622eaf7f4aa46d958df", "");
		String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1L, 1L, 64L, 64L), }";
		header = header + " ".repeat((64 - (10 + header.length() + 1) % 64) % 64) + "\n";
		byte[] head = header.getBytes(StandardCharsets.ISO_8859_1);
		byte[] file = new byte[10 + head.length + 4 * 64 * 64];
		file[0] = (byte) 0x93;
		System.arraycopy("NUMPY".getBytes(StandardCharsets.ISO_8859_1), 0, file, 1, 5);
		file[6] = 1;
		file[8] = (byte) head.length;
		file[9] = (byte) (head.length >> 8);
		System.arraycopy(head, 0, file, 10, head.length);
		Files.write(pkg.resolve("test_input.npy"), file);
		CliTest.Run r = expectRefused(pkg, "test_input.npy");
		assertTrue(r.err().contains("'shape'") && r.err().contains("1L"), r.err());
	}

	private CliTest.Run expectRefused(Path pkg, String fragment) {
		CliTest.Run r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliTest.cli("model", "check", pkg));
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().contains(fragment), r.err());
		assertFalse(r.err().contains("internal error"), r.err());
		assertFalse(r.err().contains("Exception"), r.err());
		return r;
	}

	private Path edited(String from, String to) throws IOException {
		Path pkg = Files.createTempDirectory(dir, "pkg");
		try (Stream<Path> files = Files.list(Fixtures.BUNDLED_MODEL)) {
			for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, pkg.resolve(f.getFileName()));
		}
		Path rdf = pkg.resolve("rdf.yaml");
		String text = Files.readString(rdf);
		assertTrue(text.contains(from), from);
		Files.writeString(rdf, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
		return pkg;
	}
}
