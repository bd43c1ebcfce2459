package org.segloop.core.uncertainty;

import java.util.List;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.ProbabilityCollector;
import org.segloop.core.inference.SegmentationResult;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/**
 * Test-time augmentation: the model sees the image under the first K {@link Augmentation}s, each
 * result is turned back, and uncertainty comes from the K predictions of every pixel:
 * <ul>
 * <li>{@code tta}: normalised entropy of the mean prediction (what the ensemble is unsure of);</li>
 * <li>{@code bald}: that entropy minus the mean of the K entropies, i.e. the mutual information
 * between prediction and augmentation (where the passes disagree, as in BALD).</li>
 * </ul>
 * The proposal is the unaugmented pass. Holds K-independent memory: classes × pixels floats for the
 * running mean plus one pass's probabilities.
 *
 * <p>A 2D model takes the in-plane {@link Augmentation}s plane by plane. A 3D model takes the
 * {@link VolumeAugmentation}s its image's spacing allows ({@link VolumeAugmentation#allowedFor}):
 * z flips always, z rotated into the plane only for isotropic voxels, in-plane quarter turns only
 * for square pixels. Per pass this costs one copy of the image (its stored type) and the pass's
 * probabilities (classes × voxels floats), on top of the running mean (classes × voxels floats)
 * and, for {@code bald}, one float per voxel: for a 512 × 512 × 200 CT with three classes about
 * 0.1 GB for the copy, 0.63 GB per pass and 0.84 GB held throughout.
 */
final class TestTimeAugmentationScorer implements UncertaintyScorer {

	enum Mode { ENTROPY_OF_MEAN, DISAGREEMENT }

	private final Mode mode;
	private final int k;
	private final double topFraction;

	TestTimeAugmentationScorer(Mode mode, int k, double topFraction) {
		if (k < 2 || k > Augmentation.values().length)
			throw new IllegalArgumentException("test-time augmentation needs 2 to " + Augmentation.values().length + " passes, not " + k);
		this.mode = mode;
		this.k = k;
		this.topFraction = topFraction;
	}

	@Override
	public String name() {
		return mode == Mode.ENTROPY_OF_MEAN ? "tta" : "bald";
	}

	@Override
	public int passes() {
		return k;
	}

	@Override
	public ScoredSegmentation score(SegmentationTool tool, ImageVolume image, ProgressListener progress, Cancellation cancel) {
		if (tool.isVolumetric()) return scoreVolume(tool, image, progress, cancel);
		long tilesPerPass = tool.plan(image).tiles();
		long total = tilesPerPass * k;
		float[][][] mean = null;
		float[][] meanEntropy = null;
		SegmentationResult proposal = null;
		for (int pass = 0; pass < k; pass++) {
			Augmentation a = Augmentation.values()[pass];
			long offset = pass * tilesPerPass;
			ProgressListener passProgress = (done, all, what) -> progress.update(offset + done, total, what);
			ProbabilityCollector collector = new ProbabilityCollector();
			if (a == Augmentation.IDENTITY) proposal = tool.segment(image, List.of(collector), passProgress, cancel);
			else tool.probabilities(a.apply(image), List.of(collector), passProgress, cancel);
			float[][][] p = collector.probabilities();
			if (mean == null) {
				mean = new float[p.length][p[0].length][image.width() * image.height()];
				meanEntropy = new float[p[0].length][image.width() * image.height()];
			}
			fold(p, a.sourceIndices(image.width(), image.height()), mean, meanEntropy);
		}
		return finish(proposal, mean, meanEntropy);
	}

