package org.segloop.core.inference;

import java.util.ArrayList;
import java.util.List;

import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.PlaneReader;
import org.segloop.core.model.ModelDescription;
import org.segloop.core.model.ModelPackage;

/**
 * An image's planes as a 2D model sees them: the package's preprocessing (with statistics over
 * each plane, as {@link Segmenter} takes them) applied to every pixel. Training uses this so that
 * fine-tuning sees exactly the values inference feeds. Blocking, stateless, thread-safe.
 */
public final class NormalisedInput {

	private NormalisedInput() {}

	/**
	 * @return {@code [plane z + slices * t][c * height * width + y * width + x]}, one entry per plane of the image
	 * @throws IllegalArgumentException for a 3D model (training handles 2D models only)
	 */
	public static float[][] planes(ModelPackage pkg, ImageVolume image, Preprocessor.NonFinitePolicy policy) {
		ModelDescription d = pkg.description();
		if (d.input().spatialAxes().stream().anyMatch(a -> a.id().equals("z")))
			throw new IllegalArgumentException("only 2D models are supported here; '" + d.name() + "' is 3D");
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
}
