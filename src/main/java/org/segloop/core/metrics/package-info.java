/**
 * How much a person changed a proposal ({@link CorrectionMetrics}: Dice, IoU, changed fraction, object
 * F1, HD95 on an exact distance transform, volumes in mL, slices changed), over {@link LabelVolume}s. Pure computation; uses no
 * other SegLoop package.
 */
package org.segloop.core.metrics;
