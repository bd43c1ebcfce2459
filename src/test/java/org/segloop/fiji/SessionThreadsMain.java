package org.segloop.fiji;

import java.awt.Component;
import java.awt.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

import javax.swing.AbstractButton;
import javax.swing.JComponent;
import javax.swing.RepaintManager;
import javax.swing.SwingUtilities;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.Predictor;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.JournalEvent;
import org.segloop.core.project.ProjectAudit;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.QueueStatus;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.Projects;

/**
 * Runs in a child JVM on an X display: three command threads (as macros and scripts run them)
 * lease, accept and skip images while the queue panel refreshes, predicts the images that have no
 * proposal yet and has its own Next / Accept / Skip buttons clicked, all at once on one open
 * project. Prints what a test checks: errors that escaped, Swing touched off the Event Dispatch
 * Thread, whether every stored correction is exactly the proposal that was shown (nobody edits),
 * the audit and the journal. Argument: a new folder to work in.
 */
public final class SessionThreadsMain {

	private static final int IMAGES = 8, PREDICTED_FIRST = 3, THREADS = 3, OPS = 12;

	public static void main(String[] args) {
		try {
			run(Path.of(args[0]));
			System.out.println("DONE");
		}
		catch (Throwable e) {
			e.printStackTrace(System.out);
		}
		System.exit(0); // ImageJ's windows keep the AWT threads alive
	}

