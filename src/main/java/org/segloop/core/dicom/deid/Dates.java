package org.segloop.core.dicom.deid;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.ValueRepresentation;

/**
 * Date shifting for the Retain Longitudinal Temporal Information with Modified Dates option: every
 * DA value (and ranges), and the date part of every DT value, at any depth, moves back by whole days;
 * times and time zones are kept, so intervals between a patient's dates stay exact. A value that is
 * not a full date is removed (the attribute stays, empty).
 */
final class Dates {

	private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

	private Dates() {}

	static void shift(AttributeList list, int days) throws DicomException {
		for (Attribute a : new ArrayList<>(list.values())) {
			if (a instanceof SequenceAttribute s) {
				for (AttributeList item : Deidentifier.items(s)) shift(item, days);
				continue;
			}
			byte[] vr = a.getVR();
			boolean date = ValueRepresentation.isDateVR(vr), dateTime = ValueRepresentation.isDateTimeVR(vr);
			if (!(date || dateTime) || a.getVM() == 0) continue;
			Attribute r = AttributeFactory.newAttribute(a.getTag(), vr);
			for (String v : a.getStringValues()) {
				String shifted = date ? shiftDate(v.trim(), days) : shiftDateTime(v.trim(), days);
				if (shifted != null) r.addValue(shifted);
			}
			list.put(r);
		}
	}

	/** A date or a range ({@code a-b}, {@code a-}, {@code -b}), or null when not a date. */
	static String shiftDate(String v, int days) {
		if (v.contains("-")) {
			int dash = v.indexOf('-');
			String from = v.substring(0, dash), to = v.substring(dash + 1);
			String f = from.isEmpty() ? "" : one(from, days), t = to.isEmpty() ? "" : one(to, days);
			return f == null || t == null ? null : f + "-" + t;
		}
		return one(v, days);
	}

	private static String one(String v, int days) {
		if (v.length() != 8) return null;
		try {
			return LocalDate.parse(v, DA).minusDays(days).format(DA);
		}
		catch (DateTimeParseException e) {
			return null;
		}
	}

	/** A date-time or a range of them; the time and any time zone offset stay; null when not a full date. */
	static String shiftDateTime(String v, int days) {
		java.util.regex.Matcher range = RANGE.matcher(v);
		if (range.find()) { // a-b: the dash before a full date (a time zone offset has 4 digits only)
			String from = v.substring(0, range.start()), to = v.substring(range.start() + 1);
			String f = from.isEmpty() ? "" : shiftDateTime(from, days), t = shiftDateTime(to, days);
			return f == null || t == null ? null : f + "-" + t;
		}
		if (v.endsWith("-")) {
			String f = shiftDateTime(v.substring(0, v.length() - 1), days);
			return f == null ? null : f + "-";
		}
		if (v.length() < 8) return null; // year or month precision: not kept
		String d = one(v.substring(0, 8), days);
		return d == null ? null : d + v.substring(8);
	}

	private static final java.util.regex.Pattern RANGE = java.util.regex.Pattern.compile("-(?=\\d{8})");
}
