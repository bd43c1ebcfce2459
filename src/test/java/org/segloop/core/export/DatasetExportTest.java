package org.segloop.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.SegLoopException;
import org.segloop.core.export.SplitPlan.Subset;
import org.segloop.core.image.ImageReader;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.ProjectException;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.Projects;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Exports of a project with five corrected sample images, checked the way the target tools read them. */
class DatasetExportTest {

	@TempDir
	static Path shared;

	@TempDir
	Path dir;

	static ProjectStore project;

	@BeforeAll
	static void correctFiveImages() throws IOException {
		project = Projects.ofSamples(shared, 5, ProjectSettings.defaults());
		Projects.predict(project);
		for (int i = 0; i < 5; i++) Projects.correctNext(project, i % 2 == 0 ? "ana" : "ben", shared);
		PLAN = StableSplitTest.firstSeedFillingEverySubset(0.6, 0.2, 0.2, project.images().all().stream().map(ImageRecord::sha256).toList());
	}

	@AfterAll
	static void close() {
		project.close();
	}

	static SplitPlan PLAN;

	private DatasetExport.Report export(String format, Path out) {
		return new DatasetExport(project).export(out, ExportSettings.of(ExportFormats.byName(format)).withSplit(PLAN),
			ProgressListener.NONE, new Cancellation());
	}

	private static JsonObject json(Path file) throws IOException {
		return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
	}

	@Test
	void tiffPairsHoldTheImageTheCorrectedInstancesAndTheirClassesPerSubset() throws IOException {
		Path out = dir.resolve("pairs");
		DatasetExport.Report r = export("tiff", out);
		assertEquals(5, r.cases());
		assertEquals(expectedCounts(), r.perSubset());
		JsonObject provenance = json(out.resolve("provenance.json"));
		assertEquals(5, provenance.getAsJsonArray("cases").size());
		for (JsonElement e : provenance.getAsJsonArray("cases")) {
			JsonObject c = e.getAsJsonObject();
			String file = c.get("case").getAsString() + ".tif";
			Path subset = out.resolve(c.get("subset").getAsString());
			ImageRecord record = project.images().all().stream().filter(i -> i.path().toString().equals(c.getAsJsonObject("image").get("path").getAsString()))
				.findFirst().orElseThrow();
			assertEquals(PLAN.subsetOf(record.sha256()).folderName(), c.get("subset").getAsString(), "the case is in its image's subset");
			Correction stored = project.corrections().all().stream().filter(k -> k.imageId() == record.id()).findFirst().orElseThrow();
			LabelVolume expected = LabelFiles.read(project.files().resolve(stored.maskFile()), record, -1, "stored");
			LabelVolume masks = LabelFiles.read(subset.resolve("masks").resolve(file), record, -1, "export");
			assertArrayEquals(expected.labels()[0], masks.labels()[0], "masks/ holds the corrected instances unchanged");
			LabelVolume classes = LabelFiles.read(subset.resolve("classes").resolve(file), record, 2, "export");
			for (int i = 0; i < expected.labels()[0].length; i++)
				assertEquals(expected.labels()[0][i] > 0, classes.labels()[0][i] > 0, "every object pixel has a class, background stays 0");
			ImageVolume image = ImageReader.read(subset.resolve("images").resolve(file)), original = ImageReader.read(record.path());
			assertEquals(original.plane(0, 0, 0).getClass(), image.plane(0, 0, 0).getClass(), "the pixel type is kept");
			assertTrue(java.util.Objects.deepEquals(original.plane(0, 0, 0), image.plane(0, 0, 0)), "pixels copied exactly");
			assertEquals(stored.annotator(), c.getAsJsonObject("correction").get("annotator").getAsString());
			assertEquals(stored.fractionChanged(), c.getAsJsonObject("correction").get("fraction_changed").getAsDouble(), 1e-12);
			assertEquals(project.models().current().sha256(), c.getAsJsonObject("proposal").getAsJsonObject("model").get("sha256").getAsString());
			assertTrue(c.getAsJsonObject("proposal").getAsJsonObject("uncertainty").get("top").getAsDouble() > 0);
		}
		assertNoStagingLeft();
	}

