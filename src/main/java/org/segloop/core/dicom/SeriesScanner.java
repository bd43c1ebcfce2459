package org.segloop.core.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.AttributeList;

import org.segloop.core.SegLoopException;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.util.Hashing;

/**
 * Groups DICOM files into series by StudyInstanceUID and SeriesInstanceUID, and sets aside the
 * objects that are not images (segmentations, structure sets, reports, ...).
 *
 * <p>Blocking; reads each file's header (not its pixels) and hashes it.
 */
public final class SeriesScanner {

	/**
	 * What a scan found.
	 *
	 * @param series usable and refused series (see {@link DicomSeries#problem()}), sorted by UIDs
	 * @param notImages files that are DICOM but no image, each with what it is
	 * @param unreadable files that could not be read, each with its error
	 */
	public record Scan(List<DicomSeries> series, List<SegLoopException> notImages, List<SegLoopException> unreadable) {}

	private SeriesScanner() {}

	public static Scan scan(List<Path> dicomFiles) {
		Map<String, List<FrameHeader>> groups = new LinkedHashMap<>();
		List<SegLoopException> notImages = new ArrayList<>(), unreadable = new ArrayList<>();
		for (Path file : dicomFiles) {
			try {
				AttributeList a = DicomFiles.header(file);
				String sop = DicomFiles.string(a, com.pixelmed.dicom.TagFromName.SOPClassUID);
				if (!DicomObjects.isImage(sop)) {
					notImages.add(new ImageInputException(file, "is " + DicomObjects.describe(sop), DicomObjects.fixFor(sop)));
					continue;
				}
				String sha = Hashing.sha256(file);
				for (FrameHeader f : FrameHeader.of(file.toAbsolutePath().normalize(), sha, a))
					groups.computeIfAbsent(f.study() + "\u0000" + f.series(), k -> new ArrayList<>()).add(f);
			}
			catch (SegLoopException e) {
				unreadable.add(e);
			}
			catch (java.io.UncheckedIOException e) {
				unreadable.add(new ImageInputException(file, "cannot be read: " + e.getCause().getMessage(), "check the file's permissions"));
			}
		}
		List<DicomSeries> series = new ArrayList<>();
		for (List<FrameHeader> frames : groups.values()) series.addAll(SeriesAssembler.assemble(frames));
		series.sort(Comparator.comparing(DicomSeries::studyUid).thenComparing(DicomSeries::seriesUid));
		return new Scan(series, notImages, unreadable);
	}
}
