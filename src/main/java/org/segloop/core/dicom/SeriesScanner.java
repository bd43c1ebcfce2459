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

/**
 * Groups DICOM files into series by StudyInstanceUID and SeriesInstanceUID, and sets aside the
 * objects that are not images (segmentations, structure sets, reports, ...).
 *
 * <p>Blocking; reads each file's header (not its pixels) and hashes the file, in one pass per file,
 * on the common fork-join pool's threads.
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

	/** One file's header and hash, or why it could not be read. */
	private record Read(Path file, AttributeList header, String sha256, SegLoopException error) {}

	public static Scan scan(List<Path> dicomFiles) {
		Map<String, List<FrameHeader>> groups = new LinkedHashMap<>();
		List<SegLoopException> notImages = new ArrayList<>(), unreadable = new ArrayList<>();
		// header and hash in one pass per file, files in parallel (hashing dominates); results in the given order
		for (Read r : dicomFiles.parallelStream().map(SeriesScanner::read).toList()) {
			if (r.error() != null) {
				unreadable.add(r.error());
				continue;
			}
			String sop = DicomFiles.string(r.header(), com.pixelmed.dicom.TagFromName.SOPClassUID);
			if (!DicomObjects.isImage(sop)) {
				notImages.add(new ImageInputException(r.file(), "is " + DicomObjects.describe(sop), DicomObjects.fixFor(sop)));
				continue;
			}
			try {
				for (FrameHeader f : FrameHeader.of(r.file().toAbsolutePath().normalize(), r.sha256(), r.header()))
					groups.computeIfAbsent(f.study() + "\u0000" + f.series(), k -> new ArrayList<>()).add(f);
			}
			catch (SegLoopException e) {
				unreadable.add(e);
			}
		}
		List<DicomSeries> series = new ArrayList<>();
		for (List<FrameHeader> frames : groups.values()) series.addAll(SeriesAssembler.assemble(frames));
		series.sort(Comparator.comparing(DicomSeries::studyUid).thenComparing(DicomSeries::seriesUid));
		return new Scan(series, notImages, unreadable);
	}

	private static Read read(Path file) {
		try {
			DicomFiles.Hashed h = DicomFiles.readAndHash(file, true);
			return new Read(file, h.list(), h.sha256(), null);
		}
		catch (SegLoopException e) {
			return new Read(file, null, null, e);
		}
	}
}
