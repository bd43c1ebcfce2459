package org.segloop.core.dicom.deid;

import java.util.ArrayList;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.ValueRepresentation;

/**
 * Re-encodes a de-identified data set in UTF-8. Cleaned and replaced values are new Java strings that
 * PixelMed writes as UTF-8; in a data set declaring another character set (ISO_IR 100, ISO 2022 IR 87,
 * GB18030, ...) they would be read back as garbage (and ISO 2022 escape sequences could no longer be
 * trusted). So when SpecificCharacterSet is anything but the default repertoire or ISO_IR 192, every
 * text attribute (SH, LO, ST, LT, UT, PN, UC), at any depth, is re-created from its decoded values with
 * the UTF-8 character set, and SpecificCharacterSet becomes {@code ISO_IR 192}. Stateless.
 */
final class TextEncoding {

	private static final String UTF8 = "ISO_IR 192";

	private TextEncoding() {}

	/** Re-encodes {@code list} in UTF-8 when it declares another character set; otherwise leaves it as it is. */
	static void toUtf8(AttributeList list) throws DicomException {
		if (!needsUtf8(list)) return;
		SpecificCharacterSet utf8 = new SpecificCharacterSet(new String[] {UTF8});
		recode(list, utf8);
		putUtf8(list); // the top level declares it, whether or not it declared a set before
	}

	/** Whether {@code list} (or an item inside it) declares a character set other than the default or UTF-8. */
	static boolean needsUtf8(AttributeList list) {
		String[] declared = declared(list);
		if (declared != null) for (String d : declared) {
			String s = d.trim();
			if (!s.isEmpty() && !s.equals("ISO_IR 6") && !s.equals(UTF8)) return true;
		}
		for (Attribute a : list.values())
			if (a instanceof SequenceAttribute s) for (AttributeList item : Deidentifier.items(s)) if (needsUtf8(item)) return true;
		return false;
	}

	private static String[] declared(AttributeList list) {
		Attribute cs = list.get(TagFromName.SpecificCharacterSet);
		try {
			return cs == null ? null : cs.getStringValues();
		}
		catch (DicomException e) {
			return new String[] {"unreadable"}; // re-encoding is the safe choice
		}
	}

	private static void recode(AttributeList list, SpecificCharacterSet utf8) throws DicomException {
		for (Attribute a : new ArrayList<>(list.values())) {
			if (a instanceof SequenceAttribute s) {
				for (AttributeList item : Deidentifier.items(s)) recode(item, utf8);
				continue;
			}
			if (a.getTag().equals(TagFromName.SpecificCharacterSet) || !isCharacterText(a.getVR())) continue;
			Attribute r = AttributeFactory.newAttribute(a.getTag(), a.getVR(), utf8);
			String[] values = a.getStringValues(); // decoded with the declared character set when read
			if (values != null) for (String v : values) r.addValue(v);
			list.put(r);
		}
		if (list.get(TagFromName.SpecificCharacterSet) != null) putUtf8(list); // an item with a set of its own
	}

	private static void putUtf8(AttributeList list) throws DicomException {
		Attribute cs = AttributeFactory.newAttribute(TagFromName.SpecificCharacterSet, ValueRepresentation.CS);
		cs.addValue(UTF8);
		list.put(cs);
	}

	/** VRs whose values use the Specific Character Set (PS3.5 6.1.2.3). */
	private static boolean isCharacterText(byte[] vr) {
		return ValueRepresentation.isShortStringVR(vr) || ValueRepresentation.isLongStringVR(vr) || ValueRepresentation.isShortTextVR(vr)
			|| ValueRepresentation.isLongTextVR(vr) || ValueRepresentation.isUnlimitedTextVR(vr) || ValueRepresentation.isPersonNameVR(vr)
			|| ValueRepresentation.isUnlimitedCharactersVR(vr);
	}
}
