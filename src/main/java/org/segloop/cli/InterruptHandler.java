package org.segloop.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import org.segloop.core.work.Cancellation;

/**
 * Ctrl-C during long work: the first press cancels at the next safe point, so the work's own
 * cleanup (closing and deleting half-written files, closing the ONNX session) runs before exit; a
 * second press stops at once. A shutdown hook cannot do this safely: ONNX Runtime tears down its
 * environment in a hook of its own, and a session still running then crashes the JVM (seen).
 */
final class InterruptHandler implements AutoCloseable {

	private static final Signal INT = new Signal("INT");

	private final SignalHandler previous;

	private InterruptHandler(SignalHandler previous) {
		this.previous = previous;
	}

	static InterruptHandler install(Cancellation cancel) {
		try {
			return new InterruptHandler(Signal.handle(INT, signal -> {
				if (cancel.isCancelled()) Runtime.getRuntime().halt(Main.INTERRUPTED);
				System.err.println();
				System.err.println("stopping after the current tile (Ctrl-C again to quit at once) …");
				cancel.cancel();
			}));
		}
		catch (IllegalArgumentException | UnsupportedOperationException unsupported) {
			return new InterruptHandler(null); // no signals here (e.g. embedded): the default applies
		}
	}

	@Override
	public void close() {
		if (previous != null) Signal.handle(INT, previous);
	}
}
