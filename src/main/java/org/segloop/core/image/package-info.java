/**
 * Images as the core sees them: {@link ImageVolume} (ImgLib2, axes XYCZT, with calibration), read by
 * {@link ImageReader} through ImageJ's file readers only (never its windows), exact label TIFFs
 * ({@link LabelTiffReader}) and a streaming TIFF writer. Uses nothing of the core but
 * {@code SegLoopException}.
 */
package org.segloop.core.image;
