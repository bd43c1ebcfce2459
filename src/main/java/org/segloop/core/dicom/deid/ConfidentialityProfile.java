package org.segloop.core.dicom.deid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.pixelmed.dicom.AttributeTag;

/**
 * DICOM PS3.15 Table E.1-1 as data (the resource {@code table-e1-1.tsv}): for each attribute, what
 * the Basic Profile and the options SegLoop implements do with it, resolved to one {@link Action}.
 * Immutable and thread-safe.
 */
public final class ConfidentialityProfile {

	/** What happens to an attribute (PS3.15 E.1.1 action codes after choosing among combined codes). */
	public enum Action {
		/** X: removed. */
		REMOVE,
		/** Z: kept with zero length. */
		EMPTY,
		/** D: replaced by a dummy value of its VR. */
		DUMMY,
		/** U: UIDs replaced through the key (a sequence is kept and its items de-identified). */
		REPLACE_UID,
		/** K: kept. */
		KEEP,
		/** C: kept and cleaned (text scrubbed of identifying words; dates shifted with the modified-dates option). */
		CLEAN
	}

	/**
	 * One row of the table.
	 *
	 * @param basic the Basic Profile's code, e.g. {@code X/Z}
	 * @param modifiedDates the Retain Longitudinal ... Modified Dates option's code, or "-"
	 * @param cleanDescriptors the Clean Descriptors option's code, or "-"
	 * @param patientCharacteristics the Retain Patient Characteristics option's code, or "-"
	 */
	public record Row(AttributeTag tag, String basic, String modifiedDates, String cleanDescriptors, String patientCharacteristics, String name) {}

	private static final Map<AttributeTag, Row> ROWS = load();

	private ConfidentialityProfile() {}

	/** Every row, in tag order. */
	public static Map<AttributeTag, Row> rows() {
		return ROWS;
	}

	/** The row of {@code tag}, or null when the table does not list it (then the attribute is kept). */
	public static Row row(AttributeTag tag) {
		return ROWS.get(tag);
	}

	/**
	 * The action for a row under the options. An option's code replaces the Basic Profile's; of
	 * combined codes the one that keeps any IOD valid without knowing the attribute's type there is
	 * chosen: X/Z and Z/D → Z (a type 3 attribute may be empty), X/D → D (it may be type 1),
	 * X/Z/D → Z, X/Z/U* → U.
	 */
	public static Action action(Row r, DeidOptions o) {
		if (o.patientCharacteristics() && !r.patientCharacteristics().equals("-")) return code(r.patientCharacteristics());
		if (o.cleanDescriptors() && !r.cleanDescriptors().equals("-")) return code(r.cleanDescriptors());
		if (o.modifiedDates() && !r.modifiedDates().equals("-")) return code(r.modifiedDates());
		return code(r.basic());
	}

	private static Action code(String c) {
		return switch (c) {
			case "X" -> Action.REMOVE;
			case "Z", "X/Z", "Z/D", "X/Z/D" -> Action.EMPTY;
			case "D", "X/D" -> Action.DUMMY;
			case "U", "X/Z/U*", "Z/U*", "U*" -> Action.REPLACE_UID;
			case "K" -> Action.KEEP;
			case "C" -> Action.CLEAN;
			default -> Action.REMOVE; // an unknown code: the safe choice
		};
	}

	private static Map<AttributeTag, Row> load() {
		Map<AttributeTag, Row> rows = new LinkedHashMap<>();
		try (InputStream in = ConfidentialityProfile.class.getResourceAsStream("table-e1-1.tsv")) {
			if (in == null) throw new IllegalStateException("table-e1-1.tsv is missing from SegLoop's jar");
			BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line; (line = r.readLine()) != null;) {
				if (line.isBlank() || line.startsWith("#")) continue;
				String[] f = line.split("\t");
				AttributeTag tag = new AttributeTag(Integer.parseInt(f[0].substring(0, 4), 16), Integer.parseInt(f[0].substring(4, 8), 16));
				rows.put(tag, new Row(tag, f[1], f[2], f[3], f[4], f[5]));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return Collections.unmodifiableMap(rows);
	}
}
