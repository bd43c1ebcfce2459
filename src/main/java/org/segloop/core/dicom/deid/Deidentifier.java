package org.segloop.core.dicom.deid;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.ClinicalTrialsAttributes;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.ValueRepresentation;

import org.segloop.core.dicom.deid.ConfidentialityProfile.Action;

/**
 * De-identifies one DICOM data set in place by PS3.15 E.1 with the chosen {@link DeidOptions}:
 * <ol>
 * <li>PixelMed's {@code ClinicalTrialsAttributes.removeOrNullIdentifyingAttributes} (UIDs and dates
 * kept for the steps below);</li>
 * <li>every attribute of Table E.1-1 ({@link ConfidentialityProfile}), at any depth of nested
 * sequences, gets its action again: this fills what PixelMed's list lacks; attributes the table does
 * not list get SegLoop's safety rule ({@link UnlistedAttributes}: person names, dates and times, and
 * standard attributes PixelMed does not know, are removed);</li>
 * <li>private attributes (anywhere), overlays (60xx) and curves (50xx) are removed;</li>
 * <li>every UID that is not a well-known (DICOM-defined) UID or a class or transfer syntax UID is
 * replaced by {@link DeidKey#uid}, at any depth (so references stay consistent);</li>
 * <li>with modified dates, every date (DA, and the date of DT) moves back by the patient's
 * {@link DeidKey#dayShift}; times are kept;</li>
 * <li>PatientName and PatientID become the patient's {@link DeidKey#pseudonym}; PatientIdentityRemoved,
 * LongitudinalTemporalInformationModified, DeidentificationMethod and its code sequence (CID 7050)
 * are written;</li>
 * <li>a data set in any character set but the default or UTF-8 is re-encoded in UTF-8 (ISO_IR 192),
 * because cleaned and new values are UTF-8 text ({@link TextEncoding}).</li>
 * </ol>
 * The patient is identified by the original PatientID (else PatientName, else the study UID).
 * Pixel data is not changed. Thread-safe (no state besides the key and options).
 */
public final class Deidentifier {

	/** The replacement UIDs of the object, for naming its copy. */
	public record Pseudonymous(String studyUid, String seriesUid, String sopInstanceUid) {}

	private static final DicomDictionary DICTIONARY = DicomDictionary.StandardDictionary;

	private final DeidKey key;
	private final DeidOptions options;

	public Deidentifier(DeidKey key, DeidOptions options) {
		this.key = key;
		this.options = options;
	}

	public DeidOptions options() {
		return options;
	}

	/**
	 * De-identifies {@code list} (which may include the file meta information group: it is removed,
	 * the writer adds a new one).
	 *
	 * @throws DicomException when PixelMed cannot encode a replacement (malformed input)
	 */
	public Pseudonymous apply(AttributeList list) throws DicomException {
		String patient = patientKey(list);
		Set<String> identifying = IdentifyingWords.of(list, options);
		list.removeMetaInformationHeaderAttributes();
		boolean clean = options.cleanDescriptors();
		ClinicalTrialsAttributes.removeOrNullIdentifyingAttributes(list, ClinicalTrialsAttributes.HandleUIDs.keep, clean, clean, clean,
			options.patientCharacteristics(), false, false, ClinicalTrialsAttributes.HandleDates.keep, null, null);
		applyTable(list, identifying);
		removePrivate(list);
		list.removeOverlayAttributes();
		list.removeCurveAttributes();
		replaceUids(list);
		if (options.modifiedDates()) Dates.shift(list, key.dayShift(patient));
		String pseudonym = key.pseudonym(patient);
		put(list, TagFromName.PatientName, pseudonym);
		put(list, TagFromName.PatientID, pseudonym);
		put(list, TagFromName.PatientIdentityRemoved, "YES");
		put(list, TagFromName.LongitudinalTemporalInformationModified, options.modifiedDates() ? "MODIFIED" : "REMOVED");
		writeMethod(list);
		TextEncoding.toUtf8(list);
		return new Pseudonymous(string(list, TagFromName.StudyInstanceUID), string(list, TagFromName.SeriesInstanceUID),
			string(list, TagFromName.SOPInstanceUID));
	}

	private static String patientKey(AttributeList list) {
		String id = string(list, TagFromName.PatientID);
		if (!id.isEmpty()) return "id:" + id;
		String name = string(list, TagFromName.PatientName);
		if (!name.isEmpty()) return "name:" + name;
		return "study:" + string(list, TagFromName.StudyInstanceUID);
	}

	/** Step 2: Table E.1-1's actions, recursively. */
	private void applyTable(AttributeList list, Set<String> identifying) throws DicomException {
		for (AttributeTag tag : new ArrayList<>(list.keySet())) {
			Attribute a = list.get(tag);
			ConfidentialityProfile.Row row = ConfidentialityProfile.row(tag);
			Action action = row == null ? UnlistedAttributes.action(a, options) : ConfidentialityProfile.action(row, options);
			boolean sequence = a instanceof SequenceAttribute;
			switch (action) {
				case REMOVE -> list.remove(tag);
				case EMPTY -> list.put(empty(a));
				case DUMMY -> {
					if (!sequence) list.put(dummy(a));
				}
				case CLEAN -> {
					byte[] vr = a.getVR();
					if (sequence || ValueRepresentation.isDateVR(vr) || ValueRepresentation.isDateTimeVR(vr) || ValueRepresentation.isTimeVR(vr)) {
						// items are cleaned below; dates are shifted in step 5
					}
					else if (IdentifyingWords.isText(vr)) list.put(IdentifyingWords.scrub(a, identifying));
					else list.remove(tag); // binary values (e.g. a maker note) cannot be cleaned
				}
				case KEEP, REPLACE_UID -> {
					// UIDs are replaced in step 4, for every UID attribute
				}
			}
			if (sequence && list.get(tag) instanceof SequenceAttribute s)
				for (int i = 0; i < s.getNumberOfItems(); i++) applyTable(s.getItem(i).getAttributeList(), identifying);
		}
	}

