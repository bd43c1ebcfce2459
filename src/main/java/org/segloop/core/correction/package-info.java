/**
 * Correcting a volume from a few key slices: {@link org.segloop.core.correction.KeySliceCorrection}
 * completes a painted volume against its proposal (edited slices kept exactly, labels between
 * nearby edited slices interpolated by shape, the rest left as proposed) and says which slice got
 * which {@link org.segloop.core.correction.SliceRole}. Pure computation on
 * {@link org.segloop.core.metrics.LabelVolume}s; uses only core.metrics.
 */
package org.segloop.core.correction;
