package org.segloop.core.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.segloop.core.image.Calibration;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.uncertainty.ImageScores;

/**
 * {@code provenance.json}: for every case, the source image (path, sha256), the correction
 * (annotator, time spent, kind, how much changed), the proposal it corrected (model version name
 * and sha256, scorer, uncertainty scores), the image's calibration (pixel size, unit, and the rescale
 * that turned stored values into the physical values exported) and the subset it went to; plus the
 * split and export settings.
 */
final class Provenance {

	private Provenance() {}

	/** @param calibrations per case id, the calibration of its image as read (spacing, value function) */
	static void write(Path file, ProjectStore store, ExportSettings settings, List<String> labels, List<ExportCase> cases,
		Map<String, Calibration> calibrations) throws IOException
	{
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("exported_by", "SegLoop 0.1.0");
		json.put("exported_at", Instant.now().toString());
		json.put("project", store.folder().toAbsolutePath().toString());
		json.put("format", settings.format().name());
		json.put("split", Map.of("train", settings.split().train(), "validation", settings.split().validation(), "test", settings.split().test(),
			"seed", settings.split().seed()));
		json.put("labels", labels);
		List<Map<String, Object>> list = new ArrayList<>();
		for (ExportCase c : cases) list.add(caseEntry(c, calibrations.get(c.caseId())));
		json.put("cases", list);
		Files.writeString(file, ExportJson.GSON.toJson(json));
	}

	private static Map<String, Object> caseEntry(ExportCase c, Calibration cal) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("case", c.caseId());
		m.put("subset", c.subset().folderName());
		m.put("image", Map.of("path", c.image().path().toString(), "sha256", c.image().sha256(), "width", c.image().width(), "height",
			c.image().height(), "channels", c.image().channels(), "slices", c.image().slices(), "frames", c.image().frames()));
		if (cal != null) {
			// the exported image holds physical values: this records the rescale that made them from the stored ones
			Map<String, Object> calibration = new LinkedHashMap<>();
			calibration.put("pixel_size", List.of(cal.pixelWidth(), cal.pixelHeight(), cal.pixelDepth()));
			calibration.put("unit", cal.unit());
			calibration.put("values", cal.hasValueFunction() ? "physical: offset + slope × stored value" : "as read (32-bit integer images are read as float32: exact up to 2^24)");
			if (cal.hasValueFunction()) {
				calibration.put("value_offset", cal.valueOffset());
				calibration.put("value_slope", cal.valueSlope());
			}
			m.put("calibration", calibration);
		}
		Correction k = c.correction();
		Map<String, Object> correction = new LinkedHashMap<>();
		correction.put("id", k.id());
		correction.put("annotator", k.annotator());
		correction.put("seconds_spent", k.secondsSpent());
		correction.put("kind", k.kind());
		correction.put("accepted_at", Instant.ofEpochMilli(k.createdAt()).toString());
		correction.put("fraction_changed", ExportJson.finite(k.fractionChanged()));
		correction.put("object_dice", ExportJson.finite(k.objectDice()));
		correction.put("object_f1", ExportJson.finite(k.objectF1()));
		correction.put("hd95", ExportJson.finite(k.hd95()));
		// which slices a person drew, which were interpolated from them and which are the model's: a dataset user may weigh them differently
		if (k.roles() != null) correction.put("slice_roles", com.google.gson.JsonParser.parseString(k.roles().toJson()));
		m.put("correction", correction);
		Prediction p = c.prediction();
		Map<String, Object> proposal = new LinkedHashMap<>();
		proposal.put("model", Map.of("version", c.model().id(), "name", c.model().name(), "sha256", c.model().sha256()));
		proposal.put("scorer", p.scorer());
		ImageScores s = p.scores();
		Map<String, Object> scores = new LinkedHashMap<>();
		for (ImageScores.Reduction r : ImageScores.Reduction.values()) scores.put(r.name().toLowerCase(java.util.Locale.ROOT), ExportJson.finite(s.value(r)));
		proposal.put("uncertainty", scores);
		proposal.put("instances", p.instanceCount());
		proposal.put("made_at", Instant.ofEpochMilli(p.createdAt()).toString());
		m.put("proposal", proposal);
		return m;
	}
}
