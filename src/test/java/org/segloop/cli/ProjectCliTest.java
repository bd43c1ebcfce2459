package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.testutil.Fixtures;

/** The whole loop from the command line, as README shows it: init → predict → queue → next → accept → status → export. */
class ProjectCliTest {

	@TempDir
	Path dir;

	private static CliTest.Run run(Object... args) {
		return CliTest.cli(args);
	}

	@Test
	void theLoopRunsFromInitToExport() throws IOException {
		Path images = Files.createDirectories(dir.resolve("images"));
		for (String n : new String[] { "nuclei_01.tif", "nuclei_02.tif", "nuclei_03.tif" })
			Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples").resolve(n), images.resolve(n));
		String project = dir.resolve("p").toString();
		assertEquals(0, run("init", project, "--images", images.toString(), "--model", Fixtures.BUNDLED_MODEL.toString(), "--strategy", "hybrid").code());
		assertEquals(0, run("predict", project, "--quiet").code());
		CliTest.Run queue = run("queue", project, "--top", "3", "--json");
		assertEquals(3, JsonParser.parseString(queue.out()).getAsJsonObject().getAsJsonArray("queue").size(), queue.out());

		JsonObject lease = JsonParser.parseString(run("next", project, "--annotator", "ana", "--json").out()).getAsJsonObject();
		String id = lease.get("id").getAsString(), token = lease.get("token").getAsString();
		Path mask = Path.of(lease.get("proposalInstances").getAsString());
		CliTest.Run wrong = run("accept", project, id, "--mask", mask.toString(), "--token", "guess");
		assertEquals(1, wrong.code());
		assertTrue(wrong.err().contains("does not match"), wrong.err());
		CliTest.Run ok = run("accept", project, id, "--mask", mask.toString(), "--token", token, "--seconds", "12", "--json");
		assertEquals(0, ok.code(), ok.err());
		assertEquals(1.0, JsonParser.parseString(ok.out()).getAsJsonObject().getAsJsonObject("metrics").get("f1").getAsDouble());

		JsonObject status = JsonParser.parseString(run("status", project, "--json").out()).getAsJsonObject();
		assertEquals(1, status.getAsJsonObject("images").get("corrected").getAsInt());
		assertEquals(2, status.getAsJsonObject("images").get("predicted").getAsInt());
		assertEquals(12.0, status.getAsJsonArray("versions").get(0).getAsJsonObject().get("meanSecondsSpent").getAsDouble());

		Path out = dir.resolve("Dataset501_Nuclei");
		CliTest.Run export = run("export", project, "--format", "nnunet", "--out", out.toString(), "--name", "Nuclei", "--channel-names", "DAPI", "--json");
		assertEquals(0, export.code(), export.err());
		assertEquals(1, JsonParser.parseString(export.out()).getAsJsonObject().get("cases").getAsInt());
		JsonObject dataset = JsonParser.parseString(Files.readString(out.resolve("dataset.json"))).getAsJsonObject();
		assertEquals("DAPI", dataset.getAsJsonObject("channel_names").get("0").getAsString());
		assertEquals("Nuclei", dataset.get("name").getAsString());
		CliTest.Run again = run("export", project, "--format", "coco", "--out", out.toString());
		assertEquals(1, again.code());
		assertTrue(again.err().contains("not empty"), again.err());
		assertEquals(0, run("check", project).code());
		Path stored = Path.of(project).resolve("files");
		try (var files = Files.walk(stored)) {
			Path victim = files.filter(f -> f.toString().endsWith(".tif")).findFirst().orElseThrow();
			Files.write(victim, new byte[] { 1, 2, 3 });
		}
		CliTest.Run check = run("check", project);
		assertEquals(1, check.code());
		assertTrue(check.out().contains("does not match its name"), check.out());
		CliTest.Run badFormat = run("export", project, "--format", "analyze75", "--out", dir.resolve("x").toString());
		assertEquals(2, badFormat.code(), "wrong usage");
		assertTrue(badFormat.err().contains("tiff, nnunet, coco, dicom-seg, nifti"), badFormat.err());
	}

	@Test
	void theDemoRanksTheSamplesAndWritesPreviewsAndCanRunAgain() throws IOException {
		Path out = dir.resolve("demo");
		for (int run = 0; run < 2; run++) {
			CliTest.Run demo = run("demo", "--out", out.toString(), "--top", "3");
			assertEquals(0, demo.code(), demo.err());
			List<Double> scores = demo.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+[0-9.]+\\s+.*"))
				.map(l -> Double.parseDouble(l.trim().split("\\s+")[2])).toList();
			assertEquals(3, scores.size(), demo.out());
			for (int i = 1; i < scores.size(); i++) assertTrue(scores.get(i - 1) >= scores.get(i), "queue printed most uncertain first: " + scores);
			assertTrue(demo.out().contains("corrections"), "the project summary is printed");
		}
		try (var files = Files.list(out.resolve("previews"))) {
			List<Path> previews = files.sorted().toList();
			assertEquals(3, previews.size());
			java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(previews.get(0).toFile());
			assertEquals(2 * 384, png.getWidth(), "outlines and uncertainty heat side by side");
		}
	}

	@Test
	void aSecondWriterIsToldWhoHoldsTheProject() throws IOException {
		Path images = Files.createDirectories(dir.resolve("images"));
		Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples").resolve("nuclei_01.tif"), images.resolve("a.tif"));
		String project = dir.resolve("p").toString();
		assertEquals(0, run("init", project, "--images", images.toString(), "--model", Fixtures.BUNDLED_MODEL.toString()).code());
		try (var held = org.segloop.core.project.ProjectStore.open(Path.of(project), org.segloop.core.project.ProjectStore.Access.READ_WRITE)) {
			CliTest.Run second = run("predict", project);
			assertEquals(1, second.code());
			assertTrue(second.err().contains("open for writing by process"), second.err());
			assertEquals(0, run("status", project).code(), "reading works while another process writes");
		}
	}

	@Test
	void unknownStrategiesAreWrongUsageListingTheKnownOnes() {
		CliTest.Run r = run("init", dir.resolve("p").toString(), "--images", dir.toString(), "--model", Fixtures.BUNDLED_MODEL.toString(), "--strategy", "smart");
		assertEquals(2, r.code());
		assertTrue(r.err().contains("uncertainty") && r.err().contains("hybrid"), r.err());
	}
}
