package org.segloop.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.export.DatasetExport;
import org.segloop.core.export.ExportFormats;
import org.segloop.core.export.ExportSettings;
import org.segloop.core.export.SplitPlan;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.WeightFiles;
import org.segloop.core.model.WeightSet;
import org.segloop.core.project.JournalEvent;
import org.segloop.core.project.ModelVersions.FineTuned;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.QueueStatus;
import org.segloop.core.util.Folders;
import org.segloop.core.util.Hashing;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.Projects;

/**
 * kill -9 of a child JVM while it does the project's upkeep (issue 12): exporting a dataset, the
 * orphan sweep, removing images, and re-scoring the queue after a new model version. After every
 * kill the project passes the audit; an export's folder is absent or complete and the project is
 * unchanged by it; every planted orphan is either in its place or set aside, with its content;
 * every acknowledged removal holds; re-scoring resumes. The default suite runs a few trials per
 * kind; {@code mvn test -Psoak} runs a quarter of {@code segloop.crash.trials} per kind.
 */
class KillDuringUpkeepTest {

	static final int PER_KIND = Math.max(2, Integer.getInteger("segloop.crash.trials", 8) / 4);
	private static final int ORPHANS = 150;

	@TempDir
	static Path shared;

	static Path corrected;
	static Path withOrphans;
	static Path newVersion;
	static List<String> orphans = new ArrayList<>();

