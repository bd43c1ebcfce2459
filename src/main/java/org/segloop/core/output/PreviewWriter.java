package org.segloop.core.output;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import net.imglib2.img.basictypeaccess.array.IntArray;

import org.segloop.core.display.DisplayWindow;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.SegmentationResult;

/**
 * PNGs a person can look at: the image's first channel (middle slice), shown through a
 * {@link DisplayWindow} (by default {@link DisplayWindow#forImage}: the DICOM header's window, a
 * CT preset, else the 1–99.8 % percentiles), with each object's outline in a colour of its own; with an uncertainty map, a second
 * panel to the right shows the uncertainty as a heat overlay (dark red → yellow → white, scaled to
 * the plane's maximum) under the same outlines. Uses only java.awt.image and ImageIO (no windows;
 * works headless).
 */
public final class PreviewWriter {

	private PreviewWriter() {}

	/** Writes {@code dir/NAME_preview.png} for a segmentation result (instances, else classes). */
	public static Path write(ImageVolume image, SegmentationResult r, Path dir) throws IOException {
		int z = image.slices() / 2;
		int[] labels;
		if (r.instances() != null) labels = ((IntArray) r.instances().getPlane(z)).getCurrentStorageArray();
		else {
			byte[] classes = r.classMask().getPlane(z).getCurrentStorageArray();
			labels = new int[classes.length];
			for (int i = 0; i < labels.length; i++) labels[i] = classes[i] & 0xff;
		}
		Files.createDirectories(dir);
		return write(image, labels, null, dir.resolve(image.name() + "_preview.png"));
	}

	/**
	 * @param labels objects (or classes) of the middle slice, row-major
	 * @param uncertainty the middle slice's uncertainty map, or null for a single panel
	 */
	public static Path write(ImageVolume image, int[] labels, float[] uncertainty, Path file) throws IOException {
		return write(image, labels, uncertainty, DisplayWindow.forImage(image), file);
	}

	/** As {@link #write(ImageVolume, int[], float[], Path)}, showing the image's values through {@code window}. */
	public static Path write(ImageVolume image, int[] labels, float[] uncertainty, DisplayWindow window, Path file) throws IOException {
		return write(image, image.slices() / 2, labels, uncertainty, window, file);
	}

	/** As {@link #write(ImageVolume, int[], float[], DisplayWindow, Path)} for slice {@code z}, whose labels and uncertainty are given. */
	public static Path write(ImageVolume image, int z, int[] labels, float[] uncertainty, DisplayWindow window, Path file) throws IOException {
		int w = image.width(), h = image.height();
		int[] grey = window.toDisplay(image, 0, z, 0);
		BufferedImage out = new BufferedImage(uncertainty == null ? w : 2 * w, h, BufferedImage.TYPE_INT_RGB);
		float max = 0;
		if (uncertainty != null) for (float u : uncertainty) if (u > max) max = u;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int i = y * w + x, g = grey[i];
				boolean edge = labels[i] != 0 && isEdge(labels, i, x, y, w, h);
				out.setRGB(x, y, edge ? colour(labels[i]) : g << 16 | g << 8 | g);
				if (uncertainty != null) out.setRGB(w + x, y, edge ? 0x00ffff : heat(g, max > 0 ? uncertainty[i] / max : 0));
			}
		ImageIO.write(out, "png", file.toFile());
		return file;
	}

	private static boolean isEdge(int[] labels, int i, int x, int y, int w, int h) {
		int l = labels[i];
		return x == 0 || y == 0 || x == w - 1 || y == h - 1 || labels[i - 1] != l || labels[i + 1] != l || labels[i - w] != l || labels[i + w] != l;
	}

	/** The heat colour map (black → red → yellow → white) at t ∈ [0, 1], as 0xRRGGBB; shared with Fiji's uncertainty overlay. */
	public static int heatRgb(float t) {
		int r = (int) (255 * Math.min(1, 3 * t)), g = (int) (255 * Math.min(1, Math.max(0, 3 * t - 1))), b = (int) (255 * Math.max(0, 3 * t - 2));
		return r << 16 | g << 8 | b;
	}

	/** The grey value dimmed, with heat t ∈ [0, 1] laid over it (opacity grows with t). */
	private static int heat(int grey, float t) {
		int rgb = heatRgb(t);
		float a = Math.min(1, 0.25f + t);
		int base = grey / 2;
		return blend(base, rgb >> 16, a) << 16 | blend(base, rgb >> 8 & 0xff, a) << 8 | blend(base, rgb & 0xff, a);
	}

	private static int blend(int under, int over, float alpha) {
		return Math.round(under * (1 - alpha) + over * alpha);
	}

	/** Well-separated hues by the golden angle. */
	private static int colour(int label) {
		float hue = (label * 0.618034f) % 1f;
		return java.awt.Color.HSBtoRGB(hue, 0.85f, 1f) & 0xffffff;
	}
}
