package org.segloop.fiji;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.IntProcessor;

import org.segloop.core.metrics.LabelVolume;

/**
 * Label images ↔ ImageJ ROIs, exactly. Each object on each plane becomes one ROI traced along pixel
 * edges (holes included), tied to its slice and frame, named "CLASS LABEL" and carrying its label
 * and class as properties; painting the ROIs back gives the same labels pixel for pixel.
 *
 * <p>Going back, a ROI keeps the label it carries. A ROI without one (drawn by the user) gets a new
 * label; so does the second of two ROIs on one plane that carry the same label (a split object
 * becomes two objects), while ROIs on different slices with one label stay one 3D object. Where
 * ROIs overlap, the later one wins, as when painting in ImageJ.
 *
 * <p>Stateless; thread-safe.
 */
public final class RoiLabels {

	/** ROI property holding the object label. */
	public static final String LABEL = "segloop.label";
	/** ROI property holding the class index. */
	public static final String CLASS = "segloop.class";

	private RoiLabels() {}

	/**
	 * @param classes the class of each pixel, or null to give every object class 1; an object takes
	 *     the most common class among its pixels, not counting background and {@code boundaryClass}
	 * @param classNames names for the ROI names, index = class
	 * @param boundaryClass the model's class that marks boundaries between objects, or -1
	 */
	public static List<Roi> toRois(LabelVolume objects, LabelVolume classes, List<String> classNames, int boundaryClass) {
		List<Roi> out = new ArrayList<>();
		boolean hyperstack = objects.slices() > 1 || objects.frames() > 1;
		for (int t = 0; t < objects.frames(); t++)
			for (int z = 0; z < objects.slices(); z++) {
				int p = objects.plane(z, t);
				int[] classPlane = classes == null ? null : classes.labels()[p];
				for (Roi roi : planeRois(objects.labels()[p], classPlane, objects.width(), objects.height(), classNames, boundaryClass)) {
					if (hyperstack) roi.setPosition(0, z + 1, t + 1);
					out.add(roi);
				}
			}
		return out;
	}

