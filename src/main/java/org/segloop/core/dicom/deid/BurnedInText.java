package org.segloop.core.dicom.deid;

import java.util.Locale;
import java.util.Set;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

/**
 * Whether an image may show identifying text in its pixels, which de-identification of the
 * attributes does not remove (SegLoop does not redact pixels). The rule:
 * <ol>
 * <li>BurnedInAnnotation (0028,0301) {@code YES}: flagged; {@code NO}: not flagged (the modality's
 * word is trusted).</li>
 * <li>Without that attribute (or with another value): flagged when the modality is one whose images
 * commonly carry burned-in text — US, IVUS, XA, RF, ES, XC, GM, OP, PX, SC, OT, DOC — or the SOP
 * class is a secondary capture, ultrasound, visible light, video or encapsulated document class, or
 * ImageType says {@code SCREEN SAVE}.</li>
 * </ol>
 * CT, MR, PET, NM, CR, DX, MG and similar without the attribute are not flagged.
 */
public final class BurnedInText {

	private static final Set<String> MODALITIES = Set.of("US", "IVUS", "XA", "RF", "ES", "XC", "GM", "OP", "PX", "SC", "OT", "DOC");

	/** SOP class prefixes: secondary capture, ultrasound (and retired), visible light, video, encapsulated documents. */
	private static final String[] SOP_CLASSES = { "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.5.1.4.1.1.6.", "1.2.840.10008.5.1.4.1.1.3.1",
		"1.2.840.10008.5.1.4.1.1.77.", "1.2.840.10008.5.1.4.1.1.104." };

	private BurnedInText() {}

	/** Why the object may show burned-in text, or null when nothing says so. */
	public static String reason(AttributeList a) {
		String burned = Attribute.getSingleStringValueOrEmptyString(a, TagFromName.BurnedInAnnotation).trim().toUpperCase(Locale.ROOT);
		if (burned.equals("YES")) return "its BurnedInAnnotation is YES";
		if (burned.equals("NO")) return null;
		String modality = Attribute.getSingleStringValueOrEmptyString(a, TagFromName.Modality).trim().toUpperCase(Locale.ROOT);
		if (MODALITIES.contains(modality)) return "it is a " + modality + " image without BurnedInAnnotation NO, and such images often carry burned-in text";
		String sop = Attribute.getSingleStringValueOrEmptyString(a, TagFromName.SOPClassUID).trim();
		for (String prefix : SOP_CLASSES)
			if (sop.equals(prefix) || sop.startsWith(prefix.endsWith(".") ? prefix : prefix + "."))
				return "its SOP class (" + sop + ") is a capture or ultrasound class without BurnedInAnnotation NO";
		String type = Attribute.getDelimitedStringValuesOrEmptyString(a, TagFromName.ImageType).toUpperCase(Locale.ROOT);
		if (type.contains("SCREEN SAVE")) return "its ImageType says SCREEN SAVE (a screen capture) without BurnedInAnnotation NO";
		return null;
	}
}
