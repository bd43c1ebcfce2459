package org.segloop.core.dicom.seg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.SegLoopSettings.ClassInfo;
import org.segloop.core.model.SegLoopSettings.Code;

/**
 * The classes a class mask holds, as DICOM segments see them: the mask value, the class name
 * (the SegmentLabel) and the coded category and type from the model's {@code config.segloop.classes}
 * ({@code dicom_category}, {@code dicom_type}), each defaulting to SNOMED CT 85756007 "Tissue".
 * The boundary class (a model's helper output, not an object class) is left out.
 *
 * <p>Segment → class rule on import: a segment whose SegmentLabel equals a class name (ignoring case
 * and surrounding spaces) is that class; otherwise a segment whose type code (value and scheme) equals
 * the one configured for exactly one class is that class; anything else is refused. The generic
 * default type (SNOMED CT 85756007 "Tissue", what tools write when they know nothing better) says
 * nothing about which class a segment is: it matches only when the Segmentation has a single segment
 * and the model a single object class — the one unambiguous case.
 */
public final class SegmentClasses {

	/** One class of the mask. */
	public record SegmentClass(int value, String name, Code category, Code type) {}

	private final List<SegmentClass> classes;

	public SegmentClasses(List<SegmentClass> classes) {
		this.classes = List.copyOf(classes);
	}

	/** The object classes of a model's class masks (values 1…, without the boundary class). */
	public static SegmentClasses of(ModelPackage model) {
		List<String> names = model.maskLabelNames();
		List<ClassInfo> infos = model.description().settings().classes();
		int shift = names.size() - model.classNames().size(); // a one-channel model's mask gains a background 0
		int boundary = model.description().settings().boundaryChannel();
		List<SegmentClass> out = new ArrayList<>();
		for (int v = 1; v < names.size(); v++) {
			if (boundary > 0 && v == boundary) continue;
			int channel = v - shift;
			ClassInfo info = channel >= 0 && channel < infos.size() ? infos.get(channel) : null;
			Code category = info != null && info.category() != null ? info.category() : Code.TISSUE;
			Code type = info != null && info.type() != null ? info.type() : Code.TISSUE;
			out.add(new SegmentClass(v, names.get(v), category, type));
		}
		return new SegmentClasses(out);
	}

	public List<SegmentClass> all() {
		return classes;
	}

	/** The class of a mask value, or null for background and values that are not object classes. */
	public SegmentClass byValue(int value) {
		for (SegmentClass c : classes) if (c.value() == value) return c;
		return null;
	}

	/** The class a segment of a Segmentation with several segments stands for (see the class comment), or null. */
	public SegmentClass match(String segmentLabel, Code type) {
		return match(segmentLabel, type, false);
	}

	/**
	 * The class a segment stands for (see the class comment), or null.
	 *
	 * @param soleSegment whether the segment is the Segmentation's only one (the generic type code may then match a sole class)
	 */
	public SegmentClass match(String segmentLabel, Code type, boolean soleSegment) {
		String label = segmentLabel == null ? "" : segmentLabel.trim().toLowerCase(Locale.ROOT);
		for (SegmentClass c : classes) if (c.name().trim().toLowerCase(Locale.ROOT).equals(label)) return c;
		if (type == null) return null;
		if (isGeneric(type) && !(soleSegment && classes.size() == 1)) return null;
		List<SegmentClass> byType = classes.stream()
			.filter(c -> c.type().value().equals(type.value()) && c.type().scheme().equalsIgnoreCase(type.scheme())).toList();
		return byType.size() == 1 ? byType.get(0) : null;
	}

	/** Whether a type code is the generic default (SNOMED CT 85756007 "Tissue"), which names no particular class. */
	public static boolean isGeneric(Code type) {
		return type != null && Code.TISSUE.value().equals(type.value()) && Code.TISSUE.scheme().equalsIgnoreCase(type.scheme());
	}

	/** The class names, for messages. */
	public List<String> names() {
		return classes.stream().map(SegmentClass::name).toList();
	}
}
