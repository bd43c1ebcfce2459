package org.segloop.core.model;

import java.util.List;

/**
 * SegLoop's own settings, read from {@code config.segloop} in rdf.yaml. All are optional; the
 * defaults suit a model that outputs one probability channel per class.
 *
 * @param classes class names and display colours, indexed by output channel
 * @param foregroundChannel output channel that means "object", or -1 for argmax over all classes
 * @param boundaryChannel output channel that marks object boundaries, or -1 when none
 * @param instanceMode how instances are derived from the class mask
 * @param threshold probability above which a single-channel output counts as foreground
 * @param minObjectSize instances smaller than this many pixels are dropped
 * @param intensityWindow CT-style window applied to raw values before preprocessing, or null
 * @param flopsPerPixel floating-point operations per input pixel (for benchmarks), or 0 if unknown
 */
public record SegLoopSettings(List<ClassInfo> classes, int foregroundChannel, int boundaryChannel,
	InstanceMode instanceMode, double threshold, int minObjectSize, IntensityWindow intensityWindow, long flopsPerPixel)
{

	public SegLoopSettings {
		classes = List.copyOf(classes);
	}

	/**
	 * A class: its name, display colour, and the coded concepts a DICOM Segmentation gives its
	 * segment (SegmentedPropertyCategory/TypeCodeSequence); null codes mean SegLoop's defaults.
	 */
	public record ClassInfo(String name, String color, Code category, Code type) {

		public ClassInfo(String name, String color) {
			this(name, color, null, null);
		}
	}

	/**
	 * A coded concept (DICOM code sequence item), e.g. {@code 85756007 / SCT / Tissue}.
	 *
	 * @param value CodeValue (at most 16 characters)
	 * @param scheme CodingSchemeDesignator, e.g. SCT or DCM
	 * @param meaning CodeMeaning, human readable
	 */
	public record Code(String value, String scheme, String meaning) {

		/** SNOMED CT 85756007 "Tissue": the default category and type of a segment. */
		public static final Code TISSUE = new Code("85756007", "SCT", "Tissue");
	}

	/** Clamp raw values to [center - width/2, center + width/2] (e.g. Hounsfield units). */
	public record IntensityWindow(double center, double width) {

		public double low() {
			return center - width / 2;
		}

		public double high() {
			return center + width / 2;
		}
	}

	public enum InstanceMode {
		/** No instance labels. */
		NONE,
		/** Connected components of the foreground classes. */
		COMPONENTS,
		/** Components of the object interior, grown back into the boundary class to split touching objects. */
		BOUNDARY
	}

	public static SegLoopSettings defaults(List<String> channelNames) {
		List<ClassInfo> classes = channelNames.stream().map(n -> new ClassInfo(n, null)).toList();
		return new SegLoopSettings(classes, -1, -1, InstanceMode.COMPONENTS, 0.5, 0, null, 0);
	}
}
