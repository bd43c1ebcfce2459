package org.segloop.core.export;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** JSON for exported index files: pretty, no HTML escaping, strict (a missing figure is null, never NaN). */
final class ExportJson {

	static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

	private ExportJson() {}

	/** The value, or null for NaN and infinities (strict JSON has no NaN). */
	static Double finite(double v) {
		return Double.isFinite(v) ? v : null;
	}
}
