package org.segloop.core.export;

import java.util.List;

import org.segloop.core.registry.Registry;
import org.segloop.core.registry.UnknownNameException;

/**
 * The dataset layouts SegLoop exports, by name: its built-ins and any {@link DatasetFormat} a jar on
 * the class path registers.
 */
public final class ExportFormats {

	public static final Registry<DatasetFormat> REGISTRY = new Registry<>(DatasetFormat.class, "export format");

	private ExportFormats() {}

	/** The names users give (lower case), in the order help texts and choice lists show them. */
	public static List<String> names() {
		return REGISTRY.names();
	}

	/** @throws UnknownNameException for an unknown name, listing the known ones */
	public static DatasetFormat byName(String name) {
		return REGISTRY.byName(name);
	}
}
