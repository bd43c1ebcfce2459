package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.OnnxBuilder;
import org.segloop.testutil.Projects;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * stdout is the program's alone: every command that has {@code --json}, run as a user runs it (its
 * own JVM) on bad input, prints exactly one strict JSON document on stdout that carries the
 * error — even where ImageJ prints its own messages while reading a bad file, and ONNX Runtime's
 * native log stays quiet unless {@code --verbose} asks for it.
 */
class JsonOutputTest {

	@TempDir
	static Path dir;

	static Path good, badDicom, badPng, project, missing;
	static long leasedId;
	static String token;

	record Run(int code, String out, String err) {}

	@BeforeAll
	static void projectWithALeasedImage() throws IOException {
		Path images = Files.createDirectories(dir.resolve("images"));
		good = Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples/nuclei_01.tif"), images.resolve("good.tif"));
		// a file named .dcm that is not DICOM: refused by name before any reader runs
		badDicom = Files.writeString(dir.resolve("scan.dcm"), "not a DICOM file");
		// a file named .png that is not one: ImageJ's opener prints "Unsupported format or file not found"
		badPng = Files.writeString(dir.resolve("scan.png"), "not a PNG");
		project = Projects.predictedSamples(Files.createDirectories(dir.resolve("samples")), 2);
		JsonObject next = JsonParser.parseString(CliTest.cli("next", project, "--annotator", "ana", "--json").out()).getAsJsonObject();
		leasedId = next.get("id").getAsLong();
		token = next.get("token").getAsString();
		missing = dir.resolve("no-project-here");
	}

	/** Runs the CLI in a child JVM, as ./segloop does, and returns its exit code, stdout and stderr. */
	static Run child(Object... args) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
			"-Djava.awt.headless=true", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
		for (Object a : args) cmd.add(a.toString());
		Path out = Files.createTempFile(dir, "stdout", ".txt"), err = Files.createTempFile(dir, "stderr", ".txt");
		Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		p.getOutputStream().close();
		if (!p.waitFor(120, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			fail("timed out: " + cmd);
		}
		return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
	}

	/** Parses stdout strictly: one JSON document and nothing else. */
	static JsonObject strictJson(Run r) {
		try (JsonReader reader = new JsonReader(new StringReader(r.out()))) {
			reader.setStrictness(Strictness.STRICT);
			JsonElement e = JsonParser.parseReader(reader);
			assertEquals(JsonToken.END_DOCUMENT, reader.peek(), "nothing after the JSON document");
			assertTrue(e.isJsonObject(), r.out());
			return e.getAsJsonObject();
		}
		catch (Exception e) {
			throw new AssertionError("stdout is not one JSON document (" + e + "):\n" + r.out() + "\nstderr:\n" + r.err(), e);
		}
	}

	/** A failed command: exit 1, the error in the JSON and on stderr, naming what it is about. */
	static void assertJsonError(Run r, String named) {
		assertEquals(1, r.code(), r.out() + r.err());
		JsonObject json = strictJson(r);
		assertTrue(json.has("error") && json.get("error").getAsString().contains(named), named + " is named in the JSON error: " + r.out());
		assertEquals(1, json.get("exitCode").getAsInt());
		assertTrue(r.err().contains(named), r.err());
		assertFalse(r.err().contains("Exception"), "no Java internals: " + r.err());
	}

	@Test
	void initOnABadImage() throws Exception {
		assertJsonError(child("init", dir.resolve("p2"), "--images", good, badDicom, "--model", Fixtures.BUNDLED_MODEL, "--json"), "scan.dcm");
	}

	@Test
	void segmentOnABadImageAmongGoodOnes() throws Exception {
		Run r = child("segment", Fixtures.BUNDLED_MODEL, badDicom, good, "--out", dir.resolve("seg"), "--json", "--tile", "256");
		assertEquals(1, r.code(), r.err());
		JsonObject json = strictJson(r);
		assertEquals(2, json.getAsJsonArray("images").size(), r.out());
		assertTrue(json.getAsJsonArray("images").get(0).getAsJsonObject().get("error").getAsString().contains("scan.dcm"), r.out());
		assertTrue(json.getAsJsonArray("images").get(1).getAsJsonObject().has("instances"), r.out());
	}

	@Test
	void acceptWithABadMask() throws Exception {
		assertJsonError(child("accept", project, leasedId, "--mask", badDicom, "--token", token, "--json"), "scan.dcm");
	}

