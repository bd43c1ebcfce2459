package org.segloop.core.model;

import java.util.List;

/**
 * One axis of a model tensor.
 *
 * @param type what the axis means
 * @param id axis id: "b", "c", "x", "y", "z", "t" or a custom one
 * @param size admissible sizes
 * @param halo output pixels on each side that the model cannot predict reliably (outputs only)
 * @param channelNames names of the channels, on channel axes that name them; otherwise empty
 */
public record AxisDescription(AxisType type, String id, AxisSize size, int halo, List<String> channelNames) {

	public AxisDescription {
		channelNames = List.copyOf(channelNames);
	}

	public boolean isSpatial() {
		return type == AxisType.SPACE;
	}
}
