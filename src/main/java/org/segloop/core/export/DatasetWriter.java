package org.segloop.core.export;

import java.io.IOException;

/**
 * Writes one {@link DatasetFormat} into a folder that {@link DatasetExport} has made for it and will
 * move into place only when {@link #finish()} returns.
 *
 * <p>Blocking; called from one thread; cases arrive in case-id order.
 */
public interface DatasetWriter {

	/** Writes the files of one case. */
	void add(ExportCase c, CaseData data) throws IOException;

	/** Writes the index files (dataset.json, COCO annotations…) once every case is in. */
	void finish() throws IOException;

	/** What the user should know about the export, e.g. cases left out and why (asked after {@link #finish()}). */
	default java.util.List<String> notes() {
		return java.util.List.of();
	}
}
