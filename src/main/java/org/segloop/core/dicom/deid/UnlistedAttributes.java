package org.segloop.core.dicom.deid;

import java.util.Set;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.ValueRepresentation;

import org.segloop.core.dicom.deid.ConfidentialityProfile.Action;

/**
 * SegLoop's safety rule for standard attributes that Table E.1-1 does not list (the table keeps them;
 * in practice many dates, times and person names are missing from it, e.g. InstanceCreationDate,
 * DateOfLastCalibration, FrameAcquisitionDateTime, EvaluatorName):
 * <ul>
 * <li>person names (PN) are removed;</li>
 * <li>dates (DA, DT) are removed — with Retain Longitudinal Temporal Information with Modified Dates
 * they are kept and shifted like the listed ones;</li>
 * <li>times (TM) are removed — kept with that option, which keeps times;</li>
 * <li>a standard (even-group) attribute that PixelMed's dictionary does not know, and a standard
 * attribute left as UN ({@link #isUncheckable}), are removed: what they hold
 * cannot be judged;</li>
 * <li>date-times a multi-frame image requires (type 1C in the Frame Content macro) get a dummy value
 * instead of being removed, so that the copy stays a valid object.</li>
 * </ul>
 * Everything else the table does not list is kept, as PS3.15 says. Private attributes, overlays and
 * curves are not judged here (they are removed by the {@link Deidentifier}). Stateless.
 */
final class UnlistedAttributes {

	private static final DicomDictionary DICTIONARY = DicomDictionary.StandardDictionary;

	/** Unlisted dates an IOD requires (Frame Content macro, type 1C): a dummy keeps the copy valid. */
	private static final Set<AttributeTag> REQUIRED = Set.of(TagFromName.FrameAcquisitionDateTime, TagFromName.FrameReferenceDateTime);

	private UnlistedAttributes() {}

	/**
	 * Whether {@code a} is a standard attribute encoded as UN (unknown VR) whose value SegLoop cannot see.
	 * PixelMed gives a UN attribute its dictionary VR when reading, so this is a UN it does not know.
	 */
	static boolean isUncheckable(Attribute a) {
		return !a.getTag().isPrivate() && a.getTag().getGroup() > 0x0002 && ValueRepresentation.isUnknownVR(a.getVR());
	}

	/** What happens to {@code a}, an attribute the table does not list. */
	static Action action(Attribute a, DeidOptions options) {
		AttributeTag tag = a.getTag();
		int group = tag.getGroup();
		if (tag.isPrivate() || group <= 0x0002 || (group & 0xFF00) == 0x5000 || (group & 0xFF00) == 0x6000) return Action.KEEP; // handled elsewhere
		if (tag.getElement() == 0x0000) return Action.KEEP; // group length: the writer recomputes or drops it
		if (DICTIONARY.getValueRepresentationFromTag(tag) == null) return Action.REMOVE; // not a standard attribute PixelMed knows
		if (a instanceof SequenceAttribute) return Action.KEEP; // its items are judged one by one
		if (isUncheckable(a)) return Action.REMOVE;
		byte[] vr = a.getVR();
		if (ValueRepresentation.isPersonNameVR(vr)) return Action.REMOVE;
		boolean date = ValueRepresentation.isDateVR(vr) || ValueRepresentation.isDateTimeVR(vr);
		boolean time = ValueRepresentation.isTimeVR(vr);
		if (!date && !time) return Action.KEEP;
		if (options.modifiedDates()) return Action.KEEP; // dates shifted by Dates.shift, times kept as the option keeps them
		return REQUIRED.contains(tag) ? Action.DUMMY : Action.REMOVE;
	}
}
