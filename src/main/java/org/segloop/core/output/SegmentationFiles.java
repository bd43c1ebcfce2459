package org.segloop.core.output;

import java.io.IOException;
import java.nio.file.Path;

import net.imglib2.img.basictypeaccess.array.IntArray;

import org.segloop.core.image.TiffWriter;
import org.segloop.core.inference.SegmentationGeometry;
import org.segloop.core.inference.SegmentationResult;

/**
 * Writes a segmentation as TIFF files next to each other, named after the image:
 * {@code NAME_classes.tif} (8-bit class index) and {@code NAME_instances.tif} (16-bit labels, or
 * 32-bit float when there are more than 65535 instances: ImageJ has no 32-bit integer type).
 */
public final class SegmentationFiles {

	public record Written(Path classes, Path instances) {}

	private SegmentationFiles() {}

	public static Path probabilitiesFile(Path dir, String imageName) {
		return dir.resolve(imageName + "_probabilities.tif");
	}

	public static Written write(SegmentationResult r, Path dir) throws IOException {
		SegmentationGeometry g = r.geometry();
		Path classes = dir.resolve(g.imageName() + "_classes.tif");
		int planes = g.slices() * g.frames();
		try (TiffWriter w = new TiffWriter(classes, g.width(), g.height(), 1, g.slices(), g.frames(), TiffWriter.PixelType.UINT8,
			g.calibration()))
		{
			for (int p = 0; p < planes; p++) w.writePage(p, r.classMask().getPlane(p).getCurrentStorageArray());
			w.commit();
		}
		Path instances = null;
		if (r.instances() != null) {
			instances = dir.resolve(g.imageName() + "_instances.tif");
			boolean small = r.instanceCount() <= 65535;
			try (TiffWriter w = new TiffWriter(instances, g.width(), g.height(), 1, g.slices(), g.frames(),
				small ? TiffWriter.PixelType.UINT16 : TiffWriter.PixelType.FLOAT32, g.calibration()))
			{
				for (int p = 0; p < planes; p++) {
					int[] labels = ((IntArray) r.instances().getPlane(p)).getCurrentStorageArray();
					if (small) {
						short[] s = new short[labels.length];
						for (int i = 0; i < s.length; i++) s[i] = (short) labels[i];
						w.writePage(p, s);
					}
					else {
						float[] f = new float[labels.length];
						for (int i = 0; i < f.length; i++) f[i] = labels[i];
						w.writePage(p, f);
					}
				}
				w.commit();
			}
		}
		return new Written(classes, instances);
	}
}
