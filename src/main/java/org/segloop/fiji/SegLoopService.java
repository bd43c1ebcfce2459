package org.segloop.fiji;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import javax.swing.SwingUtilities;

import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.SciJavaService;
import org.scijava.service.Service;

import org.segloop.core.work.Cancellation;

/**
 * Holds the project a Fiji user is annotating, per SciJava context (no static state): the open
 * {@link AnnotationSession} and the view that shows its images. Commands look it up with
 * {@code @Parameter SegLoopService}. Closes the project when the context is disposed.
 *
 * <p><b>Threads.</b> The session (one SQLite connection, with its transactions) and the view are
 * used by commands, macro and script threads and the queue panel at once, so all work on them has
 * one owner: the service's session thread ({@link SessionThread}). Callers hand work in:
 * {@link #withSession} runs it there and blocks until it is done (from any thread but the Event
 * Dispatch Thread, where it is refused); {@link #submit} and {@link #submitLong} return at once
 * with a future (for the panel's buttons). Work handed in is not withdrawn once started; long work
 * stops through the {@link Cancellation} given with it.
 *
 * <p><b>Long work</b> (prediction, fine-tuning and its re-scoring) runs on the session thread too,
 * on the session's own connection, and calls its safe point between tiles, images and optimisation
 * steps, where Next / Accept / Skip handed in meanwhile run; so they wait for one unit of long
 * work, not for minutes. A second, writable connection for long work is not an option: the
 * project's one-writer lock ({@link org.segloop.core.project.ProjectLock}) belongs to the session,
 * and the orphan sweep that prediction and fine-tuning start with would delete a correction's
 * file written on another connection before its row is committed. Export only reads, so it runs
 * on a read-only connection of its own beside the session.
 */
@Plugin(type = Service.class)
public class SegLoopService extends AbstractService implements SciJavaService {

	/** Work on the open session, run on the session thread. */
	@FunctionalInterface
	public interface SessionWork<T> {
		T run(AnnotationSession session);
	}

	/** Long work on the open session: calls {@code safePoint.run()} between its units, with no transaction open. */
	@FunctionalInterface
	public interface LongWork<T> {
		T run(AnnotationSession session, Runnable safePoint);
	}

	private static final String NOTHING_OPEN = "no SegLoop project is open: run " + MenuHints.menu(OpenProjectCommand.class) + " or "
		+ MenuHints.menu(AnnotateNextCommand.class) + " first";

	private final SessionThread owner = new SessionThread();
	private final Set<Cancellation> longWork = ConcurrentHashMap.newKeySet();
	private AnnotationSession session; // session thread only
	private AnnotationView view; // session thread only
	private volatile Path project; // the open session's folder, for any thread
	private volatile String annotator;
	private volatile QueuePanel panel; // made and disposed on the Event Dispatch Thread

	/**
	 * Runs work on the session for this project and annotator, opening it (and closing another,
	 * after stopping its long work) if needed, and waits for it.
	 */
	public <T> T withSession(Path project, String annotator, SessionWork<T> work) {
		if (annotator == null || annotator.isBlank()) throw new IllegalArgumentException("an annotator name is needed");
		Path folder = project.toAbsolutePath().normalize();
		String who = annotator.trim();
		if (this.project != null && !isOpen(folder, who) && !owner.isCurrent()) closeSession();
		return owner.call(() -> {
			if (!isOpen(folder, who)) {
				if (session != null) {
					if (owner.inLongWork()) throw new IllegalStateException(this.project + " is busy (prediction or fine-tuning): let it finish or cancel it before opening "
						+ folder + " for " + who);
					closeNow();
				}
				session = AnnotationSession.open(folder, who);
				this.project = folder;
				this.annotator = who;
			}
			return work.run(session);
		});
	}

	/** Runs work on the open session and waits for it. @throws IllegalStateException when no project is open */
	public <T> T withSession(SessionWork<T> work) {
		return owner.call(() -> work.run(requireOpen()));
	}

