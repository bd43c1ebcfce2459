/**
 * Benchmarks and the data they run on: inference, queue, fine-tuning and Annotate Next timings, the
 * active-learning simulation ({@link ActiveLearningBenchmark}), DICOM series loading
 * ({@link DicomLoadBenchmark}), generated images
 * ({@link SyntheticCells}, {@link BenchImages}) and row-only projects ({@link SyntheticProject}).
 * It may use any core package; nothing in the core may use it.
 */
package org.segloop.core.bench;
