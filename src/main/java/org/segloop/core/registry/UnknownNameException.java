package org.segloop.core.registry;

import java.util.List;

/** A name that no registered extension carries; says which kind of thing was asked for and which names there are. */
public final class UnknownNameException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String kind;
	private final String value;
	private final List<String> known;

	public UnknownNameException(String kind, String value, List<String> known) {
		super("unknown " + kind + " '" + value + "'; choose one of " + String.join(", ", known));
		this.kind = kind;
		this.value = value;
		this.known = List.copyOf(known);
	}

	/** e.g. "queue strategy" */
	public String kind() {
		return kind;
	}

	public String value() {
		return value;
	}

	public List<String> known() {
		return known;
	}
}
