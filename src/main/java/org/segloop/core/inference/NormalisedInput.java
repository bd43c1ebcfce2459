package org.segloop.core.inference;

import java.util.ArrayList;
import java.util.List;

import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.PlaneReader;
import org.segloop.core.model.ModelDescription;
import org.segloop.core.model.ModelPackage;

/**
 * An image as a model sees it: the package's preprocessing applied to every pixel, with the
 * statistics {@link Segmenter} takes (over each plane for a 2D model, over the whole volume of a
 * frame for a 3D model, after the value calibration and the intensity window). Training uses this
 * so that fine-tuning sees exactly the values inference feeds. Blocking, stateless, thread-safe.
 */
public final class NormalisedInput {

	private NormalisedInput() {}

	/**
	 * @return {@code [plane z + slices * t][c * height * width + y * width + x]}, one entry per plane of the image
	 * @throws IllegalArgumentException for a 3D model (its samples are {@link #volumes})
	 */
	public static float[][] planes(ModelPackage pkg, ImageVolume image, Preprocessor.NonFinitePolicy policy) {
		ModelDescription d = pkg.description();
		if (ImageFit.isVolumetric(d)) throw new IllegalArgumentException("'" + d.name() + "' is 3D: its samples are whole volumes, not planes");
		Preprocessor pre = new Preprocessor(d.input().processing(), d.settings().intensityWindow(), policy);
		int n = image.width() * image.height();
		float[][] out = new float[image.slices() * image.frames()][];
		for (int t = 0; t < image.frames(); t++)
			for (int z = 0; z < image.slices(); z++) {
				List<List<Object>> channels = new ArrayList<>();
				for (int c = 0; c < image.channels(); c++) channels.add(List.of(image.plane(c, z, t)));
				ValuePipeline[] pipelines = pre.compile(channels, image.calibration(), image.source());
				float[] plane = new float[image.channels() * n];
				for (int c = 0; c < image.channels(); c++) {
					PlaneReader r = PlaneReader.of(image.plane(c, z, t));
					ValuePipeline p = pipelines[c];
					for (int i = 0; i < n; i++) plane[c * n + i] = (float) p.apply(r.get(i));
				}
				out[z + image.slices() * t] = plane;
			}
		return out;
	}

	/**
	 * The volumes a 3D model segments, one per frame, with statistics over the whole volume and the
	 * same float arithmetic as {@link Segmenter}'s tile fill (so the values are bit-identical).
	 *
	 * @return {@code [t][((c * slices + z) * height + y) * width + x]}
	 * @throws IllegalArgumentException for a 2D model (its samples are {@link #planes})
	 */
	public static float[][] volumes(ModelPackage pkg, ImageVolume image, Preprocessor.NonFinitePolicy policy) {
		ModelDescription d = pkg.description();
		if (!ImageFit.isVolumetric(d)) throw new IllegalArgumentException("'" + d.name() + "' is 2D: its samples are planes, not volumes");
		Preprocessor pre = new Preprocessor(d.input().processing(), d.settings().intensityWindow(), policy);
		int n = image.width() * image.height(), depth = image.slices();
		float[][] out = new float[image.frames()][];
		for (int t = 0; t < image.frames(); t++) {
			List<List<Object>> channels = new ArrayList<>();
			for (int c = 0; c < image.channels(); c++) {
				List<Object> planes = new ArrayList<>();
				for (int z = 0; z < depth; z++) planes.add(image.plane(c, z, t));
				channels.add(planes);
			}
			ValuePipeline[] pipelines = pre.compile(channels, image.calibration(), image.source());
			float[] volume = new float[image.channels() * depth * n];
			for (int c = 0; c < image.channels(); c++) {
				ValuePipeline p = pipelines[c];
				double[] affine = p.asAffine();
				for (int z = 0; z < depth; z++) {
					PlaneReader r = PlaneReader.of(channels.get(c).get(z));
					int base = (c * depth + z) * n;
					for (int i = 0; i < n; i++) volume[base + i] = Segmenter.feed(p, affine, r.get(i));
				}
			}
			out[t] = volume;
		}
		return out;
	}
}
