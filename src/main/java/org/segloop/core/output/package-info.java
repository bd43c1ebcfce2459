/**
 * Files a person or another tool reads: label images and float maps as TIFF ({@link LabelFiles},
 * {@link SegmentationFiles}), streamed probability TIFFs and preview PNGs drawn off-screen
 * ({@link PreviewWriter}). Uses core.image, core.inference, core.metrics, core.nifti (NIfTI label masks), core.display (preview windows) and core.project's image
 * records.
 */
package org.segloop.core.output;
