package org.segloop.core.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.segloop.core.registry.ExtensionFailedException;
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

	/**
	 * The format's writer; an added format's is held to its contract: a writer (never null) whose
	 * exceptions are I/O errors or SegLoop's typed errors. Anything else is an
	 * {@link ExtensionFailedException} naming the format and the case (or the folder).
	 */
	static DatasetWriter writer(DatasetFormat format, Path folder, ExportSettings settings, List<String> labelNames, int boundaryClass) {
		if (REGISTRY.isBuiltIn(format)) return format.writer(folder, settings, labelNames, boundaryClass);
		DatasetWriter w;
		try {
			w = format.writer(folder, settings, labelNames, boundaryClass);
		}
		catch (RuntimeException e) {
			if (!ExtensionFailedException.isBreach(e)) throw e;
			throw failed(format, folder, "failed to start writing: " + e, e);
		}
		if (w == null) throw failed(format, folder, "returned no writer (null)", null);
		return new DatasetWriter() {
			@Override
			public void add(ExportCase c, CaseData data) throws IOException {
				try {
					w.add(c, data);
				}
				catch (RuntimeException e) {
					if (!ExtensionFailedException.isBreach(e)) throw e;
					throw failed(format, c.image().path(), "failed writing case " + c.caseId() + ": " + e, e);
				}
			}

			@Override
			public void finish() throws IOException {
				try {
					w.finish();
				}
				catch (RuntimeException e) {
					if (!ExtensionFailedException.isBreach(e)) throw e;
					throw failed(format, folder, "failed finishing the export: " + e, e);
				}
			}

			@Override
			public List<String> notes() {
				try {
					return List.copyOf(w.notes());
				}
				catch (RuntimeException e) {
					if (!ExtensionFailedException.isBreach(e)) throw e;
					throw failed(format, folder, "failed listing its notes: " + e, e);
				}
			}
		};
	}

	private static ExtensionFailedException failed(DatasetFormat format, Path file, String problem, Throwable cause) {
		return new ExtensionFailedException(file, REGISTRY.kind(), format.name(), format.getClass(), problem, cause);
	}
}
