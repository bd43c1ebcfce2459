/**
 * How images are shown to people (previews, the Fiji view): {@link org.segloop.core.display.DisplayWindow},
 * a window of physical values (e.g. Hounsfield units) mapped to 0–255 grey, with CT presets, the
 * DICOM header's window and a default rule per modality. Display only: the model's input
 * normalisation (core.inference) never sees a display window. Uses core.image and core.dicom.
 */
package org.segloop.core.display;
