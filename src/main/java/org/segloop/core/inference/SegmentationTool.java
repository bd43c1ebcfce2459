package org.segloop.core.inference;

import java.util.ArrayList;
import java.util.List;

import org.segloop.core.image.ImageVolume;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.SegLoopSettings.InstanceMode;
import org.segloop.core.model.SegLoopSettings;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/**
 * The headless entry point for segmenting images with one model package: loads the ONNX session
 * once, then segments any number of images into class masks, instance labels and (through extra
 * sinks) probabilities or reductions of them.
 *
 * <p>Blocking and single-threaded per instance (ORT uses the configured threads inside each tile).
 * Close it to release the native session.
 */
public final class SegmentationTool implements AutoCloseable {

	private final OnnxModel model;
	private final Segmenter segmenter;
	private final SegmentOptions options;

	public SegmentationTool(ModelPackage pkg, RuntimeOptions runtime, SegmentOptions options) {
		this(pkg, runtime, options, null);
	}

	/** With a fine-tuned version's weights (initializer overrides), or the package's own when null. */
	public SegmentationTool(ModelPackage pkg, RuntimeOptions runtime, SegmentOptions options, org.segloop.core.model.WeightSet weights) {
		this.model = OnnxModel.load(pkg, runtime, weights);
		this.options = options;
		this.segmenter = new Segmenter(model, options);
	}

	public SegmentationResult segment(ImageVolume image) {
		return segment(image, List.of(), ProgressListener.NONE, new Cancellation());
	}

	public SegmentationResult segment(ImageVolume image, List<? extends ProbabilitySink> extraSinks, ProgressListener progress,
		Cancellation cancel)
	{
		long start = System.nanoTime();
		SegLoopSettings settings = model.modelPackage().description().settings();
		ClassMaskSink mask = new ClassMaskSink(settings.threshold());
		List<ProbabilitySink> sinks = new ArrayList<>(extraSinks);
		sinks.add(0, mask);
		long tiles = segmenter.run(image, sinks, progress, cancel);
		InstanceLabeler.Result instances = null;
		if (options.instances() && settings.instanceMode() != InstanceMode.NONE) {
			int boundary = settings.instanceMode() == InstanceMode.BOUNDARY ? settings.boundaryChannel() : -1;
			int foreground = segmenter.classNames().size() == 1 ? 1 : settings.foregroundChannel();
			instances = new InstanceLabeler(foreground, boundary, settings.minObjectSize()).label(mask.mask(), isVolumetric());
		}
		return new SegmentationResult(segmenter.geometry(image), mask.mask(), instances == null ? null : instances.labels(),
			instances == null ? 0 : instances.count(), tiles, (System.nanoTime() - start) / 1e9);
	}

	/**
	 * Runs the model and feeds the probabilities to the sinks only (no class mask or instances),
	 * e.g. for extra test-time-augmentation passes. Same contract as {@link #segment}.
	 *
	 * @return tiles run
	 */
	public long probabilities(ImageVolume image, List<? extends ProbabilitySink> sinks, ProgressListener progress, Cancellation cancel) {
		return segmenter.run(image, sinks, progress, cancel);
	}

	public Segmenter.TilePlan plan(ImageVolume image) {
		return segmenter.plan(image);
	}

	public boolean isVolumetric() {
		return model.modelPackage().description().input().spatialAxes().size() == 3;
	}

	public List<String> classNames() {
		return segmenter.classNames();
	}

	public OnnxModel model() {
		return model;
	}

	@Override
	public void close() {
		model.close();
	}
}
