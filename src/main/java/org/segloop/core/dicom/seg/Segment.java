package org.segloop.core.dicom.seg;

import org.segloop.core.dicom.seg.SegmentClasses.SegmentClass;

/**
 * One segment of a Segmentation to write: a class of the mask.
 *
 * @param number SegmentNumber, 1…
 * @param segmentClass the mask value, SegmentLabel and codes
 * @param algorithm how the segment was made
 * @param algorithmName SegmentAlgorithmName (model name and version), ignored for MANUAL
 */
public record Segment(int number, SegmentClass segmentClass, Algorithm algorithm, String algorithmName) {

	/** SegmentAlgorithmType. */
	public enum Algorithm {
		/** a proposal accepted unchanged */
		AUTOMATIC,
		/** a proposal corrected by a person */
		SEMIAUTOMATIC,
		/** drawn by a person with no proposal to start from */
		MANUAL
	}
}
