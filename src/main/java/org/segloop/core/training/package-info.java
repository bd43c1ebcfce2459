/**
 * Fine-tuning with DJL: {@link FineTuner} trains a package's {@link TorchScriptTwin} on corrected
 * planes, or whole volumes for 3D models (crops, augmentation, class-weighted cross-entropy plus
 * Dice, early stopping on held-out Dice) so that ONNX Runtime can serve the result. Uses
 * core.model, core.metrics and core.work.
 */
package org.segloop.core.training;
