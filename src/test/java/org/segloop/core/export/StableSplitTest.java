package org.segloop.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.Projects;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** A case's subset is decided once: corrections made later never move an earlier case to another subset. */
class StableSplitTest {

	@Test
	void exportsBeforeAndAfterNewCorrectionsAgreeOnEveryEarlierCase(@TempDir Path dir) throws IOException {
		try (ProjectStore p = Projects.ofSamples(dir, 8, ProjectSettings.defaults())) {
			Projects.predict(p);
			SplitPlan plan = firstSeedFillingEverySubset(0.5, 0.25, 0.25, p.images().all().stream().map(i -> i.sha256()).toList());
			for (int i = 0; i < 4; i++) Projects.correctNext(p, "ana", dir);
			Map<String, String> before = subsets(export(p, plan, dir.resolve("before")));
			for (int i = 0; i < 4; i++) Projects.correctNext(p, "ana", dir);
			Path after = export(p, plan, dir.resolve("after"));
			Map<String, String> now = subsets(after);
			assertEquals(4, before.size());
			assertEquals(8, now.size());
			before.forEach((name, subset) -> assertEquals(subset, now.get(name), name + " keeps its subset"));
			assertEquals(3, new java.util.HashSet<>(now.values()).size(), "eight cases at 0.5/0.25/0.25 fill all three subsets: " + now);

			JsonObject fold = JsonParser.parseString(Files.readString(after.resolve("splits_final.json"))).getAsJsonArray().get(0).getAsJsonObject();
			Map<String, String> inFold = new HashMap<>();
			fold.getAsJsonArray("train").forEach(e -> inFold.put(e.getAsString(), "train"));
			fold.getAsJsonArray("val").forEach(e -> inFold.put(e.getAsString(), "val"));
			now.forEach((name, subset) -> {
				String c = name.replace(".tif", "");
				if (subset.equals("test")) assertTrue(Files.isRegularFile(after.resolve("labelsTs").resolve(c + ".tif")), c + " is a test case");
				else assertEquals(subset, inFold.get(c), "splits_final.json follows the split for " + c);
			});
		}
	}

	@Test
	void theSubsetOfAnImageDependsOnlyOnItsContentAndTheSeed() {
		SplitPlan plan = new SplitPlan(0.7, 0.15, 0.15, 11);
		Map<String, SplitPlan.Subset> first = new HashMap<>();
		for (int i = 0; i < 2000; i++) first.put(sha(i), plan.subsetOf(sha(i)));
		for (int i = 1999; i >= 0; i--) assertEquals(first.get(sha(i)), plan.subsetOf(sha(i)));
		long train = first.values().stream().filter(s -> s == SplitPlan.Subset.TRAIN).count();
		long test = first.values().stream().filter(s -> s == SplitPlan.Subset.TEST).count();
		assertTrue(Math.abs(train - 1400) < 90 && Math.abs(test - 300) < 60, "the fractions are kept approximately: " + train + " train, " + test + " test");
		SplitPlan other = new SplitPlan(0.7, 0.15, 0.15, 12);
		assertTrue(first.entrySet().stream().anyMatch(e -> other.subsetOf(e.getKey()) != e.getValue()), "another seed, another split");
		SplitPlan all = new SplitPlan(1, 0, 0, 11);
		assertTrue(first.keySet().stream().allMatch(s -> all.subsetOf(s) == SplitPlan.Subset.TRAIN), "a split of 1,0,0 puts every case in train");
	}

	/** The plan with the smallest seed that puts at least one of these images in every subset (a fixture with all three subsets). */
	static SplitPlan firstSeedFillingEverySubset(double train, double validation, double test, java.util.List<String> contentHashes) {
		for (long seed = 1;; seed++) {
			SplitPlan plan = new SplitPlan(train, validation, test, seed);
			if (contentHashes.stream().map(plan::subsetOf).distinct().count() == 3) return plan;
		}
	}

	private static String sha(int i) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Integer.toString(i).getBytes()));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new AssertionError(e);
		}
	}

	private static Path export(ProjectStore p, SplitPlan plan, Path out) {
		new DatasetExport(p).export(out, ExportSettings.of(ExportFormats.byName("nnunet")).withSplit(plan), ProgressListener.NONE, new Cancellation());
		return out;
	}

	/** Image file name → subset, from provenance.json. */
	private static Map<String, String> subsets(Path export) throws IOException {
		Map<String, String> out = new HashMap<>();
		for (JsonElement e : JsonParser.parseString(Files.readString(export.resolve("provenance.json"))).getAsJsonObject().getAsJsonArray("cases")) {
			JsonObject c = e.getAsJsonObject();
			out.put(Path.of(c.getAsJsonObject("image").get("path").getAsString()).getFileName().toString(), c.get("subset").getAsString());
		}
		return out;
	}
}