	@Test
	void nnUnetDatasetJsonAndFileNamesFollowTheV2RawFormat() throws IOException {
		Path out = dir.resolve("Dataset501_Nuclei");
		export("nnunet", out);
		JsonObject ds = json(out.resolve("dataset.json"));
		assertEquals("channel_0", ds.getAsJsonObject("channel_names").get("0").getAsString());
		JsonObject labels = ds.getAsJsonObject("labels");
		assertEquals(0, labels.get("background").getAsInt(), "nnU-Net requires background = 0");
		Set<Integer> values = new HashSet<>();
		labels.entrySet().forEach(e -> values.add(e.getValue().getAsInt()));
		assertEquals(Set.of(0, 1), values, "instance corrections hold objects only, not the model's boundary class");
		assertEquals(1, labels.get("nucleus").getAsInt());
		Map<Subset, Integer> counts = expectedCounts();
		int trainCount = counts.get(Subset.TRAIN), valCount = counts.get(Subset.VALIDATION), testCount = counts.get(Subset.TEST);
		assertTrue(valCount > 0 && testCount > 0, "the fixture's split has a case in every subset: " + counts);
		assertEquals(trainCount + valCount, ds.get("numTraining").getAsInt(), "training and validation cases");
		assertEquals(".tif", ds.get("file_ending").getAsString());
		assertEquals("NaturalImage2DIO", ds.get("overwrite_image_reader_writer").getAsString());

		List<String> trainCases = caseIds(out.resolve("labelsTr"));
		assertEquals(trainCount + valCount, trainCases.size());
		for (String c : trainCases) {
			assertTrue(Files.isRegularFile(out.resolve("imagesTr").resolve(c + "_0000.tif")), "channel files are CASE_0000.tif");
			assertEquals(List.of(999.0, 1.0, 1.0), spacing(out.resolve("imagesTr").resolve(c + ".json")));
		}
		assertEquals(testCount, caseIds(out.resolve("labelsTs")).size());
		assertTrue(Files.isRegularFile(out.resolve("imagesTs").resolve(caseIds(out.resolve("labelsTs")).get(0) + "_0000.tif")));
		JsonArray folds = JsonParser.parseString(Files.readString(out.resolve("splits_final.json"))).getAsJsonArray();
		JsonObject fold = folds.get(0).getAsJsonObject();
		assertEquals(trainCount, fold.getAsJsonArray("train").size());
		assertEquals(valCount, fold.getAsJsonArray("val").size());
		Set<String> inFold = new HashSet<>();
		fold.getAsJsonArray("train").forEach(e -> inFold.add(e.getAsString()));
		fold.getAsJsonArray("val").forEach(e -> inFold.add(e.getAsString()));
		assertEquals(new HashSet<>(trainCases), inFold, "the fold covers exactly imagesTr");
	}

	@Test
	void cocoAnnotationsDecodeBackToTheCorrectedObjects() throws IOException {
		Path out = dir.resolve("coco");
		export("coco", out);
		int annotations = 0;
		for (Subset s : Subset.values()) {
			JsonObject coco = json(out.resolve("annotations").resolve("instances_" + s.folderName() + ".json"));
			for (String key : List.of("info", "licenses", "images", "annotations", "categories")) assertTrue(coco.has(key), key);
			Set<Integer> categories = new HashSet<>();
			coco.getAsJsonArray("categories").forEach(c -> categories.add(c.getAsJsonObject().get("id").getAsInt()));
			assertEquals(Set.of(1), categories, "background and the model's boundary class are not categories");
			for (JsonElement ie : coco.getAsJsonArray("images")) {
				JsonObject image = ie.getAsJsonObject();
				long id = image.get("id").getAsLong();
				int w = image.get("width").getAsInt(), h = image.get("height").getAsInt();
				assertTrue(Files.isRegularFile(out.resolve("images").resolve(image.get("file_name").getAsString())));
				int[] decoded = new int[w * h];
				int label = 0;
				for (JsonElement ae : coco.getAsJsonArray("annotations")) {
					JsonObject a = ae.getAsJsonObject();
					if (a.get("image_id").getAsLong() != id) continue;
					annotations++;
					label++;
					assertTrue(categories.contains(a.get("category_id").getAsInt()));
					assertEquals(0, a.get("iscrowd").getAsInt());
					JsonObject seg = a.getAsJsonObject("segmentation");
					assertEquals(List.of(h, w), List.of(seg.getAsJsonArray("size").get(0).getAsInt(), seg.getAsJsonArray("size").get(1).getAsInt()));
					long area = decodeInto(seg.getAsJsonArray("counts"), decoded, w, h, label);
					assertEquals(area, a.get("area").getAsLong());
				}
				LabelVolume corrected = correctedMaskOf(image.get("segloop_case").getAsString());
				assertSamePartition(corrected.labels()[0], decoded);
			}
		}
		assertTrue(annotations > 50, "the samples hold many nuclei: " + annotations);
	}