	/** The first K of the volume augmentations the image's spacing allows, each pass turned back voxel by voxel. */
	private ScoredSegmentation scoreVolume(SegmentationTool tool, ImageVolume image, ProgressListener progress, Cancellation cancel) {
		List<VolumeAugmentation> passes = VolumeAugmentation.allowedFor(image.calibration()).subList(0, k);
		long[] tiles = new long[k + 1];
		for (int pass = 0; pass < k; pass++) tiles[pass + 1] = tiles[pass] + tool.plan(passes.get(pass).shapeOf(image)).tiles();
		int planes = image.slices() * image.frames(), pixels = image.width() * image.height();
		float[][][] mean = null;
		float[][] meanEntropy = new float[planes][pixels];
		SegmentationResult proposal = null;
		for (int pass = 0; pass < k; pass++) {
			VolumeAugmentation a = passes.get(pass);
			long offset = tiles[pass];
			ProgressListener passProgress = (done, all, what) -> progress.update(offset + done, tiles[k], what);
			ProbabilityCollector collector = new ProbabilityCollector();
			if (a.equals(VolumeAugmentation.IDENTITY)) proposal = tool.segment(image, List.of(collector), passProgress, cancel);
			else tool.probabilities(a.apply(image), List.of(collector), passProgress, cancel);
			float[][][] p = collector.probabilities();
			if (mean == null) mean = new float[p.length][planes][pixels];
			foldVolume(p, a, image, mean, meanEntropy);
		}
		return finish(proposal, mean, meanEntropy);
	}

	/** As {@link #fold}, for a pass under a volume augmentation: its plane zo + d' * t maps back through {@link VolumeAugmentation#source}. */
	private void foldVolume(float[][][] p, VolumeAugmentation a, ImageVolume image, float[][][] mean, float[][] meanEntropy) {
		float inv = 1f / k;
		float[][] column = new float[p.length][1];
		int w = image.width(), h = image.height(), d = image.slices();
		int depth = a.size(w, h, d)[2];
		for (int zo = 0; zo < depth; zo++) {
			int[] src = a.source(w, h, d, zo);
			for (int t = 0; t < image.frames(); t++) {
				int plane = zo + depth * t;
				for (int i = 0, n = src.length / 2; i < n; i++) {
					int sp = src[2 * i] + d * t, o = src[2 * i + 1];
					for (int c = 0; c < p.length; c++) {
						float v = p[c][plane][i];
						mean[c][sp][o] += v * inv;
						column[c][0] = v;
					}
					if (mode == Mode.DISAGREEMENT) meanEntropy[sp][o] += PixelUncertainty.ENTROPY.of(column, 0) * inv;
				}
			}
		}
	}

	/** Adds one pass (in its augmented frame) to the running sums, in the image's frame. */
	private void fold(float[][][] p, int[] src, float[][][] mean, float[][] meanEntropy) {
		float inv = 1f / k;
		float[][] column = new float[p.length][1];
		for (int plane = 0; plane < meanEntropy.length; plane++)
			for (int d = 0; d < src.length; d++) {
				int o = src[d];
				for (int c = 0; c < p.length; c++) {
					float v = p[c][plane][d];
					mean[c][plane][o] += v * inv;
					column[c][0] = v;
				}
				if (mode == Mode.DISAGREEMENT) meanEntropy[plane][o] += PixelUncertainty.ENTROPY.of(column, 0) * inv;
			}
	}

	private ScoredSegmentation finish(SegmentationResult proposal, float[][][] mean, float[][] meanEntropy) {
		ScoreAccumulator acc = new ScoreAccumulator(topFraction);
		PlanarImg<UnsignedByteType, ByteArray> mask = proposal.classMask();
		float[][] map = new float[meanEntropy.length][];
		float[][] column = new float[mean.length][1];
		for (int plane = 0; plane < map.length; plane++) {
			float[] u = meanEntropy[plane]; // reused as the output map
			byte[] classes = mask.getPlane(plane).getCurrentStorageArray();
			for (int i = 0; i < u.length; i++) {
				for (int c = 0; c < mean.length; c++) column[c][0] = mean[c][plane][i];
				float h = PixelUncertainty.ENTROPY.of(column, 0);
				u[i] = mode == Mode.ENTROPY_OF_MEAN ? h : Math.max(0, h - u[i]);
				acc.add(u[i], classes[i] != 0);
			}
			map[plane] = u;
		}
		return new ScoredSegmentation(proposal, map, acc.scores(), name());
	}
}
