package org.segloop.core.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import net.imglib2.img.basictypeaccess.array.IntArray;

import org.segloop.core.image.TiffWriter;
import org.segloop.core.inference.SegmentationGeometry;
import org.segloop.core.inference.SegmentationResult;
import org.segloop.core.metrics.LabelVolume;

/**
 * Writes a segmentation as TIFF files next to each other, named after the image:
 * {@code NAME_classes.tif} (8-bit class index) and {@code NAME_instances.tif} (16-bit labels, or
 * unsigned 32-bit integers when there are more than 65535 instances, as {@link LabelFiles#write} keeps every label exactly).
 */
public final class SegmentationFiles {

	public record Written(Path classes, Path instances) {}

	private SegmentationFiles() {}

	public static Path probabilitiesFile(Path dir, String imageName) {
		return dir.resolve(imageName + "_probabilities.tif");
	}

	/** The instance labels of a result as a label volume (planes shared, not copied). */
	public static LabelVolume instanceLabels(SegmentationResult r) {
		SegmentationGeometry g = r.geometry();
		int[][] planes = new int[g.slices() * g.frames()][];
		for (int p = 0; p < planes.length; p++) planes[p] = ((IntArray) r.instances().getPlane(p)).getCurrentStorageArray();
		return new LabelVolume(g.width(), g.height(), g.slices(), g.frames(), planes, LabelFiles.spacing(g.calibration()));
	}

	/** The class mask of a result as a label volume (copied to int). */
	public static LabelVolume classLabels(SegmentationResult r) {
		SegmentationGeometry g = r.geometry();
		int[][] planes = new int[g.slices() * g.frames()][];
		for (int p = 0; p < planes.length; p++) {
			byte[] b = r.classMask().getPlane(p).getCurrentStorageArray();
			planes[p] = new int[b.length];
			for (int i = 0; i < b.length; i++) planes[p][i] = b[i] & 0xff;
		}
		return new LabelVolume(g.width(), g.height(), g.slices(), g.frames(), planes, LabelFiles.spacing(g.calibration()));
	}

	/**
	 * Output names for a batch of image files: each file's name without its extension, and where
	 * two files of the batch would share one (x.tif and x.png, or d1/x.tif and d2/x.tif — compared
	 * ignoring case, as some file systems do) the later ones get -2, -3, …, so no result overwrites
	 * another.
	 */
	public static Map<Path, String> outputNames(List<Path> files) {
		Map<Path, String> names = new LinkedHashMap<>();
		Set<String> used = new HashSet<>();
		for (Path file : files) {
			String base = file.getFileName().toString();
			int dot = base.lastIndexOf('.');
			if (dot > 0) base = base.substring(0, dot);
			String name = base;
			for (int n = 2; !used.add(name.toLowerCase(Locale.ROOT)); n++) name = base + "-" + n;
			names.put(file, name);
		}
		return names;
	}

	/** Writes the result's files named after its image. */
	public static Written write(SegmentationResult r, Path dir) throws IOException {
		return write(r, dir, r.geometry().imageName());
	}

	/** Writes {@code NAME_classes.tif} and {@code NAME_instances.tif} into {@code dir}. */
	public static Written write(SegmentationResult r, Path dir, String name) throws IOException {
		SegmentationGeometry g = r.geometry();
		Path classes = dir.resolve(name + "_classes.tif");
		int planes = g.slices() * g.frames();
		try (TiffWriter w = new TiffWriter(classes, g.width(), g.height(), 1, g.slices(), g.frames(), TiffWriter.PixelType.UINT8,
			g.calibration()))
		{
			for (int p = 0; p < planes; p++) w.writePage(p, r.classMask().getPlane(p).getCurrentStorageArray());
			w.commit();
		}
		Path instances = null;
		if (r.instances() != null) {
			instances = dir.resolve(name + "_instances.tif");
			LabelFiles.write(instanceLabels(r), instances, g.calibration());
		}
		return new Written(classes, instances);
	}
}
