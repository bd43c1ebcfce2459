package org.segloop.core.work;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A flag another thread sets to stop long work at the next safe point. Thread-safe. */
public final class Cancellation {

	private final AtomicBoolean cancelled = new AtomicBoolean();

	public void cancel() {
		cancelled.set(true);
	}

	public boolean isCancelled() {
		return cancelled.get() || Thread.currentThread().isInterrupted();
	}

	/** @throws CancellationException when cancelled or the thread was interrupted */
	public void check() {
		if (isCancelled()) throw new CancellationException("cancelled");
	}
}
