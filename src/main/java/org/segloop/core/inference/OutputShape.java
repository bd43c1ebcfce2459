package org.segloop.core.inference;

import java.util.List;

import org.segloop.core.model.AxisDescription;
import org.segloop.core.model.AxisSize;
import org.segloop.core.model.TensorDescription;

/**
 * The output shape rdf.yaml implies for an input of given space sizes. {@link Segmenter} binds
 * output buffers of exactly this shape, so {@link ModelCheck} compares the model's real output
 * against the same rule: whatever {@code segment} would reject, {@code model check} rejects.
 */
final class OutputShape {

	private OutputShape() {}

	/** Channels of the output: the declared channel names (at least 1). */
	static int channels(TensorDescription out) {
		return Math.max(1, out.channelCount());
	}

	/** @param inSpatial input space sizes in model order, e.g. [h, w] or [d, h, w] */
	static int[] spatial(TensorDescription out, int[] inSpatial) {
		List<AxisDescription> axes = out.spatialAxes();
		int[] sizes = new int[inSpatial.length];
		for (int i = 0; i < sizes.length; i++) {
			AxisSize size = axes.get(i).size();
			sizes[i] = size instanceof AxisSize.Referenced r ? (int) Math.round(inSpatial[i] * r.scale()) + r.offset()
				: size instanceof AxisSize.Fixed f ? f.size() : inSpatial[i];
		}
		return sizes;
	}

	static TensorLayout layout(TensorDescription out, int[] inSpatial) {
		return TensorLayout.of(out, channels(out), spatial(out, inSpatial));
	}
}