	private static Attribute empty(Attribute a) throws DicomException {
		if (a instanceof SequenceAttribute) return new SequenceAttribute(a.getTag());
		return AttributeFactory.newAttribute(a.getTag(), a.getVR());
	}

	private static Attribute dummy(Attribute a) throws DicomException {
		byte[] vr = a.getVR();
		Attribute d = AttributeFactory.newAttribute(a.getTag(), vr);
		String value;
		if (ValueRepresentation.isPersonNameVR(vr)) value = "ANONYMOUS";
		else if (ValueRepresentation.isDateVR(vr)) value = "19000101";
		else if (ValueRepresentation.isTimeVR(vr)) value = "000000";
		else if (ValueRepresentation.isDateTimeVR(vr)) value = "19000101000000";
		else if (ValueRepresentation.isIntegerStringVR(vr) || ValueRepresentation.isDecimalStringVR(vr)) value = "0";
		else if (ValueRepresentation.isAgeStringVR(vr)) value = "000Y";
		else if (ValueRepresentation.isUniqueIdentifierVR(vr)) return a; // replaced in step 4
		else if (IdentifyingWords.isText(vr)) value = "ANONYMIZED";
		else return d; // binary: zero length
		d.addValue(value);
		return d;
	}

	/** Step 3, recursively; PixelMed's removePrivateAttributes covers the top level only. */
	private static void removePrivate(AttributeList list) {
		list.removePrivateAttributes();
		for (Attribute a : list.values())
			if (a instanceof SequenceAttribute s)
				for (int i = 0; i < s.getNumberOfItems(); i++) removePrivate(s.getItem(i).getAttributeList());
	}

	/** Step 4, recursively. */
	private void replaceUids(AttributeList list) throws DicomException {
		for (Attribute a : new ArrayList<>(list.values())) {
			if (a instanceof SequenceAttribute s) {
				for (int i = 0; i < s.getNumberOfItems(); i++) replaceUids(s.getItem(i).getAttributeList());
				continue;
			}
			if (!ValueRepresentation.isUniqueIdentifierVR(a.getVR()) || a.getVM() == 0 || isWellKnownKind(a.getTag())) continue;
			String[] values = a.getStringValues();
			Attribute r = AttributeFactory.newAttribute(a.getTag(), a.getVR());
			for (String v : values) {
				String uid = v.trim();
				r.addValue(uid.isEmpty() || uid.startsWith("1.2.840.10008.") ? uid : key.uid(uid));
			}
			list.put(r);
		}
	}

	/** UIDs that name kinds of things (SOP classes, transfer syntaxes, coding schemes), not patients' data. */
	private static boolean isWellKnownKind(AttributeTag tag) {
		ConfidentialityProfile.Row row = ConfidentialityProfile.row(tag);
		if (row != null && row.basic().contains("U")) return false; // e.g. Manufacturer's Device Class UID
		String name = DICTIONARY.getNameFromTag(tag);
		if (name == null) return false;
		return name.endsWith("ClassUID") || name.endsWith("ClassUIDInFile") || name.contains("TransferSyntaxUID")
			|| name.equals("CodingSchemeUID") || name.equals("ContextGroupExtensionCreatorUID") || name.equals("MappingResourceUID");
	}

	private void writeMethod(AttributeList list) throws DicomException {
		Attribute method = AttributeFactory.newAttribute(TagFromName.DeidentificationMethod, ValueRepresentation.LO);
		method.addValue("SegLoop: PS3.15 E.1 Basic Profile"); // LO: at most 64 characters a value
		if (options.modifiedDates()) method.addValue("Retain Longitudinal With Modified Dates Option");
		if (options.cleanDescriptors()) method.addValue("Clean Descriptors Option");
		if (options.patientCharacteristics()) method.addValue("Retain Patient Characteristics Option");
		list.put(method);
		SequenceAttribute codes = new SequenceAttribute(TagFromName.DeidentificationMethodCodeSequence);
		for (DeidOptions.MethodCode c : options.methodCodes())
			codes.addItem(new CodedSequenceItem(c.value(), "DCM", c.meaning()).getAttributeList());
		list.put(codes);
	}

	private static void put(AttributeList list, AttributeTag tag, String value) throws DicomException {
		Attribute a = list.putNewAttribute(tag);
		a.addValue(value);
	}

	static String string(AttributeList list, AttributeTag tag) {
		return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
	}

	/** Items of a sequence as lists (for callers that walk data sets). */
	static List<AttributeList> items(SequenceAttribute s) {
		List<AttributeList> items = new ArrayList<>();
		for (java.util.Iterator<SequenceItem> it = s.iterator(); it.hasNext();) items.add(it.next().getAttributeList());
		return items;
	}
}
