/**
 * Runs an ONNX model over whole images of any size: {@link SegmentationTool} and {@link Segmenter}
 * (tiling, normalisation, blending), {@link OnnxModel} (one ONNX Runtime session), and streaming
 * {@link ProbabilitySink}s that turn probabilities into masks and instances. Uses core.model,
 * core.image, core.work and core.util.
 */
package org.segloop.core.inference;
