package org.segloop.core.inference;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.PlaneReader;
import org.segloop.core.model.AxisDescription;
import org.segloop.core.model.AxisSize;
import org.segloop.core.model.ModelDescription;
import org.segloop.core.model.TensorDescription;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/**
 * Runs a model over whole images of any size: 2D images, multi-channel images, stacks (slice by
 * slice for 2D models, in 3D tiles for 3D models) and time series (frame by frame). Tiles follow
 * the model's size rules and halo; neighbouring tile cores overlap and are blended linearly; the
 * finished probabilities stream to {@link ProbabilitySink}s band by band, so memory grows with
 * the image width (2D) or plane (3D), not with its full size.
 *
 * <p>Blocking; not thread-safe (one segmentation at a time per instance, since the model's tile
 * buffers are reused). Cancel through the {@link Cancellation}: the run stops at the next tile
 * with a {@link java.util.concurrent.CancellationException} and no sink sees {@code end()}.
 */
public final class Segmenter {

	private final OnnxModel model;
	private final SegmentOptions options;
	private final ModelDescription description;
	private final TensorDescription in;
	private final TensorDescription out;
	private final boolean volumetric;
	private final int outputChannels;
	private final Postprocessor post;

	public Segmenter(OnnxModel model, SegmentOptions options) {
		this.model = model;
		this.options = options;
		this.description = model.modelPackage().description();
		this.in = description.input();
		this.out = description.output();
		this.volumetric = ImageFit.isVolumetric(description);
		this.outputChannels = OutputShape.channels(out);
		this.post = new Postprocessor(model.remainingPostprocessing());
	}

	public List<String> classNames() {
		return model.modelPackage().classNames();
	}

	/** Size, classes and calibration of this model's result for {@code image}. */
	public SegmentationGeometry geometry(ImageVolume image) {
		return new SegmentationGeometry(image.width(), image.height(), image.slices(), image.frames(), classNames(),
			image.calibration(), image.name());
	}

	/** How an image will be tiled: the tensor shapes and the number of model runs. */
	public record TilePlan(long[] inputShape, long[] outputShape, long tiles) {}

	public TilePlan plan(ImageVolume image) {
		checkFits(image);
		Grid g = grid(image);
		long samples = volumetric ? image.frames() : (long) image.frames() * image.slices();
		return new TilePlan(g.in().shape(), g.out().shape(), samples * g.zt().count() * g.yt().count() * g.xt().count());
	}

	/** Tilings of the three axes (z trivial for 2D models) and the tensor layouts they imply. */
	private record Grid(AxisTiling zt, AxisTiling yt, AxisTiling xt, TensorLayout in, TensorLayout out, int[] shift) {}

	private Grid grid(ImageVolume image) {
		AxisTiling zt = volumetric ? tiling("z", image.slices(), options.tileDepth()) : single();
		AxisTiling yt = tiling("y", image.height(), options.tileSize());
		AxisTiling xt = tiling("x", image.width(), options.tileSize());
		int[] inSpatial = volumetric ? new int[] { zt.tileSize(), yt.tileSize(), xt.tileSize() } : new int[] { yt.tileSize(), xt.tileSize() };
		int[] outSpatial = OutputShape.spatial(out, inSpatial);
		int[] shift = new int[3]; // output coordinate of input-tile position 0, per z/y/x
		for (int axis = volumetric ? 0 : 1, s = 0; axis < 3; axis++, s++)
			shift[axis] = (inSpatial[s] - outSpatial[s]) / 2;
		return new Grid(zt, yt, xt, TensorLayout.of(in, image.channels(), inSpatial), OutputShape.layout(out, inSpatial), shift);
	}

