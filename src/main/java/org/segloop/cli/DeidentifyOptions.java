package org.segloop.cli;

import org.segloop.core.dicom.deid.DeidOptions;

import picocli.CommandLine.Option;

/** The options of the Basic Application Level Confidentiality Profile, shared by deidentify and init --deidentify. */
final class DeidentifyOptions {

	@Option(names = "--modified-dates", description = "Retain Longitudinal Temporal Information with Modified Dates: shift dates by a per-patient "
		+ "number of days (from the key) instead of removing them")
	boolean modifiedDates;

	@Option(names = "--clean-descriptors", description = "Clean Descriptors: keep study/series/protocol descriptions and similar text, "
		+ "with every word of the object's identifying attributes replaced by *")
	boolean cleanDescriptors;

	@Option(names = "--retain-patient-characteristics", description = "Retain Patient Characteristics: keep sex, age, size, weight, "
		+ "ethnic group, smoking and pregnancy status")
	boolean patientCharacteristics;

	@Option(names = "--accept-burned-in-text", description = "also de-identify images that may show burned-in text "
		+ "(BurnedInAnnotation YES, or US, XA, secondary capture ... without BurnedInAnnotation NO); their pixels are copied unchanged")
	boolean acceptBurnedInText;

	DeidOptions options() {
		return new DeidOptions(modifiedDates, cleanDescriptors, patientCharacteristics);
	}

	boolean anyProfileOption() {
		return modifiedDates || cleanDescriptors || patientCharacteristics;
	}
}