	@BeforeAll
	static void templates() throws IOException {
		List<Path> images = new ArrayList<>();
		for (int i = 1; i <= 6; i++)
			images.add(Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples").resolve(String.format("nuclei_%02d.tif", i)),
				shared.resolve(String.format("nuclei_%02d.tif", i))));
		corrected = shared.resolve("corrected");
		Path masks = Files.createDirectories(shared.resolve("template-masks"));
		try (ProjectStore p = ProjectSetup.init(corrected, Fixtures.BUNDLED_MODEL, images, ProjectSettings.defaults())) {
			Projects.predict(p);
			for (int i = 0; i < 4; i++) Projects.correctNext(p, "ana", masks);
		}
		withOrphans = Folders.copyTree(corrected, shared.resolve("orphans"));
		try (ProjectStore p = ProjectStore.open(withOrphans, ProjectStore.Access.READ_WRITE)) {
			for (int i = 0; i < ORPHANS; i++) {
				String text = "left by a crash " + i;
				orphans.add(p.files().put(f -> Files.writeString(f, text), "tif"));
			}
			p.appendEvent("test", JournalEvent.SERVED, null, null, null); // a later commit
		}
		newVersion = Folders.copyTree(corrected, shared.resolve("new-version"));
		try (ProjectStore p = ProjectStore.open(newVersion, ProjectStore.Access.READ_WRITE)) {
			// a version whose one changed weight (a bias) makes every image pending again: re-scoring
			ModelPackage pkg = ModelPackage.open(Fixtures.BUNDLED_MODEL);
			Map.Entry<String, long[]> bias = pkg.initializerShapes().entrySet().stream().filter(e -> e.getValue().length == 1).findFirst().orElseThrow();
			WeightSet weights = new WeightSet(Map.of(bias.getKey(), new WeightSet.Tensor(bias.getValue(), new float[(int) bias.getValue()[0]])));
			String file = p.files().put(f -> WeightFiles.write(weights, f), "weights");
			p.models().addFineTuned(p.models().current(), new FineTuned("changed bias", file, "{}", 0.5, 0.4), true);
		}
	}

	@Test
	void killingAnExportLeavesNoHalfDatasetAndTheProjectUnchanged() throws Exception {
		Map<String, String> before = hashes(corrected.resolve("files"));
		Path out = shared.resolve("export-calibration");
		int span = KillDuringWorkTest.workSpanMs("export", corrected.toString(), out.toString());
		int complete = 0;
		for (int trial = 0; trial < PER_KIND; trial++) {
			Path target = shared.resolve("export-" + trial);
			KillDuringWorkTest.runAndKill(new Random(2000 + trial), span, "export", corrected.toString(), target.toString());
			if (Files.exists(target)) {
				assertTrue(Files.isRegularFile(target.resolve("provenance.json")), "an export that appeared is complete (trial " + trial + ")");
				assertEquals(hashes(out).keySet(), hashes(target).keySet(), "every file of the dataset (trial " + trial + ")");
				complete++;
			}
			else {
				try (ProjectStore p = ProjectStore.open(corrected, ProjectStore.Access.READ_ONLY)) {
					new DatasetExport(p).export(target, new ExportSettings(ExportFormats.byName("tiff"), SplitPlan.parse("0.7,0.15,0.15", 42), "SegLoop", List.of()),
						ProgressListener.NONE, new Cancellation());
				}
				String staging = ".export-" + trial + ".partial-";
				try (Stream<Path> s = Files.list(shared)) {
					assertEquals(0, s.filter(f -> f.getFileName().toString().startsWith(staging)).count(),
						"the killed export's staging is cleaned by the next export (trial " + trial + ")");
				}
			}
			assertEquals(before, hashes(corrected.resolve("files")), "the project is unchanged (trial " + trial + ")");
			try (ProjectStore p = ProjectStore.open(corrected, ProjectStore.Access.READ_ONLY)) {
				KillDuringWorkTest.audit(p, "export trial " + trial);
			}
		}
		System.out.println("kill -9 during export (" + span + " ms span): " + PER_KIND + " trials, " + complete + " complete before the kill");
	}

	@Test
	void killingTheSweepLosesNoFile() throws Exception {
		int span = KillDuringWorkTest.workSpanMs("sweep", Folders.copyTree(withOrphans, shared.resolve("sweep-calibration")).toString());
		Map<Integer, Integer> setAsideAtKill = new TreeMap<>();
		for (int trial = 0; trial < PER_KIND; trial++) {
			Path project = Folders.copyTree(withOrphans, shared.resolve("sweep-" + trial));
			KillDuringWorkTest.runAndKill(new Random(3000 + trial), span, "sweep", project.toString());
			Map<String, String> files = hashes(project.resolve("files"));
			int aside = 0;
			for (String orphan : orphans) {
				String base = orphan.substring(orphan.indexOf('/') + 1);
				List<String> places = files.keySet().stream().filter(n -> n.equals(orphan) || n.startsWith(".swept/") && n.endsWith("/" + orphan)).toList();
				assertEquals(1, places.size(), orphan + " is in exactly one place (trial " + trial + "): " + places);
				assertEquals(base.substring(0, base.indexOf('.')), files.get(places.get(0)), "with its content (trial " + trial + ")");
				if (places.get(0).startsWith(".swept/")) aside++;
			}
			setAsideAtKill.merge(aside, 1, Integer::sum);
			try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
				KillDuringWorkTest.audit(p, "sweep trial " + trial);
				p.sweepOrphanFiles();
				assertEquals(ORPHANS, p.files().setAside().stream().mapToInt(s -> s.files()).sum(), "a later sweep finishes the work");
			}
			Folders.deleteQuietly(project);
		}
		System.out.println("kill -9 during the sweep (" + span + " ms span), orphans set aside at kill → trials: " + setAsideAtKill);
	}

	@Test
	void killingRemoveNeverLosesAnAcknowledgedRemoval() throws Exception {
		int span = KillDuringWorkTest.workSpanMs("remove", Folders.copyTree(corrected, shared.resolve("remove-calibration")).toString());
		Map<Integer, Integer> acksAtKill = new TreeMap<>();
		for (int trial = 0; trial < PER_KIND; trial++) {
			Path project = Folders.copyTree(corrected, shared.resolve("remove-" + trial));
			KillDuringWorkTest.Outcome o = KillDuringWorkTest.runAndKill(new Random(4000 + trial), span, "remove", project.toString());
			List<String> acks = o.lines("ACK");
			acksAtKill.merge(acks.size(), 1, Integer::sum);
			try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
				KillDuringWorkTest.audit(p, "remove trial " + trial);
				for (String ack : acks)
					assertEquals(QueueStatus.REMOVED, p.queue().entry(Long.parseLong(ack.split(" ")[1])).orElseThrow().status(), ack + " (trial " + trial + ")");
			}
			Folders.deleteQuietly(project);
		}
		System.out.println("kill -9 during remove (" + span + " ms span), removals acknowledged at kill → trials: " + acksAtKill);
	}

	@Test
	void killingTheRescoreAfterANewVersionNeverCorruptsTheQueueAndItResumes() throws Exception {
		int span = KillDuringWorkTest.workSpanMs("predict", Folders.copyTree(newVersion, shared.resolve("rescore-calibration")).toString());
		Map<Integer, Integer> rescoredAtKill = new TreeMap<>();
		for (int trial = 0; trial < PER_KIND; trial++) {
			Path project = Folders.copyTree(newVersion, shared.resolve("rescore-" + trial));
			KillDuringWorkTest.Outcome o = KillDuringWorkTest.runAndKill(new Random(5000 + trial), span, "predict", project.toString());
			rescoredAtKill.merge(o.lines("PREDICTED").size(), 1, Integer::sum);
			try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
				KillDuringWorkTest.audit(p, "rescore trial " + trial);
				long version = p.models().current().id();
				for (String line : o.lines("PREDICTED"))
					assertTrue(p.predictions().find(Long.parseLong(line.split(" ")[1]), version).isPresent(), line + " is stored (trial " + trial + ")");
				if (trial % 2 == 0) {
					Projects.predict(p);
					assertEquals(0, p.predictions().pending(version).size(), "re-scoring resumes (trial " + trial + ")");
					KillDuringWorkTest.audit(p, "rescore trial " + trial + " after resuming");
				}
			}
			Folders.deleteQuietly(project);
		}
		System.out.println("kill -9 during re-scoring (" + span + " ms span), images re-scored at kill → trials: " + rescoredAtKill);
	}

	/** Every file under a folder (hidden ones too) by its path relative to it, with its sha256. */
	private static Map<String, String> hashes(Path folder) throws IOException {
		Map<String, String> out = new TreeMap<>();
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator)
				out.put(folder.relativize(f).toString(), Hashing.sha256(f));
		}
		return out;
	}
}