	/** Segments the image, feeding every sink; returns the number of tiles run. */
	public long run(ImageVolume image, List<? extends ProbabilitySink> sinks, ProgressListener progress, Cancellation cancel) {
		checkFits(image);
		SegmentationGeometry geometry = geometry(image);
		Grid g = grid(image);
		AxisTiling zt = g.zt(), yt = g.yt(), xt = g.xt();
		TensorLayout inLayout = g.in(), outLayout = g.out();
		int[] shift = g.shift();
		OnnxModel.TileTensors tensors = model.tensors(inLayout.shape(), outLayout.shape());

		int samples = volumetric ? image.frames() : image.frames() * image.slices();
		long tilesPerSample = (long) zt.count() * yt.count() * xt.count();
		long total = samples * tilesPerSample;
		long done = 0;
		Preprocessor pre = new Preprocessor(in.processing(), description.settings().intensityWindow(), options.nonFinite());
		sinks.forEach(k -> k.begin(geometry));
		AxisTiling band = volumetric ? zt : yt;
		int inner = volumetric ? image.height() * image.width() : image.width();
		TileBand acc = new TileBand(outputChannels, inner, band.coreLength());
		float[][] rows = new float[outputChannels][xt.tileSize()];
		float[] fillRow = new float[xt.tileSize()];
		// Blending runs on this thread between model runs, not beside them: a concurrent thread
		// would deschedule one of ORT's intra-op threads, and each parallel section of the model
		// waits for its slowest thread (measured: +18 % instead of the blend's own +5 %).
		for (int t = 0; t < image.frames(); t++) {
			for (int z = 0; z < (volumetric ? 1 : image.slices()); z++) {
				List<List<Object>> planes = samplePlanes(image, volumetric ? -1 : z, t);
				ValuePipeline[] pipelines = pre.compile(planes, image.calibration(), image.source());
				PlaneReader[][] readers = readers(planes);
				Object[][] arrays = planes.stream().map(List::toArray).toArray(Object[][]::new);
				acc.reset(0);
				for (int bi = 0; bi < band.count(); bi++) {
					for (int zi = 0; zi < (volumetric ? 1 : zt.count()); zi++) {
						for (int yi = 0; yi < (volumetric ? yt.count() : 1); yi++) {
							for (int xi = 0; xi < xt.count(); xi++) {
								cancel.check();
								int tz = volumetric ? bi : 0, ty = volumetric ? yi : bi;
								fill(tensors.input(), inLayout, readers, arrays, pipelines, image.width(), fillRow, zt, tz, yt, ty, xt, xi);
								model.run(tensors);
								accumulate(tensors.output(), outLayout, acc, rows, shift, image, zt, tz, yt, ty, xt, xi);
								progress.update(++done, total, image.name());
							}
						}
					}
					int end = bi + 1 < band.count() ? band.coreStarts()[bi + 1] : band.imageSize();
					int from = acc.start();
					float[][] finished = acc.finish(end);
					ProbabilityChunk chunk = volumetric
						? new ProbabilityChunk(t, from, end - from, 0, image.height(), image.width(), finished)
						: new ProbabilityChunk(t, z, 1, from, end - from, image.width(), finished);
					for (ProbabilitySink k : sinks) k.accept(chunk);
				}
			}
		}
		sinks.forEach(ProbabilitySink::end);
		return done;
	}

	private void checkFits(ImageVolume image) {
		ImageFit.check(description, image.source(), image.channels(), image.slices());
	}

	private AxisTiling tiling(String axisId, int imageSize, int wanted) {
		AxisDescription inAxis = in.axis(axisId).orElseThrow();
		AxisDescription outAxis = out.axis(axisId).orElseThrow();
		int shrink = outAxis.size() instanceof AxisSize.Referenced r ? Math.max(0, -r.offset()) / 2 : 0;
		return AxisTiling.plan(imageSize, inAxis.size(), outAxis.halo() + shrink, wanted, options.overlap());
	}

	private static AxisTiling single() {
		return new AxisTiling(1, 1, 0, new int[] { 0 });
	}

	/** Per channel, the plane arrays of one sample: plane (z, t) for 2D models, all z of t for 3D. */
	private static List<List<Object>> samplePlanes(ImageVolume image, int z, int t) {
		List<List<Object>> planes = new ArrayList<>();
		for (int c = 0; c < image.channels(); c++) {
			List<Object> list = new ArrayList<>();
			if (z >= 0) list.add(image.plane(c, z, t));
			else for (int zz = 0; zz < image.slices(); zz++) list.add(image.plane(c, zz, t));
			planes.add(list);
		}
		return planes;
	}

