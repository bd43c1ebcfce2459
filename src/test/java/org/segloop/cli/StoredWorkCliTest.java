package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.util.Hashing;
import org.segloop.testutil.Fixtures;

/**
 * Stored work is never lost (issue 12, items 1–3): a database that is gone, empty or not
 * SegLoop's is an error naming the fix, never a new empty project whose sweep empties files/; a
 * stored file whose content no longer matches its hash is never exported; and nothing inside the
 * project can be an export's output. A write-protected project still answers every command that only
 * reads (item 4), and a write refused there says why.
 */
class StoredWorkCliTest {

	private static final String RESTORE = "restore project.sqlite from a backup";

	@TempDir
	Path dir;

	private static CliTest.Run run(Object... args) {
		return CliTest.cli(args);
	}

	/** A project of three predicted samples with one accepted correction; returns its folder. */
	private Path correctedProject() throws IOException {
		Path images = Files.createDirectories(dir.resolve("images"));
		for (String n : new String[] { "nuclei_01.tif", "nuclei_02.tif", "nuclei_03.tif" })
			Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples").resolve(n), images.resolve(n));
		Path project = dir.resolve("p");
		assertEquals(0, run("init", project, "--images", images, "--model", Fixtures.BUNDLED_MODEL).code());
		assertEquals(0, run("predict", project, "--quiet").code());
		JsonObject lease = JsonParser.parseString(run("next", project, "--annotator", "ana", "--json").out()).getAsJsonObject();
		CliTest.Run ok = run("accept", project, lease.get("id").getAsString(), "--mask", lease.get("proposalInstances").getAsString(),
			"--token", lease.get("token").getAsString());
		assertEquals(0, ok.code(), ok.err());
		return project;
	}

