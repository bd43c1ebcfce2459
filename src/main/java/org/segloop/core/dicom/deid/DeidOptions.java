package org.segloop.core.dicom.deid;

import java.util.ArrayList;
import java.util.List;

/**
 * Which options of the Basic Application Level Confidentiality Profile (PS3.15 E.1) to apply; all
 * false is the Basic Profile alone.
 *
 * @param modifiedDates Retain Longitudinal Temporal Information with Modified Dates: dates are shifted
 *        by a per-patient number of days instead of being removed (times are kept)
 * @param cleanDescriptors Clean Descriptors: study, series and protocol descriptions and similar free
 *        text are kept, with every word that occurs in the object's identifying attributes replaced
 * @param patientCharacteristics Retain Patient Characteristics: sex, age, size, weight, ethnic group,
 *        smoking and pregnancy status are kept
 */
public record DeidOptions(boolean modifiedDates, boolean cleanDescriptors, boolean patientCharacteristics) {

	/** A coded de-identification method (CID 7050), scheme DCM. */
	public record MethodCode(String value, String meaning) {}

	public static DeidOptions basic() {
		return new DeidOptions(false, false, false);
	}

	/** The codes for DeidentificationMethodCodeSequence: 113100 always, then one per option. */
	public List<MethodCode> methodCodes() {
		List<MethodCode> codes = new ArrayList<>();
		codes.add(new MethodCode("113100", "Basic Application Confidentiality Profile"));
		if (cleanDescriptors) codes.add(new MethodCode("113105", "Clean Descriptors Option"));
		if (modifiedDates) codes.add(new MethodCode("113106", "Retain Longitudinal Temporal Information Modified Dates Option"));
		if (patientCharacteristics) codes.add(new MethodCode("113108", "Retain Patient Characteristics Option"));
		return codes;
	}

	/** A stable text form, e.g. {@code basic+modified-dates}; {@link #parse} reads it back. */
	public String id() {
		StringBuilder b = new StringBuilder("basic");
		if (modifiedDates) b.append("+modified-dates");
		if (cleanDescriptors) b.append("+clean-descriptors");
		if (patientCharacteristics) b.append("+patient-characteristics");
		return b.toString();
	}

	/** @throws IllegalArgumentException for text {@link #id()} does not write */
	public static DeidOptions parse(String id) {
		List<String> parts = List.of(id.trim().split("\\+"));
		if (parts.isEmpty() || !parts.get(0).equals("basic")) throw new IllegalArgumentException("not a de-identification profile: " + id);
		for (String p : parts.subList(1, parts.size()))
			if (!List.of("modified-dates", "clean-descriptors", "patient-characteristics").contains(p))
				throw new IllegalArgumentException("unknown de-identification option '" + p + "' in " + id);
		return new DeidOptions(parts.contains("modified-dates"), parts.contains("clean-descriptors"), parts.contains("patient-characteristics"));
	}
}
