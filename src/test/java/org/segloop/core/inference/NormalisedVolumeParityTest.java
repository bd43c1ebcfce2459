package org.segloop.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.model.AxisDescription;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.CtPhantomProjects;
import org.segloop.testutil.Fixtures;

/**
 * What fine-tuning a 3D model trains on is, voxel for voxel and bit for bit, what inference feeds
 * the model: the CT series in Hounsfield units, windowed, normalised with statistics over the
 * whole volume.
 */
class NormalisedVolumeParityTest {

	/** A CT phantom series (64 × 64 × 16) read as a project registers it. */
	private static ImageVolume phantom(Path dir) throws Exception {
		try (ProjectStore p = CtPhantomProjects.of(dir, CtPhantomProjects.CT_MODEL, 1, 64, 64, 16, 500)) {
			return ImageSources.read(p.images().all().get(0).path());
		}
	}

	/** Runs inference over the whole volume in one tile and compares the tile the model was fed with the training volume. */
	private static void assertTrainingSeesWhatInferenceFeeds(ModelPackage pkg, ImageVolume image) {
		float[] training = NormalisedInput.volumes(pkg, image, Preprocessor.NonFinitePolicy.FAIL)[0];
		try (OnnxModel model = OnnxModel.load(pkg, RuntimeOptions.defaults())) {
			SegmentOptions options = SegmentOptions.defaults();
			Segmenter segmenter = new Segmenter(model, options);
			Segmenter.TilePlan plan = segmenter.plan(image);
			assertEquals(1, plan.tiles(), "one tile holds the whole volume");
			segmenter.run(image, List.of(), ProgressListener.NONE, new Cancellation());
			FloatBuffer fed = model.tensors(plan.inputShape(), plan.outputShape()).input();
			int[] extent = { image.slices(), image.height(), image.width() };
			int[] wanted = { options.tileDepth(), options.tileSize(), options.tileSize() };
			int[][] source = new int[3][];
			int[] tile = new int[3];
			String[] axes = { "z", "y", "x" };
			for (int a = 0; a < 3; a++) {
				AxisDescription in = pkg.description().input().axis(axes[a]).orElseThrow();
				int halo = pkg.description().output().axis(axes[a]).orElseThrow().halo();
				AxisTiling t = AxisTiling.plan(extent[a], in.size(), halo, wanted[a], options.overlap());
				source[a] = t.sourceIndices(0);
				tile[a] = t.tileSize();
			}
			TensorLayout layout = TensorLayout.of(pkg.description().input(), 1, tile);
			int n = image.width() * image.height(), mismatches = 0;
			for (int z = 0; z < tile[0]; z++)
				for (int y = 0; y < tile[1]; y++)
					for (int x = 0; x < tile[2]; x++) {
						float expected = training[source[0][z] * n + source[1][y] * image.width() + source[2][x]];
						if (Float.floatToIntBits(expected) != Float.floatToIntBits(fed.get(layout.index(0, z, y, x)))) mismatches++;
					}
			assertEquals(0, mismatches, "voxels where training and inference values differ");
		}
	}

	@Test
	void theBundledCtModelIsTrainedOnTheWindowedHounsfieldUnitsInferenceFeedsIt(@TempDir Path dir) throws Exception {
		ImageVolume image = phantom(dir);
		assertTrainingSeesWhatInferenceFeeds(CtPhantomProjects.ctModel(), image);
		float[] v = NormalisedInput.volumes(CtPhantomProjects.ctModel(), image, Preprocessor.NonFinitePolicy.FAIL)[0];
		for (float f : v) assertEquals(true, f >= 0 && f <= 1, "window [-160, 240] HU maps into [0, 1]: " + f);
	}

	@Test
	void perSampleStatisticsAreTakenOverTheWholeVolume(@TempDir Path dir) throws Exception {
		Path pkg = dir.resolve("zmuv");
		org.segloop.core.util.Folders.copyTree(CtPhantomProjects.CT_MODEL, pkg);
		Fixtures.editRdf(pkg, "      - id: scale_linear\n        kwargs: {gain: 0.0025, offset: 0.4}", "      - id: zero_mean_unit_variance\n        kwargs: {mode: per_sample}");
		ModelPackage zmuv = ModelPackage.open(pkg);
		ImageVolume image = phantom(dir);
		assertTrainingSeesWhatInferenceFeeds(zmuv, image);
		float[] v = NormalisedInput.volumes(zmuv, image, Preprocessor.NonFinitePolicy.FAIL)[0];
		double mean = 0;
		for (float f : v) mean += f;
		assertEquals(0, mean / v.length, 1e-3, "zero mean over the volume, not per slice");
	}

	@Test
	void planesAndVolumesAreForTheirOwnKindOfModel(@TempDir Path dir) throws Exception {
		ImageVolume image = phantom(dir);
		assertThrows(IllegalArgumentException.class, () -> NormalisedInput.planes(CtPhantomProjects.ctModel(), image, Preprocessor.NonFinitePolicy.FAIL));
		assertThrows(IllegalArgumentException.class, () -> NormalisedInput.volumes(Fixtures.bundledModel(), image, Preprocessor.NonFinitePolicy.FAIL));
	}
}
