package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.testutil.Fixtures;

/** README's fine-tuning steps on the sample images: accept corrections, finetune, versions, export the version. */
class FinetuneCliTest {

	@TempDir
	Path dir;

	private static CliTest.Run run(Object... args) {
		return CliTest.cli(args);
	}

	private static void acceptProposal(String project) {
		JsonObject lease = JsonParser.parseString(run("next", project, "--annotator", "ana", "--json").out()).getAsJsonObject();
		CliTest.Run ok = run("accept", project, lease.get("id").getAsString(), "--mask", lease.get("proposalInstances").getAsString(), "--token",
			lease.get("token").getAsString(), "--seconds", "20");
		assertEquals(0, ok.code(), ok.err());
	}

	@Test
	void finetuneMakesAVersionThatReRanksTheQueueAndReportsItsHeldOutDice() throws Exception {
		Path images = Files.createDirectories(dir.resolve("images"));
		for (int i = 1; i <= 8; i++) {
			String n = String.format("nuclei_%02d.tif", i);
			Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples").resolve(n), images.resolve(n));
		}
		String project = dir.resolve("p").toString();
		assertEquals(0, run("init", project, "--images", images.toString(), "--model", Fixtures.BUNDLED_MODEL.toString()).code());
		assertEquals(0, run("predict", project, "--quiet").code());
		acceptProposal(project);
		CliTest.Run early = run("finetune", project);
		assertEquals(1, early.code());
		assertTrue(early.err().contains("has 1 corrected image; fine-tuning needs at least 4") && early.err().contains("correct 3 more images"), early.err());
		assertTrue(early.err().contains("(segloop next " + project + ", then segloop accept " + project + "; --min-corrections N)"),
			"the CLI adds its commands for what to do: " + early.err());

		for (int i = 0; i < 4; i++) acceptProposal(project);
		CliTest.Run tuned = run("finetune", project, "--epochs", "4", "--json");
		assertEquals(0, tuned.code(), tuned.err());
		JsonObject r = JsonParser.parseString(tuned.out()).getAsJsonObject();
		assertEquals(2, r.get("version").getAsInt(), tuned.out());
		assertTrue(r.get("held_out_dice").getAsDouble() > r.get("parent_held_out_dice").getAsDouble(), tuned.out());
		assertEquals(3, r.get("rescored").getAsInt(), "the three uncorrected images are re-scored: " + tuned.out());

		JsonArray versions = JsonParser.parseString(run("versions", project, "--json").out()).getAsJsonArray();
		assertEquals(2, versions.size());
		JsonObject v2 = versions.get(1).getAsJsonObject();
		assertTrue(v2.get("current").getAsBoolean());
		assertEquals(5, v2.get("trainedOn").getAsInt());
		assertEquals(5, versions.get(0).getAsJsonObject().get("corrected").getAsInt());
		assertTrue(run("versions", project).out().contains("SegLoop nuclei U-Net 2D · fine-tuned 1"));

		CliTest.Run exported = run("versions", project, "--export", "2", "--out", dir.resolve("pkg").toString());
		assertEquals(0, exported.code(), exported.err());
		assertEquals(0, run("model", "check", dir.resolve("pkg").toString()).code());
		assertEquals(0, run("versions", project, "--use", "1").code());
		assertTrue(JsonParser.parseString(run("versions", project, "--json").out()).getAsJsonArray().get(0).getAsJsonObject().get("current").getAsBoolean(),
			"version 1 is current again");

		// the automatic loop: run after every accept, it trains only once N new corrections are in
		CliTest.Run notDue = run("finetune", project, "--every", "2");
		assertEquals(0, notDue.code(), notDue.err());
		assertTrue(notDue.out().contains("not due: 0 new correction(s) since the last fine-tuning, 2 needed"), notDue.out());
		acceptProposal(project);
		assertTrue(run("finetune", project, "--every", "2").out().contains("not due: 1 new correction(s)"));
		acceptProposal(project);
		CliTest.Run due = run("finetune", project, "--every", "2", "--epochs", "1", "--json");
		assertEquals(0, due.code(), due.err());
		assertTrue(JsonParser.parseString(due.out()).getAsJsonObject().has("held_out_dice"), "it trained: " + due.out());
		assertTrue(run("finetune", project, "--every", "2").out().contains("not due: 0 new correction(s)"),
			"the run just made counts, whether it recorded a version or not");
		assertEquals(0, run("check", project).code());
	}
}
