package org.segloop.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.cli.Main;
import org.segloop.core.loop.FineTuneJob;
import org.segloop.core.project.ProjectAudit;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.training.FineTuner;
import org.segloop.core.util.Folders;
import org.segloop.core.work.Cancellation;
import org.segloop.testutil.Projects;

/**
 * A fine-tuning process killed with SIGKILL mid-training, or refused disk space while it saves the
 * new weights, leaves the project as it was: same versions, same current one, every referenced
 * file intact, and fine-tuning works afterwards.
 */
class FineTuneCrashTest {

	@TempDir
	static Path shared;

	static Path template;
	static Path sqliteLibrary;

	@BeforeAll
	static void project() throws Exception {
		Path dir = Files.createDirectories(shared.resolve("cells"));
		try (ProjectStore p = Projects.ofCells(dir, 6, 128, 21)) {
			Projects.predict(p);
			Projects.correctWithTruth(p, "ana", 4);
			template = p.folder();
		}
		// sqlite-jdbc unpacks its native library into the temp folder at every start, which a
		// file size limit would refuse before SegLoop runs; give the child an unpacked copy
		sqliteLibrary = Files.createDirectories(shared.resolve("sqlite-native"));
		try (InputStream in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream("/org/sqlite/native/Linux/x86_64/libsqlitejdbc.so")) {
			Files.copy(in, sqliteLibrary.resolve("libsqlitejdbc.so"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static List<String> java(String... args) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
			"-Djava.awt.headless=true", "-Dai.djl.offline=true", "-Dorg.sqlite.lib.path=" + sqliteLibrary, "-Dorg.sqlite.lib.name=libsqlitejdbc.so",
			"-cp", System.getProperty("java.class.path"), Main.class.getName()));
		command.addAll(List.of(args));
		return command;
	}

	private static void assertUnchanged(Path project, String when) {
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
			assertEquals(List.of(), ProjectAudit.run(p), when);
			assertEquals(1, p.models().all().size(), when + ": no version was added");
			assertFalse(p.models().current().isFineTuned(), when);
			p.sweepOrphanFiles();
			try (Stream<Path> files = Files.walk(p.folder().resolve("files"))) {
				assertEquals(0, files.filter(f -> f.toString().endsWith(".weights") && !f.toString().contains("/.swept/")).count(), when + ": no weights left behind");
			}
		}
		catch (java.io.IOException e) {
			throw new AssertionError(e);
		}
	}

	@Test
	void killingFineTuningMidTrainingLeavesNoHalfVersion() throws Exception {
		Random random = new Random(5);
		for (int trial = 0; trial < 3; trial++) {
			Path project = Folders.copyTree(template, shared.resolve("kill-" + trial));
			Process child = new ProcessBuilder(java("finetune", project.toString(), "--epochs", "200", "--patience", "200", "--no-rescore"))
				.redirectErrorStream(true).start();
			try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = out.readLine()) != null && !line.startsWith("epoch")) {}
				assertTrue(line != null, "training started");
				Thread.sleep(random.nextInt(1500));
				child.destroyForcibly(); // SIGKILL
				assertTrue(child.waitFor(30, TimeUnit.SECONDS));
			}
			assertUnchanged(project, "after kill " + trial);
		}
		Path project = shared.resolve("kill-0");
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
			FineTuneJob.Outcome o = new FineTuneJob(p).run(FineTuneSettings.defaults().withEpochs(3, 3), new FineTuner.Listener() {}, new Cancellation());
			assertTrue(o.improved(), "fine-tuning works after the crash");
			assertEquals(List.of(), ProjectAudit.run(p));
		}
	}

	@Test
	void runningOutOfSpaceWhileSavingTheWeightsChangesNothing() throws Exception {
		Path project = Folders.copyTree(template, shared.resolve("full"));
		// a 300 KB file size limit: the project's database fits, the 468 KB of weights do not
		String limited = "ulimit -f 300; exec \"$@\"";
		List<String> command = new ArrayList<>(List.of("bash", "-c", limited, "bash"));
		command.addAll(java("finetune", project.toString(), "--epochs", "2", "--patience", "2", "--no-rescore"));
		Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(child.waitFor(120, TimeUnit.SECONDS));
		assertEquals(Main.USER_ERROR, child.exitValue(), output);
		assertTrue(output.contains("cannot save the fine-tuned weights: File too large"), output);
		assertTrue(output.contains("the current model version is unchanged"), output);
		assertUnchanged(project, "after a full disk");
	}
}
