package org.segloop.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.project.ProjectAudit;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.util.Folders;
import org.segloop.testutil.CrashWorker;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.Projects;

/**
 * kill -9 of a child JVM at random moments while it predicts or accepts corrections. After every
 * kill the project must open, pass SQLite's integrity check, reference only files that exist with
 * the content their name promises, and hold every correction the child acknowledged. The default
 * suite runs a few dozen trials; {@code mvn test -Psoak} runs 1000 ({@code -Dsegloop.crash.trials=N}).
 */
class KillDuringWorkTest {

	static final int TRIALS = Integer.getInteger("segloop.crash.trials", 24);
	/** The work's span is measured again every so many trials: the machine's load drifts during a long soak. */
	static final int RECALIBRATE = 25;

	@TempDir
	static Path shared;

	static Path freshTemplate;
	static Path predictedTemplate;

	@BeforeAll
	static void templates() throws IOException {
		List<Path> images = new ArrayList<>();
		for (String n : List.of("nuclei_01.tif", "nuclei_02.tif", "nuclei_03.tif", "nuclei_04.tif", "nuclei_05.tif", "nuclei_06.tif"))
			images.add(Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples").resolve(n), shared.resolve(n)));
		freshTemplate = shared.resolve("fresh");
		ProjectSetup.init(freshTemplate, Fixtures.BUNDLED_MODEL, images.subList(0, 3), ProjectSettings.defaults()).close();
		predictedTemplate = shared.resolve("predicted");
		try (ProjectStore p = ProjectSetup.init(predictedTemplate, Fixtures.BUNDLED_MODEL, images, ProjectSettings.defaults())) {
			Projects.predict(p);
		}
	}

	@Test
	void killingPredictNeverCorruptsTheProjectAndPredictionResumes() throws Exception {
		Map<Integer, Integer> predictedAtKill = new TreeMap<>();
		int span = 0;
		for (int trial = 0; trial < (TRIALS + 1) / 2; trial++) {
			if (trial % RECALIBRATE == 0) span = workSpanMs("predict", Folders.copyTree(freshTemplate, shared.resolve("predict-calibration-" + trial)).toString());
			Path project = Folders.copyTree(freshTemplate, shared.resolve("predict-" + trial));
			Outcome o = runAndKill(new Random(trial), span, "predict", project.toString());
			predictedAtKill.merge(o.lines("PREDICTED").size(), 1, Integer::sum);
			try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
				audit(p, "predict trial " + trial);
				long done = p.predictions().pending(p.models().current().id()).size();
				assertTrue(3 - done >= o.lines("PREDICTED").size(), "every reported prediction is stored (trial " + trial + ")");
				if (trial % 4 == 0) {
					Projects.predict(p); // resumes after the crash
					assertEquals(0, p.predictions().pending(p.models().current().id()).size());
					audit(p, "predict trial " + trial + " after resuming");
				}
			}
			Folders.deleteQuietly(project);
		}
		System.out.println("kill -9 during predict (" + span + " ms span), predictions acknowledged at kill → trials: " + predictedAtKill);
	}

	@Test
	void killingAcceptNeverLosesAnAcknowledgedCorrection() throws Exception {
		Map<Integer, Integer> acksAtKill = new TreeMap<>();
		int span = 0;
		for (int trial = 0; trial < TRIALS / 2; trial++) {
			if (trial % RECALIBRATE == 0) span = workSpanMs("accept", Folders.copyTree(predictedTemplate, shared.resolve("accept-calibration-" + trial)).toString(),
				Files.createDirectories(shared.resolve("masks-calibration-" + trial)).toString());
			Path project = Folders.copyTree(predictedTemplate, shared.resolve("accept-" + trial));
			Path masks = Files.createDirectories(shared.resolve("masks-" + trial));
			Outcome o = runAndKill(new Random(1000 + trial), span, "accept", project.toString(), masks.toString());
			List<String> acks = o.lines("ACK");
			acksAtKill.merge(acks.size(), 1, Integer::sum);
			try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
				audit(p, "accept trial " + trial);
				Set<Long> stored = new HashSet<>();
				p.corrections().all().forEach(c -> stored.add(c.id()));
				for (String ack : acks) assertTrue(stored.contains(Long.parseLong(ack.split(" ")[2])), "acknowledged " + ack + " is stored (trial " + trial + ")");
			}
			Folders.deleteQuietly(project);
			Folders.deleteQuietly(masks);
		}
		System.out.println("kill -9 during accept (" + span + " ms span), corrections acknowledged at kill → trials: " + acksAtKill);
	}

	/** The invariants a crash must never break (see {@link ProjectAudit}). */
	static void audit(ProjectStore p, String when) {
		assertEquals(List.of(), ProjectAudit.run(p), when);
	}

	record Outcome(List<String> output) {
		List<String> lines(String prefix) {
			return output.stream().filter(l -> l.startsWith(prefix)).toList();
		}
	}

	/**
	 * How long the worker takes from READY to DONE on this machine, plus a tenth: kills are spread
	 * uniformly over that span, so they land before, during and between the steps.
	 */
	static int workSpanMs(String... args) throws Exception {
		Process process = start(args);
		long ready = 0;
		try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line; (line = in.readLine()) != null;) {
				if (line.equals("READY")) ready = System.nanoTime();
				if (line.equals("DONE")) break;
			}
		}
		assertTrue(process.waitFor(120, TimeUnit.SECONDS));
		assertEquals(0, process.exitValue(), "the worker runs to completion when nobody kills it");
		return (int) Math.max(100, 1.1 * (System.nanoTime() - ready) / 1e6);
	}

	static Process start(String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
			"-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName()));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
	}

	/** Starts the worker, waits for READY, then kills it with SIGKILL after a random delay up to {@code maxDelayMs}. */
	static Outcome runAndKill(Random random, int maxDelayMs, String... args) throws Exception {
		Process process = start(args);
		List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
		CompletableFuture<Void> ready = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line; (line = in.readLine()) != null;) {
					output.add(line);
					if (line.equals("READY")) ready.complete(null);
				}
			}
			catch (IOException ignored) {
				// the pipe breaks when the child is killed
			}
			ready.complete(null);
		});
		reader.start();
		ready.get(60, TimeUnit.SECONDS);
		Thread.sleep(random.nextInt(maxDelayMs));
		process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
		assertTrue(process.waitFor(30, TimeUnit.SECONDS));
		reader.join(10_000);
		assertTrue(output.contains("READY"), "the worker started: " + output);
		synchronized (output) {
			return new Outcome(List.copyOf(output));
		}
	}
}