	private static PlaneReader[][] readers(List<List<Object>> planes) {
		PlaneReader[][] r = new PlaneReader[planes.size()][];
		for (int c = 0; c < r.length; c++) r[c] = planes.get(c).stream().map(PlaneReader::of).toArray(PlaneReader[]::new);
		return r;
	}

	private static void fill(FloatBuffer buf, TensorLayout layout, PlaneReader[][] readers, Object[][] arrays, ValuePipeline[] pipelines,
		int width, float[] row, AxisTiling zt, int zi, AxisTiling yt, int yi, AxisTiling xt, int xi)
	{
		int[] zs = zt.sourceIndices(zi), ys = yt.sourceIndices(yi), xs = xt.sourceIndices(xi);
		int n = xs.length;
		for (int c = 0; c < readers.length; c++) {
			ValuePipeline p = pipelines[c];
			double[] affine = p.asAffine();
			float gain = affine == null ? 1 : (float) affine[0], offset = affine == null ? 0 : (float) affine[1];
			for (int z = 0; z < zs.length; z++) {
				Object plane = arrays[c][zs[z]];
				PlaneReader r = readers[c][zs[z]];
				for (int y = 0; y < ys.length; y++) {
					int src = ys[y] * width;
					// the common cases get loops without an interface call per pixel
					if (affine != null && plane instanceof short[] a) for (int x = 0; x < n; x++) row[x] = (a[src + xs[x]] & 0xffff) * gain + offset;
					else if (affine != null && plane instanceof byte[] a) for (int x = 0; x < n; x++) row[x] = (a[src + xs[x]] & 0xff) * gain + offset;
					else for (int x = 0; x < n; x++) row[x] = feed(p, affine, r.get(src + xs[x]));
					int base = layout.index(c, z, y, 0);
					if (layout.xStride() == 1) buf.put(base, row, 0, n);
					else for (int x = 0; x < n; x++) buf.put(base + x * layout.xStride(), row[x]);
				}
			}
		}
	}

	/**
	 * One value as the model is fed it (the fast loops above compute the same in the same float
	 * order); {@link NormalisedInput#volumes} uses it so training sees bit-identical values.
	 */
	static float feed(ValuePipeline p, double[] affine, float raw) {
		float v = affine != null ? raw * (float) affine[0] + (float) affine[1] : (float) p.apply(raw);
		return Float.isFinite(v) ? v : 0f; // NaN input only reaches here with --non-finite=zero
	}

	private void accumulate(FloatBuffer buf, TensorLayout layout, TileBand acc, float[][] rows, int[] shift, ImageVolume image,
		AxisTiling zt, int zi, AxisTiling yt, int yi, AxisTiling xt, int xi)
	{
		int w = image.width(), h = image.height();
		int z0 = zt.coreStarts()[zi], y0 = yt.coreStarts()[yi], x0 = xt.coreStarts()[xi];
		int zCore = Math.min(zt.coreLength(), zt.imageSize() - z0);
		int yCore = Math.min(yt.coreLength(), h - y0);
		int xCore = Math.min(xt.coreLength(), w - x0);
		float[] wx = new float[xCore];
		for (int kx = 0; kx < xCore; kx++) wx[kx] = xt.weight(xi, kx);
		int ox = xt.halo() - shift[2];
		for (int kz = 0; kz < zCore; kz++) {
			float wz = zt.weight(zi, kz);
			int oz = kz + zt.halo() - shift[0];
			for (int ky = 0; ky < yCore; ky++) {
				float wy = wz * yt.weight(yi, ky);
				int oy = ky + yt.halo() - shift[1];
				for (int c = 0; c < rows.length; c++) {
					int start = layout.index(c, oz, oy, ox);
					if (layout.xStride() == 1) buf.get(start, rows[c], 0, xCore);
					else for (int kx = 0; kx < xCore; kx++) rows[c][kx] = buf.get(start + kx * layout.xStride());
				}
				post.applyRows(rows, xCore);
				int index = (volumetric ? acc.index(z0 + kz, (y0 + ky) * w) : acc.index(y0 + ky, 0)) + x0;
				acc.addRow(index, rows, wx, wy, xCore);
			}
		}
	}
}
