package org.segloop.core.export;

import org.segloop.core.image.ImageVolume;
import org.segloop.core.metrics.LabelVolume;

/**
 * The pixels of one case, loaded once and shared by the writers.
 *
 * @param classes class per pixel (for an instance correction: the class each instance takes)
 * @param instances object labels 1..n (for a semantic correction: connected pixels of one class)
 */
public record CaseData(ImageVolume image, LabelVolume classes, LabelVolume instances) {}
