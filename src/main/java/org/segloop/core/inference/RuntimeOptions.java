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

	public static RuntimeOptions defaults() {
		return new RuntimeOptions(Runtime.getRuntime().availableProcessors(), true);
	}
}
