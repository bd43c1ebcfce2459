package org.segloop.core.dicom.deid;

import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.ValueRepresentation;

/**
 * How SegLoop cleans descriptors (the "C" of the Clean Descriptors and Retain Patient
 * Characteristics options): free text is kept, but every identifying word that occurs in any
 * identifying attribute of the same object — any attribute of Table E.1-1 that the options remove or
 * replace, e.g. the patient's names, IDs, birth date, physicians, institution, and any unlisted one
 * that {@link UnlistedAttributes} removes, e.g. EvaluatorName — is replaced by
 * {@code *} wherever it occurs. Identifying words are:
 * <ul>
 * <li>runs of two or more letters (of scripts written with spaces, e.g. Latin, Greek, Cyrillic) and
 * runs of two or more digits, matched as whole runs: not next to another such letter (or digit), so
 * the name "Li" scrubs "CT Li Wu" and "Li's" but "St" does not scrub "Chest";</li>
 * <li>runs of one or more CJK characters (Han, Hiragana, Katakana, Hangul), e.g. each component of
 * {@code 山田^太郎}, matched anywhere, because these scripts do not separate words: {@code 山田太郎 head}
 * becomes {@code ** head}.</li>
 * </ul>
 * Single Latin letters and single digits are not identifying words (initials stay). Text that names
 * a person the object does not name elsewhere is not recognised: choose the Basic Profile without
 * Clean Descriptors when descriptions may hold such text.
 */
final class IdentifyingWords {

	/** Scripts written without spaces between words. */
	private static final String CJK = "\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}";
	/** A letter of a script written with spaces. */
	private static final String LETTER = "[\\p{L}&&[^" + CJK + "]]";
	private static final Pattern WORD = Pattern.compile(LETTER + "{2,}|\\p{N}{2,}|[" + CJK + "]+");
	private static final Pattern CJK_RUN = Pattern.compile("[" + CJK + "]+");

	private IdentifyingWords() {}

	/**
	 * The identifying words of {@code list} (with its sequences), before anything is removed: those
	 * of the attributes the options remove or replace (not of those they keep or clean).
	 */
	static Set<String> of(AttributeList list, DeidOptions options) {
		Set<String> words = new TreeSet<>(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
		collect(list, options, words);
		return words;
	}

	private static void collect(AttributeList list, DeidOptions options, Set<String> words) {
		for (Attribute a : list.values()) {
			if (a instanceof SequenceAttribute s) {
				for (AttributeList item : Deidentifier.items(s)) collect(item, options, words);
				continue;
			}
			byte[] vr = a.getVR();
			ConfidentialityProfile.Row row = ConfidentialityProfile.row(a.getTag());
			if (!(isText(vr) || ValueRepresentation.isDateVR(vr) || ValueRepresentation.isDateTimeVR(vr))) continue;
			// unlisted attributes that SegLoop's safety rule removes (e.g. EvaluatorName) identify too
			ConfidentialityProfile.Action action = row == null ? UnlistedAttributes.action(a, options) : ConfidentialityProfile.action(row, options);
			if (action == ConfidentialityProfile.Action.KEEP || action == ConfidentialityProfile.Action.CLEAN) continue;
			try {
				String[] values = a.getStringValues(); // null for an empty attribute
				if (values != null) for (String v : values) {
					Matcher m = WORD.matcher(v);
					while (m.find()) words.add(m.group().toLowerCase(Locale.ROOT));
				}
			}
			catch (DicomException e) {
				// a value PixelMed cannot decode is removed or replaced by the profile anyway
			}
		}
	}

	/** Whether values of this VR are free or coded text that may name someone. */
	static boolean isText(byte[] vr) {
		return ValueRepresentation.isApplicationEntityVR(vr) || ValueRepresentation.isCodeStringVR(vr) || ValueRepresentation.isLongStringVR(vr)
			|| ValueRepresentation.isLongTextVR(vr) || ValueRepresentation.isPersonNameVR(vr) || ValueRepresentation.isShortStringVR(vr)
			|| ValueRepresentation.isShortTextVR(vr) || ValueRepresentation.isUnlimitedTextVR(vr)
			|| ValueRepresentation.isUnlimitedCharactersVR(vr) || ValueRepresentation.isUniversalResourceVR(vr);
	}

	/** A copy of the text attribute with every identifying word replaced by {@code *}. */
	static Attribute scrub(Attribute a, Set<String> words) throws DicomException {
		Attribute r = AttributeFactory.newAttribute(a.getTag(), a.getVR());
		Pattern p = pattern(words);
		String[] values = a.getStringValues();
		if (values != null) for (String v : values) r.addValue(p == null ? v : p.matcher(v).replaceAll("*"));
		return r;
	}

	/** One pattern for all words (longest first): letter and digit runs on their boundaries, CJK runs anywhere; null when none. */
	static Pattern pattern(Set<String> words) {
		if (words.isEmpty()) return null;
		String alternatives = words.stream().map(w -> {
			String q = Pattern.quote(w);
			if (CJK_RUN.matcher(w).matches()) return q;
			if (Character.isDigit(w.codePointAt(0))) return "(?<!\\p{N})" + q + "(?!\\p{N})";
			return "(?<!" + LETTER + ")" + q + "(?!" + LETTER + ")";
		}).collect(Collectors.joining("|"));
		return Pattern.compile(alternatives, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}
}
