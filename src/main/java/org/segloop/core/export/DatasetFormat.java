package org.segloop.core.export;

import java.nio.file.Path;
import java.util.List;

import org.segloop.core.registry.Extension;

/**
 * The extension point of dataset layouts: makes the {@link DatasetWriter} that lays out an export.
 * Listed in {@code META-INF/services/org.segloop.core.export.DatasetFormat}; found by name through
 * {@link ExportFormats}.
 */
public interface DatasetFormat extends Extension {

	/**
	 * @param folder the empty staging folder to write into ({@link DatasetExport} moves it into place when done)
	 * @param labelNames the model's class names, background first
	 * @param boundaryClass the model's boundary class (not an object class), or ≤ 0 for none
	 */
	DatasetWriter writer(Path folder, ExportSettings settings, List<String> labelNames, int boundaryClass);
}
