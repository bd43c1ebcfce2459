package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.project.JournalEvent;
import org.segloop.core.project.ProjectStore;
import org.segloop.testutil.Fixtures;

/**
 * The images of a project from the command line, as a user meets their problems: bad files in a
 * batch are all reported at once, duplicates and files the model cannot take are refused at
 * registration, an image that fails to predict is set aside without blocking the others, images
 * can be removed and deliberately replaced, and {@code check} looks at the images too.
 */
class ProjectImagesCliTest {

	@TempDir
	Path dir;

	private Path sample(String name, String as) throws IOException {
		Files.createDirectories(dir.resolve("images"));
		return Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples").resolve(name), dir.resolve("images").resolve(as));
	}

	private Path rgbPng(String name) throws IOException {
		BufferedImage rgb = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 48; y++)
			for (int x = 0; x < 64; x++) rgb.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 90);
		Path f = dir.resolve("bad").resolve(name);
		Files.createDirectories(f.getParent());
		ImageIO.write(rgb, "png", f.toFile());
		return f;
	}

	private String init(Path... images) {
		String project = dir.resolve("p").toString();
		List<String> args = new java.util.ArrayList<>(List.of("init", project, "--model", Fixtures.BUNDLED_MODEL.toString(), "--images"));
		for (Path i : images) args.add(i.toString());
		CliTest.Run r = CliTest.cli(args.toArray());
		assertEquals(0, r.code(), r.err());
		return project;
	}

	private static JsonObject json(CliTest.Run r) {
		return JsonParser.parseString(r.out()).getAsJsonObject();
	}

	private static int imageCount(String project) {
		try (ProjectStore p = ProjectStore.open(Path.of(project), ProjectStore.Access.READ_ONLY)) {
			return p.images().all().size();
		}
	}

	@Test
	void everyBadFileOfABatchIsReportedAtOnceAndNothingIsAddedUnlessSkipBadIsGiven() throws IOException {
		Path first = sample("nuclei_01.tif", "first.tif");
		String project = init(first);
		Path good = sample("nuclei_02.tif", "good.tif");
		Path corrupt = Files.writeString(Files.createDirectories(dir.resolve("bad")).resolve("corrupt.tif"), "not a TIFF");
		Path empty = Files.write(dir.resolve("bad/empty.png"), new byte[0]);
		Path rgb = rgbPng("colour.png");
		Path copy = Files.copy(first, dir.resolve("bad/first-again.tif"));
		Path missing = dir.resolve("bad/missing.tif");

		CliTest.Run all = CliTest.cli("add", project, good, corrupt, empty, rgb, copy, missing);
		assertEquals(1, all.code(), all.err());
		for (String name : List.of("corrupt.tif", "empty.png", "colour.png", "first-again.tif", "missing.tif"))
			assertTrue(all.err().contains(name), name + " is reported in the same run: " + all.err());
		assertTrue(all.err().contains("3 channel(s)") && all.err().contains("needs 1"), "the RGB image is checked against the model: " + all.err());
		assertTrue(all.err().contains("same content as") && all.err().contains("first.tif"), "the duplicate names the image it duplicates: " + all.err());
		assertTrue(all.err().contains("--skip-bad"), all.err());
		assertFalse(all.err().contains("Exception"), all.err());
		assertEquals(1, imageCount(project), "nothing was added");

		CliTest.Run skipping = CliTest.cli("add", project, good, corrupt, empty, rgb, copy, missing, "--skip-bad");
		assertEquals(0, skipping.code(), skipping.err());
		assertTrue(skipping.out().contains("1 new image(s), 2 in all"), skipping.out());
		assertTrue(skipping.out().contains("5 file(s) left out"), skipping.out());
		for (String name : List.of("corrupt.tif", "empty.png", "colour.png", "first-again.tif", "missing.tif"))
			assertTrue(skipping.err().contains(name), name + " is said to be left out: " + skipping.err());
		assertEquals(2, imageCount(project));
	}

	@Test
	void initChecksEveryFileAgainstTheModelAndLeavesNothingBehindUnlessSkipBadIsGiven() throws IOException {
		Path a = sample("nuclei_01.tif", "a.tif");
		Path twin = Files.copy(a, dir.resolve("images/a-twin.tif"));
		Path rgb = rgbPng("colour.png");
		String project = dir.resolve("p").toString();
		CliTest.Run r = CliTest.cli("init", project, "--model", Fixtures.BUNDLED_MODEL, "--images", dir.resolve("images"), rgb);
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().contains("colour.png") && r.err().contains("a-twin.tif") && r.err().contains("a.tif"), r.err());
		assertFalse(Files.exists(Path.of(project)), "a failed init leaves no folder");

		CliTest.Run skipping = CliTest.cli("init", project, "--model", Fixtures.BUNDLED_MODEL, "--images", dir.resolve("images"), rgb, "--skip-bad",
			"--json");
		assertEquals(0, skipping.code(), skipping.err());
		JsonObject out = json(skipping);
		assertEquals(1, out.get("images").getAsInt());
		assertEquals(2, out.getAsJsonArray("leftOut").size(), skipping.out());
		assertTrue(twin.toFile().exists());
	}

	@Test
	void anImageThatFailsToPredictIsSetAsideShownAndRetriedWhileTheOthersGoOn() throws IOException {
		Path a = sample("nuclei_01.tif", "a.tif"), b = sample("nuclei_02.tif", "b.tif"), c = sample("nuclei_03.tif", "c.tif");
		String project = init(a, b, c);
		Path away = Files.move(b, dir.resolve("b-away.tif"));
		Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples/nuclei_04.tif"), c, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

		CliTest.Run predict = CliTest.cli("predict", project, "--quiet");
		assertEquals(1, predict.code(), "failures are reported by the exit code: " + predict.err());
		assertTrue(predict.err().contains("b.tif") && predict.err().contains("c.tif"), predict.err());
		assertTrue(predict.out().contains("1 image(s) predicted"), predict.out());

		JsonObject status = json(CliTest.cli("status", project, "--json"));
		assertEquals(2, status.getAsJsonObject("images").get("failed").getAsInt(), status.toString());
		JsonArray failed = status.getAsJsonArray("failed");
		assertEquals(2, failed.size());
		assertTrue(failed.get(0).getAsJsonObject().get("reason").getAsString().contains("gone"), failed.toString());
		assertTrue(failed.get(1).getAsJsonObject().get("reason").getAsString().contains("changed"), failed.toString());
		String text = CliTest.cli("status", project).out();
		assertTrue(text.contains("b.tif"), "the text status names failed images");
		assertTrue(text.contains("images: {new=0, predicted=1, in_progress=0, corrected=0, skipped=0, failed=2, removed=0}"),
			"images per state by their stored names: " + text);

		CliTest.Run queue = CliTest.cli("queue", project, "--json");
		assertEquals(1, json(queue).getAsJsonArray("queue").size(), "failed images are not served: " + queue.out());
		assertEquals(2, json(queue).getAsJsonArray("failed").size(), queue.out());
		assertTrue(CliTest.cli("queue", project).out().contains("--retry-failed"), "the text queue says how to retry");
		JsonObject lease = json(CliTest.cli("next", project, "--annotator", "ana", "--json"));
		assertTrue(lease.get("image").getAsString().endsWith("a.tif"), lease.toString());

		Files.move(away, b);
		CliTest.Run again = CliTest.cli("predict", project, "--quiet");
		assertEquals(0, again.code(), "images that failed before do not fail every later run: " + again.err());
		assertTrue(again.err().contains("2 image(s) failed earlier") && again.err().contains("--retry-failed"), again.err());
		CliTest.Run retry = CliTest.cli("predict", project, "--quiet", "--retry-failed");
		assertEquals(1, retry.code(), "c.tif still differs from what was registered: " + retry.err());
		assertTrue(retry.out().contains("1 image(s) predicted"), retry.out());
		assertTrue(retry.err().contains("c.tif") && retry.err().contains("--replace"), "the changed file's message says how to re-register: " + retry.err());

		CliTest.Run replace = CliTest.cli("add", project, "--replace", c);
		assertEquals(0, replace.code(), replace.err());
		assertTrue(replace.out().contains("1 image(s) re-registered"), replace.out());
		CliTest.Run last = CliTest.cli("predict", project, "--quiet");
		assertEquals(0, last.code(), last.err());
		assertTrue(last.out().contains("1 image(s) predicted"), "a re-registered image is predicted again: " + last.out());
		status = json(CliTest.cli("status", project, "--json"));
		assertEquals(0, status.getAsJsonObject("images").get("failed").getAsInt(), status.toString());
		assertEquals(0, CliTest.cli("check", project).code());
	}

	@Test
	void nextSetsAsideAnImageWhoseFileWentBadAfterItWasPredictedAndServesTheNextOne() throws IOException {
		Path a = sample("nuclei_01.tif", "a.tif"), b = sample("nuclei_02.tif", "b.tif");
		String project = init(a, b);
		assertEquals(0, CliTest.cli("predict", project, "--quiet").code());
		JsonObject first = json(CliTest.cli("next", project, "--annotator", "ana", "--json"));
		Path served = Path.of(first.get("image").getAsString()), other = served.equals(a.toRealPath()) ? b : a;
		Files.write(served, new byte[0]); // the file is emptied while its lease is held

		CliTest.Run again = CliTest.cli("next", project, "--annotator", "ana", "--json");
		assertEquals(0, again.code(), again.err());
		JsonObject lease = json(again);
		assertEquals(other.toRealPath().toString(), lease.get("image").getAsString(), "the next image is served instead: " + again.out());
		JsonObject aside = lease.getAsJsonArray("setAside").get(0).getAsJsonObject();
		assertEquals(first.get("id").getAsLong(), aside.get("id").getAsLong());
		assertTrue(aside.get("reason").getAsString().contains("changed") && aside.get("reason").getAsString().contains("--replace"), aside.toString());
		assertTrue(again.err().contains("set aside as failed"), again.err());

		JsonObject status = json(CliTest.cli("status", project, "--json"));
		assertEquals(1, status.getAsJsonObject("images").get("failed").getAsInt(), "shown by status: " + status);
		CliTest.Run skip = CliTest.cli("skip", project, lease.get("id").getAsString(), "--token", lease.get("token").getAsString());
		assertEquals(0, skip.code(), skip.err());
		JsonObject done = json(CliTest.cli("next", project, "--annotator", "ana", "--json"));
		assertTrue(done.get("id").isJsonNull(), "the bad image does not come back: " + done);
		assertEquals(0, done.getAsJsonArray("setAside").size());
	}

	@Test
	void removedImagesAreNeitherServedNorExportedButTheirCorrectionsStay() throws IOException {
		Path a = sample("nuclei_01.tif", "a.tif"), b = sample("nuclei_02.tif", "b.tif"), c = sample("nuclei_03.tif", "c.tif");
		String project = init(a, b, c);
		assertEquals(0, CliTest.cli("predict", project, "--quiet").code());
		for (int i = 0; i < 2; i++) {
			JsonObject lease = json(CliTest.cli("next", project, "--annotator", "ana", "--json"));
			CliTest.Run ok = CliTest.cli("accept", project, lease.get("id").getAsString(), "--mask", lease.get("proposalInstances").getAsString(),
				"--token", lease.get("token").getAsString());
			assertEquals(0, ok.code(), ok.err());
		}
		long correctedId;
		try (ProjectStore p = ProjectStore.open(Path.of(project), ProjectStore.Access.READ_ONLY)) {
			correctedId = p.corrections().all().get(0).imageId();
		}
		Path correctedFile;
		try (ProjectStore p = ProjectStore.open(Path.of(project), ProjectStore.Access.READ_ONLY)) {
			correctedFile = p.images().byId(correctedId).orElseThrow().path();
		}
		Files.delete(correctedFile); // a file gone for good is removed by its path
		CliTest.Run remove = CliTest.cli("remove", project, correctedFile);
		assertEquals(0, remove.code(), remove.err());
		assertTrue(remove.out().contains("removed 1 image(s)"), remove.out());
		assertEquals(1, CliTest.cli("remove", project, "999").code(), "an unknown id is a user error");

		JsonObject status = json(CliTest.cli("status", project, "--json"));
		assertEquals(1, status.getAsJsonObject("images").get("removed").getAsInt(), status.toString());
		assertEquals(1, status.getAsJsonObject("images").get("corrected").getAsInt(), status.toString());
		CliTest.Run check = CliTest.cli("check", project);
		assertEquals(0, check.code(), "a removed image's missing file and kept corrections are not problems: " + check.out());

		try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + Path.of(project, "project.sqlite"));
			var rows = db.createStatement().executeQuery("SELECT count(*) FROM corrections"))
		{
			assertEquals(2, rows.getInt(1), "its correction stays in the database");
		}
		catch (java.sql.SQLException e) {
			throw new AssertionError(e);
		}
		Path out = dir.resolve("export");
		CliTest.Run export = CliTest.cli("export", project, "--format", "tiff", "--out", out, "--json");
		assertEquals(0, export.code(), export.err());
		assertEquals(1, json(export).get("cases").getAsInt(), "the removed image's correction is not exported");
		try (ProjectStore p = ProjectStore.open(Path.of(project), ProjectStore.Access.READ_ONLY)) {
			assertTrue(p.events().stream().anyMatch(e -> e.what() == JournalEvent.REMOVED && e.imageId() == correctedId), "the removal is journalled");
		}
	}

	@Test
	void checkReportsARegisteredImageThatIsMissingOrChanged() throws IOException {
		Path a = sample("nuclei_01.tif", "a.tif"), b = sample("nuclei_02.tif", "b.tif");
		String project = init(a, b);
		assertEquals(0, CliTest.cli("check", project).code());
		Path away = Files.move(a, dir.resolve("a-away.tif"));
		byte[] bytes = Files.readAllBytes(b);
		bytes[bytes.length - 1] ^= 1;
		Files.write(b, bytes);

		CliTest.Run check = CliTest.cli("check", project);
		assertEquals(1, check.code(), check.out());
		assertTrue(check.out().contains("a.tif") && check.out().contains("gone"), check.out());
		assertTrue(check.out().contains("b.tif") && check.out().contains("changed"), check.out());
		assertFalse(check.out().contains("healthy"), check.out());

		CliTest.Run quick = CliTest.cli("check", project, "--quick", "--json");
		assertEquals(1, quick.code(), quick.out());
		assertEquals(1, json(quick).getAsJsonArray("problems").size(), "--quick sees the missing file but does not hash: " + quick.out());
		Files.move(away, a);
		assertEquals(0, CliTest.cli("check", project, "--quick").code());
	}
}
