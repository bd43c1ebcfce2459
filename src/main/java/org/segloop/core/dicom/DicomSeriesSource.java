package org.segloop.core.dicom;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.ImageSource;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.registry.NamedExtension;

/**
 * {@code dicom-series}: one image per DICOM series, read from the {@code .dcmseries} manifest that
 * {@link DicomInputs} writes when DICOM files are added. A refused series' manifest carries its
 * problem, reported here like any unreadable image.
 */
public final class DicomSeriesSource extends NamedExtension implements ImageSource {

	public static final String NAME = "dicom-series";

	public DicomSeriesSource() {
		super(NAME, "one image per DICOM series (CT, MR, PET, ... slices or enhanced multi-frame objects), in physical values");
	}

	/** A manifest, or a single DICOM file (read as a series of its own: one slice, or the frames of a multi-frame object). */
	@Override
	public boolean canRead(Path path) {
		return DicomSeries.isManifest(path) || Files.isRegularFile(path) && DicomFiles.isDicom(path);
	}

	@Override
	public ImageVolume read(Path path) {
		DicomSeries s = DicomSeries.isManifest(path) ? DicomSeries.load(path) : single(path);
		if (!s.usable()) throw new ImageInputException(s.slices().get(0).path().getParent(), "holds a " + s.modality() + " series that " + s.problem(), s.fix());
		return SeriesPixels.read(s, path);
	}

	private static DicomSeries single(Path file) {
		SeriesScanner.Scan scan = SeriesScanner.scan(List.of(file));
		if (!scan.unreadable().isEmpty()) throw scan.unreadable().get(0);
		if (!scan.notImages().isEmpty()) throw scan.notImages().get(0);
		return scan.series().get(0);
	}
}
