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
