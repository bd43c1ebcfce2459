package org.segloop.core.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One input or output tensor of a model.
 *
 * @param id tensor id (0.5) or name (0.4)
 * @param axes in the model's order
 * @param dataType declared element type, e.g. "float32"
 * @param testTensor .npy file with the test input or expected output, or null
 * @param testTensorSha256 declared hash of that file, or null
 * @param processing preprocessing for inputs, postprocessing for outputs, in order
 */
public record TensorDescription(String id, List<AxisDescription> axes, String dataType, Path testTensor,
	String testTensorSha256, List<ProcessingStep> processing)
{

	public TensorDescription {
		axes = List.copyOf(axes);
		processing = List.copyOf(processing);
	}

	public int indexOf(AxisType type) {
		for (int i = 0; i < axes.size(); i++)
			if (axes.get(i).type() == type) return i;
		return -1;
	}

	public Optional<AxisDescription> axis(String axisId) {
		return axes.stream().filter(a -> a.id().equals(axisId)).findFirst();
	}

	/** Spatial axes in model order, e.g. [z, y, x] or [y, x]. */
	public List<AxisDescription> spatialAxes() {
		return axes.stream().filter(AxisDescription::isSpatial).toList();
	}

	/** Declared channel count, or -1 when the channel axis has no fixed size. */
	public int channelCount() {
		int c = indexOf(AxisType.CHANNEL);
		if (c < 0) return 1;
		AxisDescription axis = axes.get(c);
		if (axis.size() instanceof AxisSize.Fixed f) return f.size();
		return axis.channelNames().isEmpty() ? -1 : axis.channelNames().size();
	}
}
