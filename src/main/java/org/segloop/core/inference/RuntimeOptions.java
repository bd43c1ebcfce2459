package org.segloop.core.inference;

/**
 * How ONNX Runtime runs a model.
 *
 * @param intraOpThreads threads one inference uses; on a laptop or a 2-core runner, all cores
 * @param optimize whether ORT applies all graph optimisations (off only for debugging)
 */
public record RuntimeOptions(int intraOpThreads, boolean optimize) {

	public RuntimeOptions {
		if (intraOpThreads < 1) throw new IllegalArgumentException("intraOpThreads must be ≥ 1");
	}

	/** Defaults, with the thread count replaced when one is given. */
	public static RuntimeOptions withThreads(Integer threads) {
		return threads == null ? defaults() : new RuntimeOptions(threads, true);
	}

	public static RuntimeOptions defaults() {
		return new RuntimeOptions(Runtime.getRuntime().availableProcessors(), true);
	}
}
