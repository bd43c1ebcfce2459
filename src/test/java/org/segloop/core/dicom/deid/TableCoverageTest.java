package org.segloop.core.dicom.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.ClinicalTrialsAttributes;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;

import org.junit.jupiter.api.Test;

/**
 * Coverage of Table E.1-1, attribute by attribute: each attribute with a marker, alone in a data set,
 * must lose the marker. Also measures what PixelMed's removeOrNullIdentifyingAttributes alone leaves
 * (the gaps SegLoop's table pass fills), printed for the record.
 */
class TableCoverageTest {

	@Test
	void everyTableAttributeLosesItsMarkerUnderEveryOptionCombination() throws DicomException {
		int checked = 0;
		for (int bits = 0; bits < 8; bits++) {
			DeidOptions o = new DeidOptions((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0);
			Deidentifier d = new Deidentifier(DeidKey.random(), o);
			List<String> leaks = new ArrayList<>();
			for (ConfidentialityProfile.Row row : ConfidentialityProfile.rows().values()) {
				if (row.tag().getGroup() <= 0x0002 || ConfidentialityProfile.action(row, o) == ConfidentialityProfile.Action.KEEP) continue;
				AttributeList list = canary(row);
				if (list == null) continue;
				d.apply(list);
				checked++;
				if (holdsMarker(list, !o.modifiedDates())) leaks.add(row.tag() + " " + row.name());
			}
			assertEquals(List.of(), leaks, "options " + o.id());
		}
		int unknown = 0, noMarker = 0;
		for (ConfidentialityProfile.Row row : ConfidentialityProfile.rows().values()) {
			if (com.pixelmed.dicom.DicomDictionary.StandardDictionary.getValueRepresentationFromTag(row.tag()) == null) unknown++;
			else if (CanaryDicom.marker(row.tag(), 0) == null) noMarker++;
		}
		System.out.println("Table E.1-1: " + ConfidentialityProfile.rows().size() + " attributes; " + unknown + " unknown to PixelMed's dictionary, "
			+ noMarker + " of a VR that cannot hold a marker (AS, AT, binary numbers); " + checked + " attribute × option checks");
		assertTrue(checked > 8 * 300, "the table must be exercised: " + checked);
	}

	@Test
	void pixelMedAloneLeavesGapsThatTheTablePassFills() throws DicomException {
		List<String> gaps = new ArrayList<>();
		for (ConfidentialityProfile.Row row : ConfidentialityProfile.rows().values()) {
			if (row.tag().getGroup() <= 0x0002) continue;
			AttributeList list = canary(row);
			if (list == null) continue;
			ClinicalTrialsAttributes.removeOrNullIdentifyingAttributes(list, ClinicalTrialsAttributes.HandleUIDs.remap, false, false, false, false,
				false, false, ClinicalTrialsAttributes.HandleDates.remove, null, null);
			if (holdsMarker(list, true)) gaps.add(row.tag() + " " + row.name());
		}
		System.out.println("PixelMed alone (UIDs remapped, dates removed) leaves a marker in " + gaps.size() + " of "
			+ ConfidentialityProfile.rows().size() + " Table E.1-1 attributes: " + gaps);
		assertTrue(gaps.size() < ConfidentialityProfile.rows().size() / 2, "PixelMed does most of the work");
	}

	/**
	 * The row's attribute with a marker, and the patient's name holding the marker too: cleaned text
	 * (the "C" of an option) loses the words of the object's identifying attributes, as in real objects.
	 */
	private static AttributeList canary(ConfidentialityProfile.Row row) throws DicomException {
		Attribute m = CanaryDicom.marker(row.tag(), 1);
		if (m == null) return null;
		AttributeList list = new AttributeList();
		list.put(CanaryDicom.marker(com.pixelmed.dicom.TagFromName.PatientName, 0));
		list.put(m);
		return list;
	}

	private static boolean holdsMarker(AttributeList list, boolean timesRemoved) {
		for (Attribute a : list.values()) {
			if (a instanceof SequenceAttribute s) {
				for (AttributeList item : Deidentifier.items(s)) if (holdsMarker(item, timesRemoved)) return true;
				continue;
			}
			String v;
			try {
				byte[] b = a.getByteValues();
				v = b != null && com.pixelmed.dicom.ValueRepresentation.isOtherByteVR(a.getVR()) ? new String(b, java.nio.charset.StandardCharsets.US_ASCII)
					: String.join("\\", a.getStringValues() == null ? new String[0] : a.getStringValues());
			}
			catch (DicomException | RuntimeException e) {
				v = a.toString();
			}
			for (String marker : CanaryDicom.markers(timesRemoved)) if (v.contains(marker)) return true;
		}
		return false;
	}
}
