/**
 * DICOM Segmentation objects (SEG), built and read with PixelMed's attribute lists: a class mask of
 * a registered DICOM series written as a BINARY Segmentation that references the series slice by
 * slice ({@link org.segloop.core.dicom.seg.SegmentationWriter}), and a Segmentation read back into a
 * class mask of that series after its geometry is checked
 * ({@link org.segloop.core.dicom.seg.SegmentationReader}). Segments are semantic classes; the
 * model's classes name them and give their codes ({@link org.segloop.core.dicom.seg.SegmentClasses}).
 */
package org.segloop.core.dicom.seg;
