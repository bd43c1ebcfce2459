package org.segloop.core.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.segloop.core.nifti.NiftiFiles;

/**
 * Image / label pairs as NIfTI-1: {@code SUBSET/images/CASE.nii.gz} (physical values, e.g. HU,
 * exactly) and {@code SUBSET/labels/CASE.nii.gz} (class per voxel), both with the image's
 * geometry: a DICOM series' patient position and orientation (RAS, including gantry tilt) or the
 * calibration's spacing. Instance labels are not part of this format (use the tiff format for them).
 */
final class NiftiPairsWriter implements DatasetWriter {

	static final String SUFFIX = ".nii.gz";

	private final Path root;

	NiftiPairsWriter(Path root) {
		this.root = root;
	}

	@Override
	public void add(ExportCase c, CaseData data) throws IOException {
		Path subset = root.resolve(c.subset().folderName());
		String file = c.caseId() + SUFFIX;
		NiftiFiles.writeImage(data.image(), Files.createDirectories(subset.resolve("images")).resolve(file));
		NiftiFiles.writeLabels(data.classes(), data.image().source(), data.image().calibration(),
			Files.createDirectories(subset.resolve("labels")).resolve(file));
	}

	@Override
	public void finish() {
		// the pairs are the whole format; the provenance sidecar indexes them
	}
}
