package org.segloop.fiji;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.segloop.core.project.ProjectStore;

/**
 * Reads the image the queue will serve next, with its proposal, while the current one is being
 * corrected, so Annotate Next only has to lease it. Uses its own read-only connection on its own
 * daemon thread (SQLite connections are not shared between threads); a guess that turns out wrong
 * (someone else took the image, or it was predicted again) is simply dropped.
 */
final class Prefetcher implements AutoCloseable {

	private final Path project;
	private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "SegLoop prefetch");
		t.setDaemon(true);
		return t;
	});
	private ProjectStore readOnly; // touched only on the prefetch thread
	private Future<AnnotationSession.Loaded> pending;

	Prefetcher(Path project) {
		this.project = project;
	}

	/** Starts reading the upcoming image in the background (dropping an earlier guess). */
	synchronized void prefetchUpcoming() {
		if (pending != null) pending.cancel(false);
		pending = thread.submit(() -> {
			if (readOnly == null) readOnly = ProjectStore.open(project, ProjectStore.Access.READ_ONLY);
			return readOnly.queue().upcoming().map(c -> AnnotationSession.load(readOnly, c.imageId())).orElse(null);
		});
	}

	/**
	 * The prefetched image if it is this one with this proposal (waiting for it if it is still
	 * being read), else null.
	 */
	synchronized AnnotationSession.Loaded take(long imageId, long predictionId) {
		Future<AnnotationSession.Loaded> f = pending;
		pending = null;
		if (f == null || f.isCancelled()) return null;
		try {
			AnnotationSession.Loaded loaded = f.get();
			return loaded != null && loaded.record().id() == imageId && loaded.predictionId() == predictionId ? loaded : null;
		}
		catch (ExecutionException e) {
			return null; // the foreground load reports the problem properly
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	@Override
	public synchronized void close() {
		if (pending != null) pending.cancel(true);
		thread.submit(() -> {
			if (readOnly != null) readOnly.close();
		});
		thread.shutdown();
	}
}
