package org.segloop.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.LabelTiffReader;
import org.segloop.core.loop.CorrectionIntake;
import org.segloop.core.metrics.CorrectionMetrics.Kind;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.Projects;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Labels beyond float's 2^24 and up to 2·10^9 go through accept, storage and every export format
 * exactly and in memory proportional to the objects present: 16777216 and 16777217 stay two
 * objects, 2 000 000 000 allocates nothing by its value.
 */
class WideLabelsExportTest {

	private static final int A = 16_777_216, B = 16_777_217, HUGE = 2_000_000_000;

	@TempDir
	static Path dir;

	static ProjectStore project;
	static Correction accepted;

	@BeforeAll
	static void acceptAMaskWithWideLabels() throws IOException {
		project = Projects.ofSamples(dir, 1, ProjectSettings.defaults());
		Projects.predict(project);
		ImageQueue.Lease lease = project.queue().next("ana").orElseThrow();
		Path mask = Projects.proposalAsMask(project, lease.imageId(), dir, WideLabelsExportTest::paint);
		accepted = assertTimeoutPreemptively(Duration.ofSeconds(60),
			() -> new CorrectionIntake(project).accept(lease.imageId(), lease.token(), mask, Kind.INSTANCE, 10.0));
	}

	/** Three 20×20 squares: A and B side by side (touching), HUGE below. */
	private static void paint(LabelVolume v) {
		int[] p = v.labels()[0];
		Arrays.fill(p, 0);
		for (int y = 10; y < 30; y++)
			for (int x = 10; x < 30; x++) {
				p[y * v.width() + x] = A;
				p[y * v.width() + x + 20] = B;
				p[(y + 30) * v.width() + x] = HUGE;
			}
	}

	@AfterAll
	static void close() {
		project.close();
	}

	@Test
	void theStoredCorrectionKeepsEveryLabel() {
		var image = project.images().byId(accepted.imageId()).orElseThrow();
		LabelVolume stored = LabelFiles.read(project.files().resolve(accepted.maskFile()), image, -1, "stored");
		assertEquals(Set.of(0, A, B, HUGE), values(stored.labels()[0]));
		assertTrue(accepted.objectF1() >= 0 && accepted.objectF1() <= 1, "metrics were computed: " + accepted.objectF1());
	}

	@Test
	void tiffPairsKeepEveryLabel() throws IOException {
		Path out = export("tiff", "pairs");
		Path mask;
		try (Stream<Path> s = Files.walk(out)) {
			mask = s.filter(p -> p.getParent().getFileName().toString().equals("masks")).findFirst().orElseThrow();
		}
		LabelTiffReader.Pages pages = LabelTiffReader.read(mask);
		Set<Integer> found = new TreeSet<>();
		for (int i = 0; i < pages.width() * pages.height(); i++) found.add((int) pages.value(0, i));
		assertEquals(Set.of(0, A, B, HUGE), found);
	}

	@Test
	void cocoHasOneAnnotationPerObjectWithoutAllocatingByLabelValue() throws IOException {
		// allocated int[2·10^9 + 1][classes] and ran out of memory
		Path out = export("coco", "coco");
		JsonObject coco;
		try (Stream<Path> s = Files.list(out.resolve("annotations"))) {
			coco = JsonParser.parseString(Files.readString(s.findFirst().orElseThrow())).getAsJsonObject();
		}
		List<Long> areas = new ArrayList<>();
		List<String> boxes = new ArrayList<>();
		for (JsonElement a : coco.getAsJsonArray("annotations")) {
			areas.add(a.getAsJsonObject().get("area").getAsLong());
			boxes.add(a.getAsJsonObject().get("bbox").toString());
		}
		assertEquals(List.of(400L, 400L, 400L), areas, "three objects of 20×20 pixels: A and B are not merged");
		assertEquals(List.of("[10,10,20,20]", "[30,10,20,20]", "[10,40,20,20]"), boxes, "in label order");
	}

	@Test
	void nnUnetLabelsHoldOnlyClassValues() throws IOException {
		Path out = export("nnunet", "nnunet");
		Path label;
		try (Stream<Path> s = Files.list(out.resolve("labelsTr"))) {
			label = s.filter(p -> p.toString().endsWith(".tif")).findFirst().orElseThrow();
		}
		LabelTiffReader.Pages pages = LabelTiffReader.read(label);
		Set<Integer> classes = new TreeSet<>();
		for (int i = 0; i < pages.width() * pages.height(); i++) classes.add((int) pages.value(0, i));
		assertTrue(classes.stream().allMatch(c -> c >= 0 && c <= 2), "class values only: " + classes);
	}

	private static Path export(String format, String name) {
		Path out = dir.resolve(name);
		assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new DatasetExport(project).export(out,
			ExportSettings.of(ExportFormats.byName(format)).withSplit(new SplitPlan(1, 0, 0, 1)), ProgressListener.NONE, new Cancellation()));
		return out;
	}

	private static Set<Integer> values(int[] plane) {
		Set<Integer> s = new TreeSet<>();
		for (int v : plane) s.add(v);
		return s;
	}
}
