package org.segloop.fiji;

import java.nio.file.Path;
import java.util.Optional;

import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.SciJavaService;
import org.scijava.service.Service;

/**
 * Holds the project a Fiji user is annotating, per SciJava context (no static state): the open
 * {@link AnnotationSession} and the view that shows its images. Commands look it up with
 * {@code @Parameter SegLoopService}. Closes the project when the context is disposed.
 */
@Plugin(type = Service.class)
public class SegLoopService extends AbstractService implements SciJavaService {

	private AnnotationSession session;
	private AnnotationView view;
	private QueuePanel panel;

	/** The open session for this project and annotator, opening it (and closing another) if needed. */
	public synchronized AnnotationSession session(Path project, String annotator) {
		if (session != null && session.store().folder().toAbsolutePath().normalize().equals(project.toAbsolutePath().normalize())
			&& session.annotator().equals(annotator.trim()))
			return session;
		closeSession();
		session = AnnotationSession.open(project, annotator);
		return session;
	}

	/** The open session, if any. */
	public synchronized Optional<AnnotationSession> session() {
		return Optional.ofNullable(session);
	}

	/** The session, or an error telling the user what to run first. */
	public synchronized AnnotationSession requireSession() {
		if (session == null) throw new IllegalStateException("no SegLoop project is open: run Plugins > SegLoop > Open Project... or Annotate Next first");
		return session;
	}

	/** The view: windows and the ROI Manager in a desktop Fiji, the image overlay when headless. */
	public synchronized AnnotationView view() {
		if (view == null) view = java.awt.GraphicsEnvironment.isHeadless() ? new OverlayView() : new RoiManagerView();
		return view;
	}

	/** Shows the queue panel of the open session (call on the Event Dispatch Thread). */
	public synchronized QueuePanel showPanel() {
		if (panel == null || !panel.isDisplayable()) panel = new QueuePanel(this);
		panel.setVisible(true);
		panel.toFront();
		panel.refresh();
		return panel;
	}

	/** The open queue panel, if any. */
	public synchronized java.util.Optional<QueuePanel> panel() {
		return java.util.Optional.ofNullable(panel).filter(QueuePanel::isDisplayable);
	}

	/** Tells an open queue panel that the project changed (after a command leased, accepted or skipped). */
	public void changed() {
		panel().ifPresent(QueuePanel::refresh);
	}

	public synchronized void closeSession() {
		if (panel != null) panel.dispose();
		panel = null;
		if (view != null) view.close();
		if (session != null) session.close();
		session = null;
	}

	@Override
	public void dispose() {
		closeSession();
	}
}
