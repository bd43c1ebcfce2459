package org.segloop.core.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.segloop.core.image.Calibration;
import org.segloop.core.output.ImageFiles;
import org.segloop.core.output.LabelFiles;

/**
 * Image / mask pairs as Cellpose and StarDist read them: {@code SUBSET/images/CASE.tif},
 * {@code SUBSET/masks/CASE.tif} (instance labels) and {@code SUBSET/classes/CASE.tif} (class per
 * pixel), with the image's type and calibration.
 */
final class TiffPairsWriter implements DatasetWriter {

	private final Path root;

	TiffPairsWriter(Path root) {
		this.root = root;
	}

	@Override
	public void add(ExportCase c, CaseData data) throws IOException {
		Path subset = root.resolve(c.subset().folderName());
		String file = c.caseId() + ".tif";
		Calibration cal = data.image().calibration().withoutValueFunction();
		ImageFiles.write(data.image(), Files.createDirectories(subset.resolve("images")).resolve(file));
		LabelFiles.write(data.instances(), Files.createDirectories(subset.resolve("masks")).resolve(file), cal);
		LabelFiles.write(data.classes(), Files.createDirectories(subset.resolve("classes")).resolve(file), cal);
	}

	@Override
	public void finish() {
		// the pairs are the whole format; the provenance sidecar indexes them
	}
}
