/**
 * DICOM, through PixelMed (SegLoop's one DICOM codec): files grouped into series, series geometry
 * checked and kept ({@link org.segloop.core.dicom.DicomSeries}, stored as a {@code .dcmseries}
 * manifest in the project), and series read as one calibrated volume
 * ({@link org.segloop.core.dicom.DicomSeriesSource}, the {@code dicom-series} image source).
 */
package org.segloop.core.dicom;
