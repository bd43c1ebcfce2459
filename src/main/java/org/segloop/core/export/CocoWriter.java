package org.segloop.core.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.segloop.core.export.SplitPlan.Subset;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.ImageFiles;

/**
 * COCO instance segmentation: {@code images/NAME.tif} and one
 * {@code annotations/instances_SUBSET.json} per subset, each object an annotation with its
 * category (an object class of the model: not background, not a boundary class), bounding box, area and an uncompressed RLE mask ({@code iscrowd} 0; pycocotools'
 * {@code annToMask} decodes it). COCO images are 2D, so each slice of a stack becomes an image of
 * its own ({@code CASE_z0003.tif}). Category ids are the class values 1..n; background is not a
 * category.
 */
final class CocoWriter implements DatasetWriter {

	private final Path root;
	private final List<String> labelNames;
	private final int boundaryClass;
	private final Map<Subset, List<Map<String, Object>>> images = new EnumMap<>(Subset.class);
	private final Map<Subset, List<Map<String, Object>>> annotations = new EnumMap<>(Subset.class);
	private long nextImageId = 1;
	private long nextAnnotationId = 1;

	/** @param boundaryClass the model's class that marks boundaries between objects (not a category), or -1 */
	CocoWriter(Path root, List<String> labelNames, int boundaryClass) {
		this.root = root;
		this.labelNames = labelNames;
		this.boundaryClass = boundaryClass;
		for (Subset s : Subset.values()) {
			images.put(s, new ArrayList<>());
			annotations.put(s, new ArrayList<>());
		}
	}

	@Override
	public void add(ExportCase c, CaseData data) throws IOException {
		Path folder = Files.createDirectories(root.resolve("images"));
		LabelVolume objects = data.instances();
		for (int t = 0; t < objects.frames(); t++)
			for (int z = 0; z < objects.slices(); z++) {
				String file = c.caseId() + (objects.slices() > 1 ? String.format("_z%04d", z) : "") + (objects.frames() > 1 ? String.format("_t%04d", t) : "")
					+ ".tif";
				ImageFiles.writePlane(data.image(), z, t, folder.resolve(file));
				long imageId = nextImageId++;
				Map<String, Object> image = new LinkedHashMap<>();
				image.put("id", imageId);
				image.put("file_name", file);
				image.put("width", objects.width());
				image.put("height", objects.height());
				image.put("segloop_case", c.caseId());
				images.get(c.subset()).add(image);
				int p = objects.plane(z, t);
				addObjects(c.subset(), imageId, objects.labels()[p], data.classes().labels()[p], objects.width(), objects.height());
			}
	}

	private void addObjects(Subset subset, long imageId, int[] labels, int[] classes, int width, int height) {
		int[] objects = dense(labels);
		int maxLabel = 0;
		for (int l : objects) maxLabel = Math.max(maxLabel, l);
		CocoRle.ObjectRuns[] runs = CocoRle.encode(objects, width, height, maxLabel);
		int[][] classVotes = new int[maxLabel + 1][labelNames.size()];
		for (int i = 0; i < objects.length; i++)
			if (objects[i] > 0) classVotes[objects[i]][Math.min(classes[i], labelNames.size() - 1)]++;
		for (int l = 1; l <= maxLabel; l++) {
			CocoRle.ObjectRuns r = runs[l];
			if (r == null) continue;
			int category = majorityClass(classVotes[l]);
			Map<String, Object> a = new LinkedHashMap<>();
			a.put("id", nextAnnotationId++);
			a.put("image_id", imageId);
			a.put("category_id", category);
			a.put("segmentation", Map.of("counts", r.counts(), "size", List.of(height, width)));
			a.put("area", r.area);
			a.put("bbox", List.of(r.minX, r.minY, r.maxX - r.minX + 1, r.maxY - r.minY + 1));
			a.put("iscrowd", 0);
			annotations.get(subset).add(a);
		}
	}

	/**
	 * The plane's labels renumbered 1..n in the order of their values: the arrays above are indexed
	 * by label, so a label of 2·10^9 must not size them; memory follows the objects present.
	 */
	static int[] dense(int[] labels) {
		int[] distinct = labels.clone();
		Arrays.sort(distinct);
		int n = 0;
		for (int i = 0; i < distinct.length; i++)
			if (distinct[i] != 0 && (n == 0 || distinct[n - 1] != distinct[i])) distinct[n++] = distinct[i];
		int[] out = new int[labels.length];
		for (int i = 0; i < labels.length; i++)
			if (labels[i] != 0) out[i] = Arrays.binarySearch(distinct, 0, n, labels[i]) + 1;
		return out;
	}

	/** The most common non-background class under an object (class 1 when it lies on background only). */
	private static int majorityClass(int[] votes) {
		int best = 1;
		for (int c = 2; c < votes.length; c++)
			if (votes[c] > votes[best]) best = c;
		return best;
	}

	@Override
	public void finish() throws IOException {
		Path folder = Files.createDirectories(root.resolve("annotations"));
		List<Map<String, Object>> categories = new ArrayList<>();
		for (int c = 1; c < labelNames.size(); c++)
			if (c != boundaryClass) categories.add(Map.of("id", c, "name", labelNames.get(c), "supercategory", "object"));
		for (Subset s : Subset.values()) {
			if (images.get(s).isEmpty()) continue;
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("info", Map.of("description", "SegLoop export (" + s.folderName() + "); see provenance.json", "version", "1.0", "year",
				Instant.now().atZone(ZoneOffset.UTC).getYear(), "date_created", Instant.now().toString()));
			json.put("licenses", List.of());
			json.put("images", images.get(s));
			json.put("annotations", annotations.get(s));
			json.put("categories", categories);
			Files.writeString(folder.resolve("instances_" + s.folderName() + ".json"), ExportJson.GSON.toJson(json));
		}
	}
}
