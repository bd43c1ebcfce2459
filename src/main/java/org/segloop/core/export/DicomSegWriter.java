package org.segloop.core.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.segloop.core.SegLoopException;
import org.segloop.core.UserSetting;
import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.dicom.seg.Segment;
import org.segloop.core.dicom.seg.SegmentClasses;
import org.segloop.core.dicom.seg.SegmentationWriter;
import org.segloop.core.model.ModelPackage;

/**
 * One DICOM Segmentation per corrected DICOM series: {@code segmentations/CASE.dcm}, with
 * {@code segmentations.json} listing what was written and what was left out. Segments are the
 * semantic classes the correction holds (instances are not segments). SegmentAlgorithmType says how
 * the correction came about: AUTOMATIC when the proposal was accepted unchanged, MANUAL when the
 * proposal held no object, else SEMIAUTOMATIC; SegmentAlgorithmName is the model version's name and
 * id; ContentCreatorName the annotator. Images that are not DICOM series are left out with a note;
 * an export with no DICOM series at all is refused.
 */
final class DicomSegWriter implements DatasetWriter {

	private final Path root;
	private final Map<Path, SegmentClasses> classesByModel = new HashMap<>();
	private final List<Map<String, Object>> written = new ArrayList<>();
	private final List<Map<String, Object>> skipped = new ArrayList<>();
	private final List<String> notes = new ArrayList<>();

	DicomSegWriter(Path root) {
		this.root = root;
	}

	@Override
	public void add(ExportCase c, CaseData data) throws IOException {
		Path manifest = c.image().path();
		if (!DicomSeries.isManifest(manifest)) {
			skip(c, "is not a DICOM series");
			return;
		}
		DicomSeries series = DicomSeries.load(manifest);
		SegmentClasses classes = classesByModel.computeIfAbsent(c.model().source(), s -> SegmentClasses.of(ModelPackage.open(s)));
		Segment.Algorithm algorithm = algorithm(c);
		String algorithmName = c.model().name() + " (version " + c.model().id() + ")";
		List<Segment> segments = new ArrayList<>();
		for (SegmentClasses.SegmentClass k : classes.all()) segments.add(new Segment(segments.size() + 1, k, algorithm, algorithmName));
		if (segments.stream().noneMatch(s -> contains(data, s.segmentClass().value()))) {
			skip(c, "has an empty correction (no pixel of " + classes.names() + ")");
			return;
		}
		Path file = Files.createDirectories(root.resolve("segmentations")).resolve(c.caseId() + ".dcm");
		int frames = SegmentationWriter.write(manifest, series, data.classes(), segments,
			new SegmentationWriter.Content(c.correction().annotator(), "SegLoop " + c.model().name(), softwareVersion()), file);
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("case", c.caseId());
		m.put("file", root.relativize(file).toString());
		m.put("subset", c.subset().name().toLowerCase(java.util.Locale.ROOT));
		m.put("algorithmType", algorithm.name());
		m.put("frames", frames);
		written.add(m);
	}

	private static boolean contains(CaseData data, int value) {
		for (int[] plane : data.classes().labels())
			for (int v : plane) if (v == value) return true;
		return false;
	}

	/** How the correction came about, from its stored metrics (see the class comment). */
	static Segment.Algorithm algorithm(ExportCase c) {
		if (c.correction().fractionChanged() == 0) return Segment.Algorithm.AUTOMATIC;
		JsonObject m = JsonParser.parseString(c.correction().metrics()).getAsJsonObject();
		boolean emptyProposal = m.has("proposedObjects") && m.get("proposedObjects").getAsInt() == 0;
		return emptyProposal ? Segment.Algorithm.MANUAL : Segment.Algorithm.SEMIAUTOMATIC;
	}

	private void skip(ExportCase c, String why) {
		skipped.add(Map.of("case", c.caseId(), "reason", why));
		notes.add("left out " + c.caseId() + ": it " + why);
	}

	@Override
	public void finish() throws IOException {
		if (written.isEmpty()) throw new SegLoopException(root, "would hold no DICOM Segmentation: none of the " + skipped.size()
			+ " corrected image(s) is a DICOM series with a non-empty correction",
			"export DICOM SEG from a project of DICOM series, or choose another export format", UserSetting.EXPORT_FORMAT);
		Map<String, Object> index = new LinkedHashMap<>();
		index.put("segmentations", written);
		index.put("skipped", skipped);
		Files.writeString(root.resolve("segmentations.json"), ExportJson.GSON.toJson(index));
	}

	private static String softwareVersion() {
		String v = DicomSegWriter.class.getPackage().getImplementationVersion();
		return "SegLoop " + (v == null ? "development build" : v);
	}

	@Override
	public List<String> notes() {
		return List.copyOf(notes);
	}
}