	@Test
	void commandsOnAMissingProject() throws Exception {
		assertJsonError(child("predict", missing, "--json"), "no-project-here");
		assertJsonError(child("queue", missing, "--json"), "no-project-here");
		assertJsonError(child("next", missing, "--annotator", "ana", "--json"), "no-project-here");
		assertJsonError(child("status", missing, "--json"), "no-project-here");
		assertJsonError(child("check", missing, "--json"), "no-project-here");
		assertJsonError(child("versions", missing, "--json"), "no-project-here");
		assertJsonError(child("export", missing, "--format", "tiff", "--out", dir.resolve("ds"), "--json"), "no-project-here");
	}

	@Test
	void finetuneWithoutEnoughCorrections() throws Exception {
		assertJsonError(child("finetune", project, "--json"), "correct");
	}

	@Test
	void modelCheckOnABrokenPackage() throws Exception {
		Path pkg = Files.createDirectories(dir.resolve("broken-package"));
		Files.writeString(pkg.resolve("rdf.yaml"), "format_version: 0.5.3\ntype: model\nweights: [");
		assertJsonError(child("model", "check", pkg, "--json"), "rdf.yaml");
	}

	@Test
	void benchKeepsItsJsonWhenACaseFails() throws Exception {
		Run r = child("bench", "--json", "--cases", "overhead,queue", "--model", dir.resolve("no-model"), "--queue-sizes", "40", "--serves", "2",
			"--out", dir.resolve("bench"));
		assertEquals(1, r.code(), r.err());
		JsonObject json = strictJson(r);
		assertTrue(json.getAsJsonObject("overhead").get("error").getAsString().contains("no-model"), r.out());
		assertTrue(json.getAsJsonObject("queue").has("40"), r.out());
	}

	@Test
	void wrongUsageWithJson() throws Exception {
		Run r = child("export", project, "--format", "zarr", "--out", dir.resolve("z"), "--json");
		assertEquals(2, r.code(), r.err());
		assertTrue(strictJson(r).get("error").getAsString().contains("zarr"), r.out());
	}

	/**
	 * ONNX Runtime warns natively, past Java, about a graph with an unused weight ("Removing
	 * initializer …"); SegLoop keeps its native log to fatal messages unless --verbose.
	 */
	@Test
	void onnxRuntimesNativeLogIsQuietUnlessVerbose() throws Exception {
		Path onnx = new OnnxBuilder().input("image", 1L, 1L, "h", "w").output("logits", 1L, 2L, "h", "w")
			.initializer("w", new long[] { 2, 1, 1, 1 }, new float[] { -1f, 1f }).initializer("unused", new long[] { 1 }, new float[] { 0f })
			.node("Conv", List.of("image", "w"), List.of("logits"), "kernel_shape", new long[] { 1, 1 }).write(dir.resolve("unused/model.onnx"));
		assertEquals(0, CliTest.cli("model", "init", onnx, "--out", dir.resolve("unused-pkg")).code());
		Run quiet = child("segment", dir.resolve("unused-pkg"), good, "--out", dir.resolve("unused-out"), "--json");
		assertEquals(0, quiet.code(), quiet.err());
		strictJson(quiet);
		assertFalse(quiet.err().contains("onnxruntime"), "ORT's native log is quiet: " + quiet.err());
		Run verbose = child("segment", dir.resolve("unused-pkg"), good, "--out", dir.resolve("unused-out2"), "--json", "--verbose");
		assertEquals(0, verbose.code(), verbose.err());
		strictJson(verbose);
		assertTrue(verbose.err().contains("onnxruntime") && verbose.err().contains("unused"), "--verbose shows ORT's warnings: " + verbose.err());
	}

	@Test
	void imageJsMessagesGoToTheLogFileWithLog() throws Exception {
		Path log = dir.resolve("diagnostics.log");
		Run r = child("segment", Fixtures.BUNDLED_MODEL, badPng, "--out", dir.resolve("seg-log"), "--json", "--log", log);
		assertEquals(1, r.code());
		strictJson(r);
		assertTrue(Files.readString(log).contains("Unsupported format"), "ImageJ's own message is in the log: " + Files.readString(log));
		assertFalse(r.err().contains("Unsupported format"), r.err());
		assertJsonError(child("status", project, "--json", "--log", dir.resolve("no-such-folder/x.log")), "no-such-folder");
	}
}
