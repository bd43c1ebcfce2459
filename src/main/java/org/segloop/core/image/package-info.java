/**
 * Images as the core sees them: {@link ImageVolume} (ImgLib2, axes XYCZT, with calibration), read by
 * a registered {@link ImageSource} ({@link ImageSources}; the built-in one reads files through
 * ImageJ's file readers, never its windows, in {@link ImageReader}), exact label TIFFs
 * ({@link LabelTiffReader}) and a streaming TIFF writer. Uses core.registry and the core's errors
 * only.
 */
package org.segloop.core.image;