	private static List<Roi> planeRois(int[] labels, int[] classes, int w, int h, List<String> classNames, int boundaryClass) {
		Map<Integer, int[]> boxes = new HashMap<>(); // label → minX, minY, maxX, maxY
		Map<Integer, Map<Integer, Integer>> votes = new HashMap<>(); // label → class → pixels
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++) {
				int l = labels[i];
				if (l == 0) continue;
				if (classes != null && classes[i] > 0 && classes[i] != boundaryClass)
					votes.computeIfAbsent(l, k -> new HashMap<>()).merge(classes[i], 1, Integer::sum);
				int[] b = boxes.get(l);
				if (b == null) boxes.put(l, new int[] { x, y, x, y });
				else {
					b[0] = Math.min(b[0], x);
					b[1] = Math.min(b[1], y);
					b[2] = Math.max(b[2], x);
					b[3] = Math.max(b[3], y);
				}
			}
		List<Roi> out = new ArrayList<>();
		boxes.keySet().stream().sorted().forEach(l -> {
			int[] b = boxes.get(l);
			int bw = b[2] - b[0] + 1, bh = b[3] - b[1] + 1;
			ByteProcessor crop = new ByteProcessor(bw, bh);
			for (int y = 0; y < bh; y++)
				for (int x = 0; x < bw; x++)
					if (labels[(b[1] + y) * w + b[0] + x] == l) crop.set(x, y, 255);
			crop.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
			Roi roi = new ThresholdToSelection().convert(crop);
			Rectangle r = roi.getBounds();
			roi.setLocation(b[0] + r.x, b[1] + r.y);
			int cls = votes.containsKey(l) ? votes.get(l).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey() : 1;
			roi.setName((cls < classNames.size() ? classNames.get(cls) : "class " + cls) + " " + l);
			roi.setProperty(LABEL, Integer.toString(l));
			roi.setProperty(CLASS, Integer.toString(cls));
			out.add(roi);
		});
		return out;
	}

	/** Paints ROIs into object labels of the given size (see the class comment for the numbering). */
	public static LabelVolume toLabels(List<Roi> rois, int width, int height, int slices, int frames, double[] spacing) {
		int next = 1;
		for (Roi roi : rois) next = Math.max(next, labelOf(roi) + 1);
		IntProcessor[] planes = new IntProcessor[slices * frames];
		List<Set<Integer>> usedOnPlane = new ArrayList<>();
		for (int p = 0; p < planes.length; p++) {
			planes[p] = new IntProcessor(width, height);
			usedOnPlane.add(new HashSet<>());
		}
		for (Roi roi : rois) {
			int label = labelOf(roi);
			if (label == 0) label = next++; // drawn by the user: a new object (on all its planes)
			for (int p : planesOf(roi, slices, frames)) {
				int l = usedOnPlane.get(p).contains(label) ? next++ : label;
				usedOnPlane.get(p).add(l);
				planes[p].setValue(l);
				planes[p].fill(roi);
			}
		}
		int[][] labels = new int[planes.length][];
		for (int p = 0; p < planes.length; p++) labels[p] = (int[]) planes[p].getPixels();
		return new LabelVolume(width, height, slices, frames, labels, spacing);
	}

	/**
	 * A class mask with instances of one class as ROIs, for a model whose classes all matter (a CT
	 * organ with lesions inside it): each other class one ROI per region per plane, listed first;
	 * then each object of {@code instanceClass} one ROI per plane it lies on, so that painting them
	 * in order ({@link #toClasses}) puts the objects over the region they sit in.
	 *
	 * @param instances the objects of {@code instanceClass}, or null to take its connected regions per plane
	 */
	public static List<Roi> toClassRois(LabelVolume classes, LabelVolume instances, int instanceClass, List<String> classNames, int boundaryClass) {
		int[][] regions = new int[classes.labels().length][];
		int[][] objects = new int[classes.labels().length][];
		for (int p = 0; p < regions.length; p++) {
			int[] c = classes.labels()[p];
			regions[p] = new int[c.length];
			objects[p] = new int[c.length];
			for (int i = 0; i < c.length; i++) {
				if (c[i] == instanceClass) objects[p][i] = instances == null ? instanceClass : instances.labels()[p][i];
				else if (c[i] != boundaryClass) regions[p][i] = c[i];
			}
		}
		LabelVolume r = new LabelVolume(classes.width(), classes.height(), classes.slices(), classes.frames(), regions, classes.spacing());
		LabelVolume o = new LabelVolume(classes.width(), classes.height(), classes.slices(), classes.frames(), objects, classes.spacing());
		List<Roi> out = new ArrayList<>(toRois(r, r, classNames, boundaryClass));
		out.addAll(toRois(o, classes, classNames, boundaryClass));
		return out;
	}

	/**
	 * Paints ROIs into a class mask of the given size, in list order (later ROIs over earlier ones).
	 * A ROI's class is the one it carries; one drawn by the user takes the class its name starts
	 * with ("organ", "Lesion 4"), else {@code drawnClass}.
	 */
	public static LabelVolume toClasses(List<Roi> rois, int width, int height, int slices, int frames, double[] spacing, List<String> classNames,
		int drawnClass)
	{
		IntProcessor[] planes = new IntProcessor[slices * frames];
		for (int p = 0; p < planes.length; p++) planes[p] = new IntProcessor(width, height);
		for (Roi roi : rois) {
			int cls = classOf(roi, classNames, drawnClass);
			for (int p : planesOf(roi, slices, frames)) {
				planes[p].setValue(cls);
				planes[p].fill(roi);
			}
		}
		int[][] labels = new int[planes.length][];
		for (int p = 0; p < planes.length; p++) labels[p] = (int[]) planes[p].getPixels();
		return new LabelVolume(width, height, slices, frames, labels, spacing);
	}

	/** The class a ROI carries, else the class its name starts with (not background), else {@code drawnClass}. */
	static int classOf(Roi roi, List<String> classNames, int drawnClass) {
		String v = roi.getProperty(CLASS);
		if (v != null) {
			try {
				int c = Integer.parseInt(v.trim());
				if (c > 0 && c < classNames.size()) return c;
			}
			catch (NumberFormatException e) {
				// not a class index: fall back to the name
			}
		}
		String name = roi.getName() == null ? "" : roi.getName().trim().toLowerCase(java.util.Locale.ROOT);
		for (int c = 1; c < classNames.size(); c++) {
			String n = classNames.get(c).toLowerCase(java.util.Locale.ROOT);
			if (name.equals(n) || name.startsWith(n + " ")) return c;
		}
		return drawnClass;
	}

	/** The planes a ROI lies on: its slice and frame, or every plane when it has no position (ImageJ's convention). */
	private static List<Integer> planesOf(Roi roi, int slices, int frames) {
		int z = roi.getZPosition(), t = roi.getTPosition();
		if (z == 0 && t == 0 && roi.getPosition() > 0 && (slices == 1 || frames == 1)) { // a plain stack position
			int n = roi.getPosition() - 1;
			z = slices > 1 ? n + 1 : 1;
			t = slices > 1 ? 1 : n + 1;
		}
		List<Integer> out = new ArrayList<>();
		for (int tt = 0; tt < frames; tt++)
			for (int zz = 0; zz < slices; zz++)
				if ((z == 0 || z == zz + 1) && (t == 0 || t == tt + 1)) out.add(zz + slices * tt);
		return out;
	}

	private static int labelOf(Roi roi) {
		String v = roi.getProperty(LABEL);
		try {
			return v == null ? 0 : Math.max(0, Integer.parseInt(v.trim()));
		}
		catch (NumberFormatException e) {
			return 0;
		}
	}
}