	/** Every file under files/ with its sha256. */
	private static Map<String, String> storedFiles(Path project) throws IOException {
		Map<String, String> out = new TreeMap<>();
		try (Stream<Path> files = Files.walk(project.resolve("files"))) {
			for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator)
				out.put(project.relativize(f).toString(), Hashing.sha256(f));
		}
		return out;
	}

	private void assertRefusedWithTheFix(Path project, Map<String, String> before, Object... args) throws IOException {
		CliTest.Run r = run(args);
		assertEquals(1, r.code(), String.join(" ", java.util.Arrays.stream(args).map(Object::toString).toList()) + ": " + r.err());
		assertTrue(r.err().contains(RESTORE), r.err());
		assertFalse(r.err().contains("internal error"), r.err());
		assertEquals(before, storedFiles(project), "files/ is untouched after " + args[0]);
	}

	@Test
	void anEmptiedDatabaseIsAnErrorNamingTheFixAndNoCommandTouchesTheStoredFiles() throws IOException {
		Path project = correctedProject();
		Map<String, String> before = storedFiles(project);
		assertTrue(before.size() >= 4, before.toString());
		Files.write(project.resolve("project.sqlite"), new byte[0]);
		Path more = Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples/nuclei_04.tif"), dir.resolve("nuclei_04.tif"));

		assertRefusedWithTheFix(project, before, "add", project, more);
		assertRefusedWithTheFix(project, before, "next", project, "--annotator", "ben");
		assertRefusedWithTheFix(project, before, "predict", project, "--quiet");
		assertRefusedWithTheFix(project, before, "status", project);
		assertRefusedWithTheFix(project, before, "queue", project);
		assertRefusedWithTheFix(project, before, "check", project);
		assertRefusedWithTheFix(project, before, "finetune", project);
		assertEquals(0, Files.size(project.resolve("project.sqlite")), "the emptied database was not made into a new one");
	}

	@Test
	void aDatabaseThatIsNotSegLoopsOrIsGoneIsAnErrorNamingTheFix() throws IOException, SQLException {
		Path project = correctedProject();
		Map<String, String> before = storedFiles(project);
		Files.delete(project.resolve("project.sqlite"));
		try (var c = DriverManager.getConnection("jdbc:sqlite:" + project.resolve("project.sqlite")); Statement s = c.createStatement()) {
			s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
		}
		assertRefusedWithTheFix(project, before, "predict", project, "--quiet");
		assertRefusedWithTheFix(project, before, "status", project);

		Files.delete(project.resolve("project.sqlite"));
		assertRefusedWithTheFix(project, before, "predict", project, "--quiet");
		assertRefusedWithTheFix(project, before, "add", project, dir.resolve("images/nuclei_01.tif"));
	}

	@Test
	void aStoredMaskWhoseContentNoLongerMatchesItsHashIsNeverExported() throws IOException {
		Path project = correctedProject();
		JsonObject status = JsonParser.parseString(run("status", project, "--json").out()).getAsJsonObject();
		assertEquals(1, status.getAsJsonObject("images").get("corrected").getAsInt());
		String maskFile;
		try (var c = DriverManager.getConnection("jdbc:sqlite:" + project.resolve("project.sqlite"));
			var r = c.createStatement().executeQuery("SELECT mask_file FROM corrections"))
		{
			maskFile = r.getString(1);
		}
		catch (SQLException e) {
			throw new AssertionError(e);
		}
		Path mask = project.resolve("files").resolve(maskFile);
		byte[] content = Files.readAllBytes(mask);
		content[content.length - 1] ^= 1; // one label pixel changed: still a valid TIFF
		Files.write(mask, content);

		Path out = dir.resolve("dataset");
		CliTest.Run export = run("export", project, "--format", "tiff", "--out", out);
		assertEquals(1, export.code(), export.err());
		assertTrue(export.err().contains("nuclei_0"), "names the image: " + export.err());
		assertTrue(export.err().contains("does not match its sha256"), export.err());
		assertFalse(Files.exists(out), "nothing exported");
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(0, s.filter(f -> f.getFileName().toString().contains("partial")).count(), "no staging left");
		}
	}

	@Test
	void nothingInsideTheProjectOrBesideAnImpossiblePathIsAnExportTarget() throws IOException {
		Path project = correctedProject();
		Map<String, String> before = storedFiles(project);
		Path aFile = Files.writeString(dir.resolve("a-file"), "x");
		Object[][] refused = {
			{ project.resolve("files/x"), "inside the project" },
			{ project, "inside the project" },
			{ project.resolve("exports"), "inside the project" },
			{ "", "empty" },
			{ aFile, "is a file" },
			{ dir.resolve("no/such/parent/out"), "does not exist" },
			{ aFile.resolve("out"), "not a folder" },
		};
		for (Object[] c : refused) {
			CliTest.Run r = run("export", project, "--format", "tiff", "--out", c[0]);
			assertEquals(1, r.code(), c[0] + ": " + r.err());
			assertTrue(r.err().contains(c[1].toString()), c[0] + ": " + r.err());
			assertFalse(r.err().contains("internal error"), r.err());
		}
		assertEquals(before, storedFiles(project));
		try (Stream<Path> s = Files.list(dir); Stream<Path> t = Files.list(project)) {
			assertEquals(java.util.Set.of("images", "p", "a-file"), s.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
				"nothing staged beside the project");
			assertEquals(java.util.Set.of("files", "project.sqlite"),
				t.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith("project.sqlite-") && !n.equals("segloop.lock"))
					.collect(java.util.stream.Collectors.toSet()), "nothing staged in the project");
		}
		assertEquals(0, run("predict", project, "--quiet").code());
		assertEquals(before.keySet(), storedFiles(project).keySet(), "the sweep finds nothing of an export to take");

		// a dotted path means the folder it names; a failure leaves nothing behind
		Path dotted = dir.resolve("new");
		CliTest.Run ok = run("export", project, "--format", "tiff", "--out", dotted + "/.");
		assertEquals(0, ok.code(), ok.err());
		assertTrue(Files.isRegularFile(dotted.resolve("provenance.json")));
	}

	@Test
	void aWriteProtectedProjectAnswersCheckStatusQueueAndExportAndRefusesWritesSayingWhy() throws Exception {
		Path project = correctedProject();
		Map<String, String> before = storedFiles(project);
		Path out = dir.resolve("dataset");
		try (var protection = org.segloop.testutil.WriteProtection.of(project)) {
			for (Object[] args : new Object[][] { { "check", project }, { "status", project }, { "queue", project },
				{ "export", project, "--format", "tiff", "--out", out } })
			{
				CliTest.Run r = run(args);
				assertEquals(0, r.code(), args[0] + ": " + r.err());
				assertFalse(r.err().contains("backup"), r.err());
			}
			assertTrue(Files.isRegularFile(out.resolve("provenance.json")));
			CliTest.Run next = run("next", project, "--annotator", "ben");
			assertEquals(1, next.code());
			assertTrue(next.err().contains("writable"), next.err());
			assertFalse(next.err().contains("backup"), next.err());
		}
		assertEquals(before, storedFiles(project));
		assertEquals(0, run("check", project).code());
	}

	@Test
	void anOutputWhoseParentCannotBeWrittenIsRefusedAndLeavesNothing() throws Exception {
		Path project = correctedProject();
		Path locked = Files.createDirectories(dir.resolve("locked"));
		try (var protection = org.segloop.testutil.WriteProtection.of(locked)) {
			CliTest.Run r = run("export", project, "--format", "tiff", "--out", locked.resolve("dataset"));
			assertEquals(1, r.code(), r.err());
			assertTrue(r.err().contains("is not writable"), r.err());
		}
		try (Stream<Path> s = Files.list(locked)) {
			assertEquals(0, s.count(), "nothing staged");
		}
	}

	@Test
	void aVersionExportRefusesTargetsInsideTheProjectBeforeAnyWork() throws IOException {
		Path project = correctedProject();
		for (Object out : new Object[] { project.resolve("files/v"), "" }) {
			CliTest.Run r = run("versions", project, "--export", "1", "--out", out);
			assertEquals(1, r.code(), r.err());
			assertFalse(r.err().contains("internal error"), r.err());
			assertTrue(r.err().contains("inside the project") || r.err().contains("empty"), r.err());
		}
		assertFalse(Files.exists(project.resolve("files/v")));
	}
}
