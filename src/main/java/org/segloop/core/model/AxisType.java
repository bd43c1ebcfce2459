package org.segloop.core.model;

/** Kinds of tensor axes in a bioimage.io model description. */
public enum AxisType {
	BATCH, CHANNEL, INDEX, TIME, SPACE;

	static AxisType parse(String text) {
		return switch (text) {
			case "batch" -> BATCH;
			case "channel" -> CHANNEL;
			case "index" -> INDEX;
			case "time" -> TIME;
			case "space" -> SPACE;
			default -> null;
		};
	}
}
