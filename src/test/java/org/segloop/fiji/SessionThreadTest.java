package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.swing.SwingUtilities;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.Predictor;
import org.segloop.core.project.QueueStatus;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.Projects;

/** The contract of SegLoop's session thread: one owner for all session work, short work between units of long work, no waiting on the EDT. */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a thread that stops serving work fails the test instead of hanging the build
class SessionThreadTest {

	@TempDir
	Path dir;

	@Test
	void allWorkRunsOnOneThreadInTheOrderItWasHandedIn() throws Exception {
		SessionThread owner = new SessionThread();
		List<String> threads = Collections.synchronizedList(new ArrayList<>());
		List<Integer> order = Collections.synchronizedList(new ArrayList<>());
		List<Thread> callers = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			int caller = t;
			callers.add(new Thread(() -> {
				for (int i = 0; i < 25; i++) {
					int n = i;
					owner.call(() -> {
						threads.add(Thread.currentThread().getName());
						order.add(caller * 100 + n);
						return null;
					});
				}
			}));
		}
		callers.forEach(Thread::start);
		for (Thread t : callers) t.join();
		assertEquals(100, order.size());
		assertEquals(List.of("SegLoop session"), threads.stream().distinct().toList());
		for (int caller = 0; caller < 4; caller++) {
			int c = caller;
			List<Integer> own = order.stream().filter(n -> n / 100 == c).toList();
			assertEquals(own.stream().sorted().toList(), own, "each caller's work in its order");
		}
		owner.shutdown();
	}

	@Test
	void shortWorkRunsAtTheNextSafePointOfLongWorkNotAfterIt() throws Exception {
		SessionThread owner = new SessionThread();
		CountDownLatch started = new CountDownLatch(1);
		AtomicInteger units = new AtomicInteger();
		CompletableFuture<Integer> longWork = owner.submitLong(() -> {
			started.countDown();
			for (int unit = 0; unit < 200; unit++) {
				Thread.sleep(10); // a tile
				units.incrementAndGet();
				owner.safePoint();
			}
			return units.get();
		});
		assertTrue(started.await(10, TimeUnit.SECONDS));
		int seen = owner.call(units::get); // Next, handed in while the long work runs
		assertFalse(longWork.isDone(), "the short work did not wait for the long work's end");
		assertTrue(seen < 200, "it ran between two units: after " + seen);
		assertEquals(200, longWork.get(30, TimeUnit.SECONDS), "the long work went on afterwards");
		owner.shutdown();
	}

	@Test
	void waitingIsRefusedOnTheEventDispatchThreadAndErrorsComeBackAsThrown() throws Exception {
		SessionThread owner = new SessionThread();
		CountDownLatch release = new CountDownLatch(1);
		owner.submit(() -> release.await(10, TimeUnit.SECONDS)); // keeps the thread busy
		Throwable[] onEdt = new Throwable[1];
		SwingUtilities.invokeAndWait(() -> {
			try {
				owner.call(() -> 1);
			}
			catch (Throwable t) {
				onEdt[0] = t;
			}
		});
		release.countDown();
		assertTrue(onEdt[0] instanceof IllegalStateException && onEdt[0].getMessage().contains("Event Dispatch Thread"), String.valueOf(onEdt[0]));
		IllegalArgumentException thrown = new IllegalArgumentException("bad mask");
		assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> owner.call(() -> {
			throw thrown;
		})));
		assertEquals(7, owner.call(() -> owner.call(() -> 7)), "work that calls work runs at once, not behind itself");
		owner.shutdown();
	}

	@Test
	void anInterruptLeftByOneTaskDoesNotCancelTheNext() throws Exception {
		SessionThread owner = new SessionThread();
		owner.call(() -> {
			Thread.currentThread().interrupt(); // as Prefetcher.take leaves it when interrupted
			return null;
		});
		assertFalse(owner.call(() -> new Cancellation().isCancelled()));
		owner.shutdown();
	}

	@Test
	void closingTheSessionCancelsItsLongWorkAndWaitsForIt() throws Exception {
		Path project = Projects.predictedSamples(dir, 1);
		try (Context context = new Context(SegLoopService.class)) {
			SegLoopService segloop = context.service(SegLoopService.class);
			segloop.withSession(project, "ana", s -> null);
			Cancellation cancel = new Cancellation();
			CountDownLatch started = new CountDownLatch(1);
			CompletableFuture<Integer> running = segloop.submitLong(cancel, (session, safePoint) -> {
				started.countDown();
				int units = 0;
				while (true) {
					cancel.check(); // a long job stops at its next check
					safePoint.run();
					units++;
				}
			});
			CompletableFuture<Integer> waiting = segloop.submitLong(new Cancellation(), (session, safePoint) -> 1);
			assertTrue(started.await(10, TimeUnit.SECONDS));
			assertEquals("ana", segloop.withSession(AnnotationSession::annotator), "short work runs while the long work does");
			segloop.closeSession();
			assertTrue(running.isDone() && waiting.isDone(), "closing waited for the running work and cancelled the waiting one");
			assertThrows(CancellationException.class, running::get);
			assertThrows(CancellationException.class, waiting::get, "cancelled before it started");
			assertTrue(segloop.project().isEmpty());
			IllegalStateException none = assertThrows(IllegalStateException.class, () -> segloop.withSession(s -> 1));
			assertTrue(none.getMessage().startsWith("no SegLoop project is open"));
			segloop.withSession(project, "ben", s -> null); // the writer lock was released
		}
	}
	@Test
	void nextIsServedBetweenTheImagesOfARunningPredictionNotAfterIt() throws Exception {
		Path project;
		try (var p = Projects.ofSamples(dir, 6, org.segloop.core.project.ProjectSettings.defaults())) {
			Cancellation two = new Cancellation();
			try {
				new Predictor(p, RuntimeOptions.defaults()).run((done, total, image, prediction) -> {
					if (done == 2) two.cancel();
				}, ProgressListener.NONE, two);
			}
			catch (CancellationException expected) {
				// four images are left for the prediction below
			}
			project = p.folder();
		}
		try (Context context = new Context(SegLoopService.class)) {
			SegLoopService segloop = context.service(SegLoopService.class);
			segloop.withSession(project, "ana", s -> null);
			AtomicInteger predicted = new AtomicInteger();
			CountDownLatch firstDone = new CountDownLatch(1);
			CompletableFuture<Integer> prediction = segloop.submitLong(new Cancellation(), (session, safePoint) ->
				new Predictor(session.store(), RuntimeOptions.defaults()).run((done, total, image, p) -> {
					predicted.set(done);
					firstDone.countDown();
					safePoint.run();
				}, (done, total, what) -> safePoint.run(), new Cancellation()).predicted());
			assertTrue(firstDone.await(60, TimeUnit.SECONDS));
			int[] whenServed = segloop.withSession(s -> new int[] { (int) s.next().orElseThrow().lease().imageId(), predicted.get() });
			assertTrue(whenServed[1] < 4, "Next ran while the prediction was at image " + whenServed[1] + " of 4");
			assertEquals(4, prediction.get(60, TimeUnit.SECONDS));
			assertEquals(QueueStatus.IN_PROGRESS, segloop.withSession(s -> s.store().queue().entry(whenServed[0]).orElseThrow().status()),
				"the prediction left the lease as it was");
			segloop.closeSession();
		}
	}
}
