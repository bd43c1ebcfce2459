package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.project.ProjectStore;
import org.segloop.testutil.Fixtures;

/**
 * What a new user meets on their first steps, as a trial found it: every answer says what is
 * going on and what to do next, in the words of the step they are at.
 */
class FirstStepsCliTest {

	@TempDir
	Path dir;

	/** A project of {@code count} bundled samples, not predicted; returns its folder as the project names it. */
	private Path init(int count) throws IOException {
		List<Object> args = new ArrayList<>(List.of("init", dir.resolve("p"), "--model", Fixtures.BUNDLED_MODEL, "--images"));
		for (int i = 1; i <= count; i++) {
			Path image = Files.createDirectories(dir.resolve("images")).resolve("cell_" + i + ".tif");
			Files.copy(Fixtures.BUNDLED_MODEL.resolve(String.format("samples/nuclei_%02d.tif", i)), image);
			args.add(image);
		}
		CliTest.Run r = CliTest.cli(args.toArray());
		assertEquals(0, r.code(), r.err());
		try (ProjectStore p = ProjectStore.open(dir.resolve("p"), ProjectStore.Access.READ_ONLY)) {
			return p.folder();
		}
	}

	private static JsonObject json(CliTest.Run r) {
		return JsonParser.parseString(r.out()).getAsJsonObject();
	}

	private static CliTest.Run ok(Object... args) {
		CliTest.Run r = CliTest.cli(args);
		assertEquals(0, r.code(), r.err());
		return r;
	}

	@Test
	void nextBeforePredictSaysHowManyImagesHaveNoProposalAndToPredictThem() throws IOException {
		Path project = init(3);
		assertEquals("nothing to serve yet: 3 image(s) have no proposal — predict them first (segloop predict " + project + ")",
			ok("next", project, "--annotator", "ana").out().strip());
		JsonObject none = json(ok("next", project, "--annotator", "ana", "--json"));
		assertTrue(none.get("id").isJsonNull(), none.toString());
		assertEquals(3, none.get("waitingForPrediction").getAsInt(), none.toString());

		ok("predict", project, "--quiet");
		assertFalse(json(ok("next", project, "--annotator", "ana", "--json")).has("waitingForPrediction"), "a served image carries no count");
	}

	@Test
	void queueAllListsEveryImageWithItsIdStatusAndFileAndErrorsPointThere() throws IOException {
		Path project = init(3);
		ok("predict", project, "--quiet");
		JsonObject lease = json(ok("next", project, "--annotator", "ana", "--json"));
		ok("accept", project, lease.get("id").getAsString(), "--mask", lease.get("proposalInstances").getAsString(), "--token",
			lease.get("token").getAsString());
		JsonObject leased = json(ok("next", project, "--annotator", "ana", "--json"));
		ok("remove", project, leased.get("id").getAsString());

		Map<Long, String> statuses = new TreeMap<>();
		for (JsonElement e : json(ok("queue", project, "--all", "--json")).getAsJsonArray("images")) {
			JsonObject image = e.getAsJsonObject();
			statuses.put(image.get("id").getAsLong(), image.get("status").getAsString());
			assertTrue(Files.isRegularFile(Path.of(image.get("image").getAsString())), image.toString());
		}
		assertEquals(List.of(1L, 2L, 3L), List.copyOf(statuses.keySet()), "every image, whatever its status");
		assertEquals(List.of("corrected", "predicted", "removed"), statuses.values().stream().sorted().toList());
		String text = ok("queue", project, "--all").out();
		assertTrue(text.contains("removed") && text.contains("corrected") && text.contains(dir.resolve("images/cell_1.tif").getFileName().toString()), text);

		Path other = Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples/nuclei_04.tif"), dir.resolve("images/other.tif"));
		CliTest.Run unknown = CliTest.cli("remove", project, other);
		assertEquals(1, unknown.code());
		assertTrue(unknown.err().contains("(segloop queue " + project + " --all)"), "the way to find ids: " + unknown.err());
	}

	@Test
	void acceptingARemovedImageSaysItWasRemovedAndHowToBringItBack() throws IOException {
		Path project = init(2);
		ok("predict", project, "--quiet");
		JsonObject lease = json(ok("next", project, "--annotator", "ana", "--json"));
		String id = lease.get("id").getAsString(), image = lease.get("image").getAsString();
		ok("remove", project, id);
		CliTest.Run accept = CliTest.cli("accept", project, id, "--mask", lease.get("proposalInstances").getAsString(), "--token",
			lease.get("token").getAsString());
		assertEquals(1, accept.code());
		assertEquals("error: " + project + ": image " + id + " was removed from the project — to annotate it again, add its file again: that brings it "
			+ "back with its corrections (segloop add " + project + " " + image + ")", accept.err().strip());

		assertTrue(ok("add", project, image).out().contains("1 removed image(s) back in the queue"), "the fix works");
	}

	@Test
	void acceptingASkippedImageSaysItWasSkipped() throws IOException {
		Path project = init(2);
		ok("predict", project, "--quiet");
		JsonObject lease = json(ok("next", project, "--annotator", "ana", "--json"));
		String id = lease.get("id").getAsString();
		ok("skip", project, id, "--token", lease.get("token").getAsString());
		CliTest.Run accept = CliTest.cli("accept", project, id, "--mask", lease.get("proposalInstances").getAsString(), "--token",
			lease.get("token").getAsString());
		assertEquals(1, accept.code());
		assertTrue(accept.err().contains("image " + id + " was skipped, so it is out of the queue — take the next image (segloop next " + project + ")"),
			accept.err());
	}

	@Test
	void anUnknownNameIsOneLineAndWhereTheHelpIsNotTheWholeUsage() {
		CliTest.Run r = CliTest.cli("init", dir.resolve("p"), "--model", Fixtures.BUNDLED_MODEL, "--images", "a.tif", "--scorer", "x");
		assertEquals(2, r.code());
		List<String> lines = r.err().strip().lines().toList();
		assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains("entropy, margin, least_confidence, tta, bald"), r.err());
		assertEquals("see 'segloop init --help'", lines.get(lines.size() - 1), r.err());
		assertFalse(r.err().contains("Usage:"), r.err());
		assertEquals("", r.out());

		CliTest.Run json = CliTest.cli("export", dir.resolve("p"), "--format", "zarr", "--out", dir.resolve("ds"), "--json");
		assertEquals(2, json.code());
		JsonObject error = json(json); // exactly one JSON document on stdout: parsing the whole of it fails otherwise
		assertTrue(error.get("error").getAsString().contains("zarr"), error.toString());
		assertEquals(2, error.get("exitCode").getAsInt());
		assertEquals("segloop export --help", error.getAsJsonArray("actions").get(0).getAsString());
		assertFalse(json.err().contains("Usage:"), json.err());
	}
}
