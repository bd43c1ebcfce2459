package org.segloop.fiji;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import javax.swing.SwingUtilities;

/**
 * The one thread that does all work on an open project's {@link AnnotationSession} (and its
 * database connection and view), as {@link Prefetcher} owns its read-only connection: callers on
 * any other thread hand it work and, if they need the result, wait.
 *
 * <p>Two kinds of work. <b>Short work</b> (Next, Accept, Skip, a panel refresh: well under a
 * second) runs in the order it was handed in, before any long work that is still waiting.
 * <b>Long work</b> (prediction, fine-tuning: minutes) runs one job at a time and calls
 * {@link #safePoint()} between its units (tiles, images, optimisation steps); there the short
 * work handed in meanwhile runs, so Next and Accept wait for one unit, not for the whole job. The
 * long work must reach a safe point only with no transaction open, holding its own state in
 * memory (Predictor and FineTuneJob commit image by image, and train on data read beforehand).
 *
 * <p>Work handed in cannot be withdrawn once it has started; short work is short, and long work
 * stops through its own {@link org.segloop.core.work.Cancellation}. The thread is a daemon,
 * started on first use, and ends after {@link #shutdown()} once its queue is empty.
 */
final class SessionThread {

	private final Object lock = new Object();
	private final ArrayDeque<Runnable> shortWork = new ArrayDeque<>();
	private final ArrayDeque<Runnable> longWork = new ArrayDeque<>();
	private Thread thread; // guarded by lock
	private boolean shutdown; // guarded by lock
	private boolean inLongWork; // touched on the session thread only

	/** True on the session thread. */
	boolean isCurrent() {
		synchronized (lock) {
			return Thread.currentThread() == thread;
		}
	}

	/** True on the session thread while long work runs (also inside short work run at its safe point). */
	boolean inLongWork() {
		return isCurrent() && inLongWork;
	}

	/** Hands in short work; it runs after the short work handed in before it. */
	<T> CompletableFuture<T> submit(Callable<T> work) {
		return enqueue(shortWork, work);
	}

	/** Hands in long work; it runs after the long work handed in before it, and after all short work waiting. */
	<T> CompletableFuture<T> submitLong(Callable<T> work) {
		return enqueue(longWork, () -> {
			inLongWork = true;
			try {
				return work.call();
			}
			finally {
				inLongWork = false;
			}
		});
	}

	/**
	 * Runs short work and waits for it; on the session thread itself it runs at once (work that
	 * calls other work does not wait for itself).
	 *
	 * @throws IllegalStateException on the Event Dispatch Thread, which must never wait for the
	 *           session thread: showing an image there needs the EDT
	 */
	<T> T call(Callable<T> work) {
		if (isCurrent()) {
			try {
				return work.call();
			}
			catch (RuntimeException | Error e) {
				throw e;
			}
			catch (Exception e) {
				throw new IllegalStateException(e.getMessage(), e);
			}
		}
		return await(submit(work));
	}

	/**
	 * Waits for work handed in and returns its result, or throws what it threw. Not interruptible:
	 * work once handed in runs to its end, so its caller waits to know how it ended (an interrupt
	 * is kept for later).
	 *
	 * @throws IllegalStateException on the Event Dispatch Thread, or on the session thread when the
	 *           work has not run yet (it would wait for itself)
	 */
	<T> T await(CompletableFuture<T> f) {
		if (!f.isDone() && SwingUtilities.isEventDispatchThread())
			throw new IllegalStateException("SegLoop's session work cannot be waited for on the Event Dispatch Thread (it may need the EDT to show an image): hand it in and let it report back");
		if (!f.isDone() && isCurrent()) throw new IllegalStateException("SegLoop's session thread cannot wait for work queued behind itself");
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return f.get();
				}
				catch (InterruptedException e) {
					interrupted = true;
				}
				catch (ExecutionException e) {
					Throwable cause = e.getCause();
					if (cause instanceof RuntimeException r) throw r;
					if (cause instanceof Error err) throw err;
					throw new IllegalStateException(cause.getMessage(), cause);
				}
			}
		}
		finally {
			if (interrupted) Thread.currentThread().interrupt();
		}
	}

	/**
	 * Called by long work between its units, on the session thread: runs the short work handed in
	 * meanwhile, then returns to the long work. Does nothing anywhere else.
	 */
	void safePoint() {
		if (!inLongWork()) return;
		Runnable next;
		while ((next = poll(shortWork)) != null) next.run();
	}

	/** Lets the thread end once the work already handed in is done. */
	void shutdown() {
		synchronized (lock) {
			shutdown = true;
			lock.notifyAll();
		}
	}

	private <T> CompletableFuture<T> enqueue(ArrayDeque<Runnable> queue, Callable<T> work) {
		CompletableFuture<T> f = new CompletableFuture<>();
		synchronized (lock) {
			if (shutdown) throw new IllegalStateException("SegLoop is shutting down: its session thread takes no more work");
			queue.add(() -> {
				if (f.isDone()) return; // cancelled before it started
				try {
					f.complete(work.call());
				}
				catch (Throwable t) { // handed back to the caller through the future
					f.completeExceptionally(t);
				}
			});
			if (thread == null) {
				thread = new Thread(this::loop, "SegLoop session");
				thread.setDaemon(true);
				thread.start();
			}
			lock.notifyAll();
		}
		return f;
	}

	private Runnable poll(ArrayDeque<Runnable> queue) {
		synchronized (lock) {
			return queue.poll();
		}
	}

	private void loop() {
		while (true) {
			Runnable next;
			synchronized (lock) {
				while (shortWork.isEmpty() && longWork.isEmpty()) {
					if (shutdown) return;
					try {
						lock.wait();
					}
					catch (InterruptedException e) {
						// the thread ends only by shutdown(), so that no work handed in is left unanswered
					}
				}
				next = !shortWork.isEmpty() ? shortWork.poll() : longWork.poll();
			}
			next.run();
			Thread.interrupted(); // an interrupt one piece of work left behind would cancel the next (Cancellation reads it)
		}
	}
}