	@Test
	void splitFractionsAreParsedAndChecked() {
		assertThrows(IllegalArgumentException.class, () -> SplitPlan.parse("0.9,0.3", 1));
		assertEquals(new SplitPlan(0.8, 0.2, 0, 1), SplitPlan.parse("0.8,0.2", 1));
	}

	@Test
	void aNonEmptyTargetIsRefusedAndLeftAsItWas() throws IOException {
		Path out = Files.createDirectories(dir.resolve("taken"));
		Path keep = Files.writeString(out.resolve("notes.txt"), "mine");
		SegLoopException e = assertThrows(SegLoopException.class, () -> export("tiff", out));
		assertTrue(e.getMessage().contains("not empty") && e.getMessage().contains("new folder"), e.getMessage());
		assertEquals("mine", Files.readString(keep));
		try (Stream<Path> files = Files.list(out)) {
			assertEquals(1, files.count());
		}
	}

	@Test
	void aChangedImageStopsTheExportWithoutLeavingHalfADataset(@TempDir Path other) throws IOException {
		try (ProjectStore p = Projects.ofSamples(other, 2, ProjectSettings.defaults())) {
			Projects.predict(p);
			Projects.correctNext(p, "ana", other);
			Projects.correctNext(p, "ana", other);
			Path victim = p.images().all().get(1).path();
			byte[] bytes = Files.readAllBytes(victim);
			bytes[bytes.length - 1] ^= 1;
			Files.write(victim, bytes);
			Path out = other.resolve("export");
			ProjectException e = assertThrows(ProjectException.class, () -> new DatasetExport(p).export(out, ExportSettings.of(ExportFormats.byName("coco")),
				ProgressListener.NONE, new Cancellation()));
			assertTrue(e.getMessage().contains(victim.getFileName().toString()) && e.getMessage().contains("changed"), e.getMessage());
			assertFalse(Files.exists(out));
			try (Stream<Path> files = Files.list(other)) {
				assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".partial-")), "staging folder removed");
			}
		}
	}

	@Test
	void aSemanticCorrectionKeepsItsClassesAndItsBoundaryRegionsAreNotObjects(@TempDir Path other) throws IOException {
		try (ProjectStore p = Projects.ofSamples(other, 1, ProjectSettings.defaults())) {
			Projects.predict(p);
			var lease = p.queue().next("ana").orElseThrow();
			ImageRecord record = p.images().byId(lease.imageId()).orElseThrow();
			Path classesFile = p.files().resolve(p.predictions().latest(lease.imageId()).orElseThrow().classesFile());
			new org.segloop.core.loop.CorrectionIntake(p).accept(lease.imageId(), lease.token(), classesFile,
				org.segloop.core.metrics.CorrectionMetrics.Kind.SEMANTIC, 10.0);
			int[] painted = LabelFiles.read(classesFile, record, 2, "classes").labels()[0];
			assertTrue(java.util.Arrays.stream(painted).anyMatch(v -> v == 2), "the proposal has boundary pixels");

			Path pairs = other.resolve("pairs");
			new DatasetExport(p).export(pairs, ExportSettings.of(ExportFormats.byName("tiff")).withSplit(new SplitPlan(1, 0, 0, 1)), ProgressListener.NONE,
				new Cancellation());
			String file = record.path().getFileName().toString();
			assertArrayEquals(painted, LabelFiles.read(pairs.resolve("train/classes").resolve(file), record, 2, "export").labels()[0]);
			int[] objects = LabelFiles.read(pairs.resolve("train/masks").resolve(file), record, -1, "export").labels()[0];
			for (int i = 0; i < painted.length; i++)
				assertEquals(painted[i] == 1, objects[i] > 0, "objects are the nucleus class only, pixel " + i);

			Path nnunet = other.resolve("nnunet");
			new DatasetExport(p).export(nnunet, ExportSettings.of(ExportFormats.byName("nnunet")).withSplit(new SplitPlan(1, 0, 0, 1)), ProgressListener.NONE,
				new Cancellation());
			assertEquals(2, json(nnunet.resolve("dataset.json")).getAsJsonObject("labels").get("boundary").getAsInt(),
				"a painted boundary class is a label nnU-Net learns");
		}
	}

	@Test
	void aProjectWithoutCorrectionsHasNothingToExport(@TempDir Path other) throws IOException {
		try (ProjectStore p = Projects.ofSamples(other, 1, ProjectSettings.defaults())) {
			SegLoopException e = assertThrows(SegLoopException.class, () -> new DatasetExport(p).export(other.resolve("x"),
				ExportSettings.of(ExportFormats.byName("tiff")), ProgressListener.NONE, new Cancellation()));
			assertTrue(e.getMessage().contains("no accepted corrections"), e.getMessage());
		}
	}

	/** Cases per subset as the plan assigns the five corrected images. */
	private static Map<Subset, Integer> expectedCounts() {
		Map<Subset, Integer> out = new java.util.EnumMap<>(Subset.class);
		for (Subset s : Subset.values()) out.put(s, 0);
		for (ImageRecord r : project.images().all()) out.merge(PLAN.subsetOf(r.sha256()), 1, Integer::sum);
		return out;
	}

	private void assertNoStagingLeft() throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".partial-")));
		}
	}

	private static List<String> caseIds(Path labels) throws IOException {
		try (Stream<Path> files = Files.list(labels)) {
			return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tif")).map(n -> n.substring(0, n.length() - 4)).sorted().toList();
		}
	}

	private static List<Double> spacing(Path json) throws IOException {
		List<Double> out = new java.util.ArrayList<>();
		json(json).getAsJsonArray("spacing").forEach(e -> out.add(e.getAsDouble()));
		return out;
	}

	private static LabelVolume correctedMaskOf(String caseId) {
		ImageRecord record = project.images().all().stream().filter(i -> i.path().getFileName().toString().equals(caseId + ".tif")).findFirst().orElseThrow();
		Correction c = project.corrections().all().stream().filter(k -> k.imageId() == record.id()).findFirst().orElseThrow();
		return LabelFiles.read(project.files().resolve(c.maskFile()), record, -1, "stored");
	}

	/** Decodes COCO's column-major uncompressed RLE into {@code out} as {@code label}; returns the object's pixel count. */
	private static long decodeInto(JsonArray counts, int[] out, int w, int h, int label) {
		long position = 0, area = 0;
		for (int i = 0; i < counts.size(); i++) {
			int run = counts.get(i).getAsInt();
			if (i % 2 == 1)
				for (long k = position; k < position + run; k++) {
					int x = (int) (k / h), y = (int) (k % h);
					assertEquals(0, out[y * w + x], "objects do not overlap");
					out[y * w + x] = label;
					area++;
				}
			position += run;
		}
		assertEquals((long) w * h, position, "runs cover the whole image");
		return area;
	}

	/** Same objects, whatever their numbers: a one-to-one map between labels. */
	private static void assertSamePartition(int[] expected, int[] actual) {
		Map<Integer, Integer> forward = new java.util.HashMap<>(), backward = new java.util.HashMap<>();
		for (int i = 0; i < expected.length; i++) {
			assertEquals(expected[i] == 0, actual[i] == 0, "background at pixel " + i);
			int e = expected[i], a = actual[i];
			if (e == 0) continue;
			assertEquals(a, forward.computeIfAbsent(e, k -> a));
			assertEquals(e, backward.computeIfAbsent(a, k -> e));
		}
	}
}
