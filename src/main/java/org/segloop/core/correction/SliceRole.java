package org.segloop.core.correction;

/** Where the labels of one slice of a completed volume came from. */
public enum SliceRole {
	/** Painted by the annotator: differs from the proposal, stored exactly as painted. */
	EDITED,
	/** Between two nearby edited slices: labels interpolated from them by shape. */
	INTERPOLATED,
	/** Neither: the proposal, unchanged. */
	KEPT
}