	private static void run(Path dir) throws Exception {
		Path project = partlyPredicted(Files.createDirectories(dir));
		EdtCheck edt = new EdtCheck();
		SwingUtilities.invokeAndWait(() -> RepaintManager.setCurrentManager(edt));
		List<String> errors = Collections.synchronizedList(new ArrayList<>());
		try (Context context = new Context(CommandService.class, SegLoopService.class, StatusService.class)) {
			CommandService commands = context.service(CommandService.class);
			SegLoopService segloop = context.service(SegLoopService.class);
			commands.run(OpenProjectCommand.class, true, "project", project.toFile(), "annotator", "ana").get();
			commands.run(QueuePanelCommand.class, true, "project", project.toFile(), "annotator", "ana").get();
			for (int wait = 0; wait < 200 && segloop.panel().isEmpty(); wait++) Thread.sleep(25);
			QueuePanel panel = segloop.panel().orElseThrow();

			List<Thread> threads = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				Random random = new Random(t);
				threads.add(new Thread(() -> {
					for (int op = 0; op < OPS; op++) command(commands, project, random.nextInt(8), errors);
				}, "macro " + t));
			}
			threads.add(new Thread(() -> { // the panel: its buttons on the EDT, and what a script calls on it
				try {
					for (int round = 0; round < OPS / 2; round++) {
						panel.refresh();
						for (String button : round == 1 ? new String[] { "Skip" } : new String[] { "Next", "Accept" })
							SwingUtilities.invokeAndWait(() -> find(panel, button).doClick());
						if (round % 2 == 0) panel.predict(); // from this script thread, not the EDT
					}
					panel.awaitIdle();
				}
				catch (Exception e) {
					errors.add("panel: " + e);
				}
			}, "panel script"));
			threads.forEach(Thread::start);
			for (Thread t : threads) t.join(120_000);
			panel.predict(); // whatever is still unpredicted
			panel.awaitIdle();
			System.out.println("PANEL MESSAGE " + panel.message());
			if (panel.message().contains("failed")) errors.add("panel: " + panel.message());
			segloop.closeSession();
		}
		System.out.println("ERRORS " + errors.size() + " " + errors);
		System.out.println("EDT VIOLATIONS " + edt.violations.size() + " " + edt.violations.stream().limit(3).toList());
		report(project);
	}

	/** One command as a macro would run it; only the expected refusal (nothing leased at the moment) is not an error. */
	private static void command(CommandService commands, Path project, int which, List<String> errors) {
		try {
			Class<? extends Command> command = switch (which) {
				case 0, 1 -> AnnotateNextCommand.class;
				case 2, 3, 4 -> AcceptCorrectionCommand.class;
				case 5 -> SkipImageCommand.class;
				case 6 -> FineTuneCommand.class; // not due: reads the corrections
				default -> OpenProjectCommand.class;
			};
			if (command == AcceptCorrectionCommand.class) commands.run(command, true, "next", which != 4).get();
			else if (command == SkipImageCommand.class) commands.run(command, true, "reason", "blurred").get();
			else if (command == FineTuneCommand.class) commands.run(command, true, "project", project.toFile(), "annotator", "ana", "every", 1000).get();
			else commands.run(command, true, "project", project.toFile(), "annotator", "ana").get();
		}
		catch (ExecutionException e) {
			Throwable cause = e;
			while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
			if (!(cause instanceof IllegalStateException && String.valueOf(cause.getMessage()).startsWith("no image is being annotated")))
				errors.add(Thread.currentThread().getName() + ": " + cause);
		}
		catch (InterruptedException e) {
			errors.add("interrupted");
		}
	}

	/** Eight sample images, three of them predicted: the panel's Predict has work to do while people annotate. */
	private static Path partlyPredicted(Path dir) throws Exception {
		try (ProjectStore p = Projects.ofSamples(dir, IMAGES, ProjectSettings.defaults())) {
			Cancellation stop = new Cancellation();
			try {
				new Predictor(p, RuntimeOptions.defaults()).run((done, total, image, prediction) -> {
					if (done == PREDICTED_FIRST) stop.cancel();
				}, ProgressListener.NONE, stop);
			}
			catch (CancellationException expected) {
				// the rest is left for the panel
			}
			return p.folder();
		}
	}

	private static void report(Path project) throws Exception {
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			List<Correction> corrections = p.corrections().all();
			int exact = 0;
			for (Correction c : corrections) {
				var record = p.images().byId(c.imageId()).orElseThrow();
				LabelVolume stored = LabelFiles.read(p.files().resolve(c.maskFile()), record, -1, "stored");
				var shown = AnnotationSession.load(p, c.imageId()); // the proposal the annotator was shown (one model version here)
				LabelVolume proposal = RoiLabels.toLabels(shown.rois(), record.width(), record.height(), 1, 1, new double[] { 1, 1, 1 });
				if (java.util.Arrays.equals(stored.labels()[0], proposal.labels()[0]) && c.fractionChanged() == 0) exact++;
			}
			System.out.println("EXACT " + exact + " OF " + corrections.size());
			System.out.println("AUDIT " + ProjectAudit.run(p));
			Map<QueueStatus, Long> counts = p.queue().counts();
			long accepted = count(p, JournalEvent.ACCEPTED) - count(p, JournalEvent.ACCEPT_UNDONE), skipped = count(p, JournalEvent.SKIPPED);
			System.out.println("JOURNAL " + (accepted == corrections.size() && skipped == counts.get(QueueStatus.SKIPPED)
				&& count(p, JournalEvent.PREDICTED) == IMAGES) + " accepted " + accepted + " skipped " + skipped + " counts " + QueueStatus.byStoredValue(counts));
			System.out.println("PENDING " + p.predictions().pending(p.models().current().id()).size());
		}
	}

	private static long count(ProjectStore p, JournalEvent what) {
		return p.events().stream().filter(e -> e.what() == what).count();
	}

	private static AbstractButton find(Container c, String text) {
		for (Component child : c.getComponents()) {
			if (child instanceof AbstractButton b && text.equals(b.getText())) return b;
			if (child instanceof Container inner) {
				AbstractButton b = find(inner, text);
				if (b != null) return b;
			}
		}
		return null;
	}

	/** Records every repaint or layout request of the queue panel's components made off the Event Dispatch Thread. */
	static final class EdtCheck extends RepaintManager {

		final List<String> violations = Collections.synchronizedList(new ArrayList<>());

		@Override
		public synchronized void addInvalidComponent(JComponent c) {
			check(c);
			super.addInvalidComponent(c);
		}

		@Override
		public void addDirtyRegion(JComponent c, int x, int y, int w, int h) {
			check(c);
			super.addDirtyRegion(c, x, y, w, h);
		}

		private void check(JComponent c) {
			if (SwingUtilities.isEventDispatchThread() || !(SwingUtilities.getWindowAncestor(c) instanceof QueuePanel)) return;
			StackTraceElement[] stack = new Throwable().getStackTrace();
			String where = java.util.Arrays.stream(stack).filter(s -> s.getClassName().startsWith("org.segloop.fiji.QueuePanel")).findFirst()
				.map(StackTraceElement::toString).orElse("?");
			violations.add(Thread.currentThread().getName() + " " + c.getClass().getSimpleName() + " at " + where);
		}
	}
}
