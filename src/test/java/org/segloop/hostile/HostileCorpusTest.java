package org.segloop.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.cli.Main;
import org.segloop.core.util.Folders;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Runs every case of {@link HostileCorpus} through the command line, in this JVM, each within a
 * time bound: a hostile input ends in a refusal that names it ("error: …", exit 1; never "internal
 * error", an OutOfMemoryError or a hang), a valid one in a result (exit 0); and the command writes
 * nothing outside the folder it may write to (the case's folder is compared before and after,
 * and so is the folder the tests run in).
 */
class HostileCorpusTest {

	private static final Duration BOUND = Duration.ofSeconds(60);

	@TempDir
	static Path root;

	private static Path template;
	private static String id;
	private static String token;

	/** One predicted project whose only image is leased: what accept and status cases start from (each on its own copy). */
	@BeforeAll
	static void leasedProject() throws IOException {
		Path images = Files.createDirectories(root.resolve("template-images"));
		HostileCorpus.goodImage(images.resolve("cells.tif"));
		template = root.resolve("template");
		String cache = root.resolve("template-cache").toString();
		run(cache, "init", template.toString(), "--images", images.toString(), "--model", HostileCorpus.bundled().toString());
		run(cache, "predict", template.toString());
		JsonObject lease = JsonParser.parseString(run(cache, "next", template.toString(), "--annotator", "mallory", "--json")).getAsJsonObject();
		id = lease.get("id").getAsString();
		token = lease.get("token").getAsString();
	}

	@TestFactory
	Stream<DynamicTest> everyHostileInputIsRefusedByNameOrGivesACorrectResultAndWritesOnlyWhereItMay() {
		// -Dsegloop.hostile.cases=isolated runs each case in a child JVM (to try cases that may hang or run out of memory)
		boolean isolated = "isolated".equals(System.getProperty("segloop.hostile.cases"));
		List<HostileCorpus.Case> cases = HostileCorpus.all();
		return cases.stream().map(c -> DynamicTest.dynamicTest(c.name() + " (" + c.covers() + ")", () -> check(c, isolated)));
	}

	/**
	 * @param isolated run the command in a child JVM (for cases that may still hang or run out of
	 *     memory: it is killed at the time bound and cannot take this JVM with it)
	 */
	private void check(HostileCorpus.Case c, boolean isolated) throws IOException, InterruptedException {
		Path world = Files.createDirectories(root.resolve("case-" + c.name().replaceAll("[^A-Za-z0-9]+", "-")));
		if (c.args().contains("{project}")) Folders.copyTree(template, world.resolve("project"));
		try {
			run(c, world, isolated);
		}
		finally {
			for (Process holder : HostileCorpus.HOLDERS) holder.destroyForcibly().waitFor();
			HostileCorpus.HOLDERS.clear();
		}
	}

	private void run(HostileCorpus.Case c, Path world, boolean isolated) throws IOException, InterruptedException {
		c.setup().write(world);
		List<String> mayWrite = new ArrayList<>(c.mayWrite());
		mayWrite.add("cache"); // SegLoop's cache (unpacked packages, probe results) is pointed into the case's folder
		Map<String, String> before = snapshot(world, mayWrite);
		Map<String, String> workingFolderBefore = listing(Path.of("").toAbsolutePath());
		List<String> args = new ArrayList<>();
		for (String a : c.args())
			args.add(a.replace("{world}", world.toString()).replace("{model}", HostileCorpus.bundled().toString())
				.replace("{project}", world.resolve("project").toString()).replace("{id}", id).replace("{token}", token));

		StringWriter out = new StringWriter(), err = new StringWriter();
		int code = isolated ? inChildJvm(args, world.resolve("cache"), out, err) : inThisJvm(c, args, world.resolve("cache"), out, err);

		String e = err.toString();

		assertFalse(e.contains("internal error"), c.name() + ": " + e);
		if (c.expect() == HostileCorpus.Expect.REFUSED) {
			assertEquals(Main.USER_ERROR, code, c.name() + " is refused: " + e + out);
			assertTrue(e.startsWith("error: "), c.name() + " says why: " + e);
			assertTrue(e.contains(c.named()), c.name() + ": the message names " + c.named() + ": " + e);
			assertFalse(e.contains("Exception") || e.contains("OutOfMemory"), c.name() + ": a message, not an exception: " + e);
		}
		else assertEquals(Main.OK, code, c.name() + " works: " + e + out);
		assertEquals(before, snapshot(world, mayWrite), c.name() + " wrote only to " + mayWrite);
		assertEquals(workingFolderBefore, listing(Path.of("").toAbsolutePath()), c.name() + " left nothing in the working folder");
	}

	private static int inThisJvm(HostileCorpus.Case c, List<String> args, Path cache, StringWriter out, StringWriter err) {
		String cacheBefore = System.getProperty("segloop.cache");
		System.setProperty("segloop.cache", cache.toString());
		try {
			return assertTimeoutPreemptively(BOUND, () -> Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true)),
				() -> c.name() + " did not finish within " + BOUND.toSeconds() + " s: " + args);
		}
		finally {
			if (cacheBefore == null) System.clearProperty("segloop.cache");
			else System.setProperty("segloop.cache", cacheBefore);
		}
	}

	private static int inChildJvm(List<String> args, Path cache, StringWriter out, StringWriter err) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
			"-Dsegloop.cache=" + cache, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
		command.addAll(args);
		Path stdout = Files.createTempFile("hostile", ".out"), stderr = Files.createTempFile("hostile", ".err");
		Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
		boolean done = p.waitFor(BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
		if (!done) p.destroyForcibly().waitFor();
		out.write(Files.readString(stdout));
		err.write(Files.readString(stderr));
		Files.delete(stdout);
		Files.delete(stderr);
		assertTrue(done, "finished within " + BOUND.toSeconds() + " s: " + args);
		return p.exitValue();
	}

	/** What the test itself needs to succeed (setup of the template project). */
	private static String run(String cache, String... args) {
		StringWriter out = new StringWriter(), err = new StringWriter();
		System.setProperty("segloop.cache", cache);
		try {
			int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
			assertEquals(0, code, String.join(" ", args) + ": " + err);
		}
		finally {
			System.clearProperty("segloop.cache");
		}
		return out.toString();
	}

	/** Every file under {@code dir} outside the folders that may change, with its size and modification time. */
	private static Map<String, String> snapshot(Path dir, List<String> mayWrite) throws IOException {
		Map<String, String> files = new TreeMap<>();
		try (Stream<Path> s = Files.walk(dir)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				String rel = dir.relativize(p).toString().replace('\\', '/');
				if (mayWrite.stream().anyMatch(m -> rel.equals(m) || rel.startsWith(m + "/"))) continue;
				files.put(rel, Files.isDirectory(p) ? "dir" : Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
			}
		}
		return files;
	}

	private static Map<String, String> listing(Path dir) throws IOException {
		Map<String, String> names = new TreeMap<>();
		try (Stream<Path> s = Files.list(dir)) {
			s.forEach(p -> names.put(p.getFileName().toString(), Files.isDirectory(p) ? "dir" : "file"));
		}
		return names;
	}
}