	/** Hands in work on the open session; the future fails with IllegalStateException when no project is open by then. */
	public <T> CompletableFuture<T> submit(SessionWork<T> work) {
		return owner.submit(() -> work.run(requireOpen()));
	}

	/**
	 * Hands in long work on the open session. It starts after the long work handed in before it;
	 * {@code cancel} stops it, and closing the session cancels it.
	 */
	public <T> CompletableFuture<T> submitLong(Cancellation cancel, LongWork<T> work) {
		longWork.add(cancel);
		CompletableFuture<T> f = owner.submitLong(() -> {
			try {
				cancel.check(); // cancelled while it waited
				return work.run(requireOpen(), owner::safePoint);
			}
			finally {
				longWork.remove(cancel);
			}
		});
		return f;
	}

	/** Runs long work (see {@link #submitLong}) and waits for it. */
	public <T> T runLong(Cancellation cancel, LongWork<T> work) {
		return owner.await(submitLong(cancel, work));
	}

	/** The open project's folder, if any (cheap, any thread). */
	public Optional<Path> project() {
		return Optional.ofNullable(project);
	}

	/**
	 * The view: windows and the ROI Manager in a desktop Fiji, the image overlay when headless.
	 * Session thread only, like the session whose images it shows.
	 */
	public AnnotationView view() {
		if (!owner.isCurrent()) throw new IllegalStateException("SegLoop's view is used on its session thread only: run it inside withSession(...)");
		if (view == null) view = java.awt.GraphicsEnvironment.isHeadless() ? new OverlayView() : new RoiManagerView();
		return view;
	}

	/** Shows the queue panel of the open session. Event Dispatch Thread only. */
	public QueuePanel showPanel() {
		if (!SwingUtilities.isEventDispatchThread()) throw new IllegalStateException("the queue panel is shown on the Event Dispatch Thread (SwingUtilities.invokeLater)");
		Path folder = project;
		if (folder == null) throw new IllegalStateException(NOTHING_OPEN);
		QueuePanel p = panel;
		if (p == null || !p.isDisplayable()) panel = p = new QueuePanel(this, folder);
		p.setVisible(true);
		p.toFront();
		p.refresh();
		return p;
	}

	/** The open queue panel, if any. */
	public Optional<QueuePanel> panel() {
		return Optional.ofNullable(panel).filter(QueuePanel::isDisplayable);
	}

	/** Tells an open queue panel that the project changed (after a command leased, accepted or skipped); any thread. */
	public void changed() {
		panel().ifPresent(QueuePanel::refresh);
	}

	/**
	 * Closes the open session: cancels its long work, waits until the running piece of it has
	 * stopped, closes the view and the project, and disposes of the panel. From the Event Dispatch
	 * Thread it does the same without waiting.
	 *
	 * @throws IllegalStateException from inside long work (it cannot wait for itself)
	 */
	public void closeSession() {
		longWork.forEach(Cancellation::cancel);
		if (owner.isCurrent()) {
			if (owner.inLongWork()) throw new IllegalStateException("the SegLoop session cannot be closed from inside its own long work");
			closeNow();
		}
		else {
			CompletableFuture<Object> closed = owner.submitLong(() -> { // behind the long work that is stopping
				closeNow();
				return null;
			});
			if (!SwingUtilities.isEventDispatchThread()) owner.await(closed);
		}
		SwingUtilities.invokeLater(() -> {
			QueuePanel p = panel;
			panel = null;
			if (p != null) p.dispose();
		});
	}

	private boolean isOpen(Path folder, String who) {
		return folder.equals(project) && who.equals(annotator);
	}

	private AnnotationSession requireOpen() {
		if (session == null) throw new IllegalStateException(NOTHING_OPEN);
		return session;
	}

	/** On the session thread. */
	private void closeNow() {
		project = null;
		annotator = null;
		if (view != null) view.close();
		if (session != null) session.close();
		session = null;
	}

	@Override
	public void dispose() {
		try {
			closeSession();
		}
		catch (IllegalStateException e) {
			// disposing from an odd thread: the daemon session thread goes with the JVM
		}
		owner.shutdown();
	}
}
