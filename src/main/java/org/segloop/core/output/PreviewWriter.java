package org.segloop.core.output;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import net.imglib2.img.basictypeaccess.array.IntArray;

import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.PlaneReader;
import org.segloop.core.inference.SegmentationResult;

/**
 * A PNG a person can look at: the image's first channel (middle slice), contrast-stretched to
 * 1–99.8 %, with each instance's outline drawn in a colour of its own, or the class outlines when
 * there are no instances. Uses only java.awt.image and ImageIO (no windows; works headless).
 */
public final class PreviewWriter {

	private PreviewWriter() {}

	public static Path write(ImageVolume image, SegmentationResult r, Path dir) throws IOException {
		int w = image.width(), h = image.height(), z = image.slices() / 2;
		PlaneReader reader = image.reader(0, z, 0);
		float[] values = new float[w * h];
		for (int i = 0; i < values.length; i++) values[i] = reader.get(i);
		float[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		float lo = sorted[(int) (0.01 * (sorted.length - 1))], hi = sorted[(int) (0.998 * (sorted.length - 1))];
		int[] labels = r.instances() != null ? ((IntArray) r.instances().getPlane(z)).getCurrentStorageArray() : null;
		byte[] classes = r.classMask().getPlane(z).getCurrentStorageArray();
		BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int i = y * w + x;
				int g = (int) Math.max(0, Math.min(255, 255 * (values[i] - lo) / Math.max(1e-6f, hi - lo)));
				int rgb = g << 16 | g << 8 | g;
				int label = labels != null ? labels[i] : classes[i] & 0xff;
				if (label != 0 && isEdge(labels, classes, i, x, y, w, h, label)) rgb = colour(label);
				out.setRGB(x, y, rgb);
			}
		Files.createDirectories(dir);
		Path file = dir.resolve(image.name() + "_preview.png");
		ImageIO.write(out, "png", file.toFile());
		return file;
	}

	private static boolean isEdge(int[] labels, byte[] classes, int i, int x, int y, int w, int h, int label) {
		return x == 0 || y == 0 || x == w - 1 || y == h - 1 || value(labels, classes, i - 1) != label || value(labels, classes, i + 1) != label
			|| value(labels, classes, i - w) != label || value(labels, classes, i + w) != label;
	}

	private static int value(int[] labels, byte[] classes, int i) {
		return labels != null ? labels[i] : classes[i] & 0xff;
	}

	/** Well-separated hues by the golden angle. */
	private static int colour(int label) {
		float hue = (label * 0.618034f) % 1f;
		return java.awt.Color.HSBtoRGB(hue, 0.85f, 1f) & 0xffffff;
	}
}
