package org.segloop.core.model;

import java.util.List;

/**
 * Checks that a description is one SegLoop can tile: one input with a channel axis (or none) and
 * two or three space axes; an output whose space axes are the input's, at the same scale, with at
 * most 255 classes (class masks are 8-bit); each processing step on the side where SegLoop can
 * apply it. Opening a package runs these, so {@code model check} and {@code segment} refuse the
 * same descriptions.
 */
final class ModelShapes {

	/** Values in one input or output tile: 2^28 float32 values are 1 GiB. */
	static final long MAX_TILE_VALUES = 1L << 28;

	private ModelShapes() {}

	static void validate(ModelDescription d) {
		TensorDescription in = d.input();
		TensorDescription out = d.output();
		List<AxisDescription> inSpace = in.spatialAxes();
		if (inSpace.size() < 2 || inSpace.size() > 3) throw error(d, "input '" + in.id() + "' has " + inSpace.size()
			+ " space axes; SegLoop segments 2D (y, x) and 3D (z, y, x) models");
		for (AxisDescription a : in.axes()) {
			if (a.type() == AxisType.INDEX || a.type() == AxisType.TIME) throw error(d, "input axis '" + a.id()
				+ "' is of type " + a.type().name().toLowerCase() + "; SegLoop feeds batch, channel and space axes only");
			if (a.size() instanceof AxisSize.Referenced) throw error(d, "input axis '" + a.id() + "' refers to another tensor; inputs need their own sizes");
		}
		List<AxisDescription> outSpace = out.spatialAxes();
		if (outSpace.size() != inSpace.size()) throw error(d, "output '" + out.id() + "' has " + outSpace.size()
			+ " space axes but the input has " + inSpace.size());
		for (int i = 0; i < outSpace.size(); i++) {
			AxisDescription o = outSpace.get(i);
			AxisDescription iAxis = inSpace.get(i);
			if (!o.id().equals(iAxis.id())) throw error(d, "output space axes " + ids(outSpace) + " are not in the input's order " + ids(inSpace));
			if (o.size() instanceof AxisSize.Referenced r && r.scale() != 1.0) throw error(d,
				"output axis '" + o.id() + "' is scaled by " + r.scale() + " against the input; SegLoop needs outputs at input resolution");
			int tileMin = iAxis.size().atLeast(1);
			if (2 * o.halo() >= tileMin && iAxis.size() instanceof AxisSize.Fixed) throw error(d, "output axis '" + o.id()
				+ "' has halo " + o.halo() + " which leaves nothing of the fixed input size " + tileMin);
		}
		checkTileValues(d, inSpace, outSpace);
		if (out.indexOf(AxisType.TIME) >= 0 || out.indexOf(AxisType.INDEX) >= 0)
			throw error(d, "output '" + out.id() + "' has a time or index axis; SegLoop reads batch, channel and space axes");
		if (out.channelCount() > 255) throw new ModelPackageException(d.rdfFile(), "output '" + out.id() + "' has "
			+ out.channelCount() + " channels; SegLoop's class masks hold at most 255 classes", "use a model with at most 255 classes");
		for (int i = 0; i < in.processing().size(); i++)
			if (in.processing().get(i) instanceof ProcessingStep.Softmax || in.processing().get(i) instanceof ProcessingStep.Sigmoid)
				throw misplaced(d, "inputs[0].preprocessing[" + i + "]", in.processing().get(i), "postprocessing");
		for (int i = 0; i < out.processing().size(); i++) {
			ProcessingStep step = out.processing().get(i);
			if (step instanceof ProcessingStep.Pooled || step instanceof ProcessingStep.FixedZeroMeanUnitVariance
				|| step instanceof ProcessingStep.EnsureDtype) throw misplaced(d, "outputs[0].postprocessing[" + i + "]", step, "preprocessing");
		}
	}

	/**
	 * The smallest tile that leaves a core inside the halo, and the output it gives, must fit in
	 * {@link #MAX_TILE_VALUES}: each axis's numbers are bounded when read, but three plausible
	 * axes can still multiply to a tile no memory holds (and overflow int arithmetic).
	 */
	private static void checkTileValues(ModelDescription d, List<AxisDescription> inSpace, List<AxisDescription> outSpace) {
		long inValues = Math.max(1, d.input().channelCount()), outValues = Math.max(1, d.output().channelCount());
		StringBuilder tile = new StringBuilder();
		for (int i = 0; i < inSpace.size(); i++) {
			AxisDescription o = outSpace.get(i);
			int size = inSpace.get(i).size().atLeast(2 * o.halo() + 1);
			long outSize = o.size() instanceof AxisSize.Referenced r ? Math.round(size * r.scale()) + r.offset()
				: o.size() instanceof AxisSize.Fixed f ? f.size() : size;
			if (outSize < 1) throw error(d, "output axis '" + o.id() + "' has offset " + ((AxisSize.Referenced) o.size()).offset()
				+ ", which leaves no output for the smallest input tile of " + size + " pixels");
			inValues *= size;
			outValues *= outSize;
			tile.append(i == 0 ? "" : "×").append(size);
		}
		long values = Math.max(inValues, outValues);
		if (values > MAX_TILE_VALUES) throw new ModelPackageException(d.rdfFile(), "the smallest tile the axes allow (" + tile
			+ " pixels, halo " + outSpace.stream().map(a -> String.valueOf(a.halo())).toList() + ") holds " + values
			+ " values, more than the " + MAX_TILE_VALUES + " (1 GiB of float32) SegLoop runs a model on",
			"correct the sizes and halos in rdf.yaml: a halo is a border of a few dozen pixels, a tile a few hundred per axis");
	}

	private static ModelPackageException misplaced(ModelDescription d, String where, ProcessingStep step, String side) {
		return new ModelPackageException(d.rdfFile(), "field '" + where + "' is " + step.getClass().getSimpleName()
			+ ", which SegLoop applies only as " + side, "move the step to " + side + " or remove it");
	}

	private static String ids(List<AxisDescription> axes) {
		return axes.stream().map(AxisDescription::id).toList().toString();
	}

	private static ModelPackageException error(ModelDescription d, String what) {
		return new ModelPackageException(d.rdfFile(), what, "correct the axes in rdf.yaml to match the model");
	}
}
