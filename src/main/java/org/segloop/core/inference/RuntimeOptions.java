package org.segloop.core.inference;

/**
 * How ONNX Runtime runs a model.
 *
 * @param intraOpThreads threads one inference uses; on a laptop or a 2-core runner, all cores
 * @param optimize whether ORT applies all graph optimisations (off only for debugging)
 * @param softmaxInGraph whether a declared softmax postprocessing runs inside ORT (appended to the
 *     graph in memory) rather than in Java; same result within float rounding, and faster
 */
public record RuntimeOptions(int intraOpThreads, boolean optimize, boolean softmaxInGraph) {

	public RuntimeOptions {
		if (intraOpThreads < 1) throw new IllegalArgumentException("intraOpThreads must be ≥ 1");
	}

	/** Defaults, with the thread count replaced when one is given. */
	public static RuntimeOptions withThreads(Integer threads) {
		return threads == null ? defaults() : new RuntimeOptions(threads, true, true);
	}

	public static RuntimeOptions defaults() {
		return new RuntimeOptions(Runtime.getRuntime().availableProcessors(), true, true);
	}
}
