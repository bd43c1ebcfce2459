package org.segloop.fiji;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.swing.BorderFactory;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import javax.swing.table.DefaultTableModel;

import org.segloop.core.export.DatasetExport;
import org.segloop.core.export.ExportFormats;
import org.segloop.core.export.ExportSettings;
import org.segloop.core.loop.LearningCurve;
import org.segloop.core.loop.ModelUpdate;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.project.QueueStatus;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.work.Cancellation;

/**
 * The queue panel (non-modal): the queue with score, status and annotator, counts, Next /
 * Accept / Skip, prediction, fine-tuning and export with progress and cancel, and plots of
 * correction effort, the learning curve and the score distribution.
 *
 * <p><b>Threads.</b> Project work never runs on the Event Dispatch Thread: Next, Accept, Skip and
 * the refresh are handed to {@link SegLoopService}'s session thread, prediction and fine-tuning
 * too as long work (Next and Accept from the panel or a macro run between its tiles and images),
 * and export reads through its own read-only connection on the panel's export thread. Swing
 * components are only touched on the EDT: the public methods may be called from any thread
 * (scripts call {@link #predict}, {@link #export}, {@link #refresh}); they hand their Swing work
 * to the EDT. The panel itself is made on the EDT ({@link SegLoopService#showPanel}).
 */
public final class QueuePanel extends JFrame {

	private static final String[] COLUMNS = { "id", "image", "score", "status", "annotator" };
	private static final String[] SLICE_COLUMNS = { "rank", "slice", "uncertainty", "object pixels" };
	/** The label of the button that predicts; Fiji's messages name it (MenuHints). */
	static final String PREDICT_BUTTON = "Predict new images";

	private final SegLoopService segloop;
	private final Path project;
	private final ExecutorService exports = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "SegLoop queue panel export");
		t.setDaemon(true);
		return t;
	});
	private final java.util.Queue<Future<?>> pending = new ConcurrentLinkedQueue<>(); // work handed in and not yet awaited
	private final DefaultTableModel rows = new DefaultTableModel(COLUMNS, 0) {
		@Override
		public boolean isCellEditable(int row, int column) {
			return false;
		}
	};
	/** The leased volume's slices, most uncertain first; a click shows the slice. */
	private final DefaultTableModel sliceRows = new DefaultTableModel(SLICE_COLUMNS, 0) {
		@Override
		public boolean isCellEditable(int row, int column) {
			return false;
		}
	};
	private final JTable sliceTable = new JTable(sliceRows);
	private final List<int[]> slicePlanes = new java.util.ArrayList<>(); // {slice, frame} by row; EDT only
	private boolean markingSlice; // EDT only: the selection is being set to the shown slice, not chosen by the user
	private final JLabel counts = new JLabel(" ");
	private final JLabel message = new JLabel(" ");
	private final JLabel effortPlot = new JLabel();
	private final JLabel scorePlot = new JLabel();
	private final JLabel curvePlot = new JLabel();
	private final JProgressBar progress = new JProgressBar();
	private final JButton cancel = new JButton("Cancel");
	private volatile Cancellation running;

	/** Made on the Event Dispatch Thread, for the session open on {@code project}. */
	QueuePanel(SegLoopService segloop, Path project) {
		super("SegLoop queue — " + project.getFileName());
		if (!SwingUtilities.isEventDispatchThread()) throw new IllegalStateException("the queue panel is made on the Event Dispatch Thread");
		this.segloop = segloop;
		this.project = project;
		setDefaultCloseOperation(DISPOSE_ON_CLOSE);
		JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT));
		buttons.add(button("Next", this::next));
		buttons.add(button("Accept", this::accept));
		buttons.add(button("Skip", this::skip));
		buttons.add(button(PREDICT_BUTTON, this::predict));
		buttons.add(button("Fine-tune", this::fineTune));
		buttons.add(button("Export…", this::export));
		buttons.add(button("Refresh", this::refresh));
		JPanel work = new JPanel(new BorderLayout(4, 4));
		cancel.setEnabled(false);
		cancel.addActionListener(e -> {
			Cancellation c = running;
			if (c != null) c.cancel();
		});
		work.add(progress, BorderLayout.CENTER);
		work.add(cancel, BorderLayout.EAST);
		work.add(message, BorderLayout.SOUTH);
		JPanel plots = new JPanel(new GridLayout(3, 1));
		plots.add(effortPlot);
		plots.add(curvePlot);
		plots.add(scorePlot);
		JPanel top = new JPanel(new BorderLayout());
		top.add(counts, BorderLayout.NORTH);
		top.add(buttons, BorderLayout.SOUTH);
		JPanel content = new JPanel(new BorderLayout(6, 6));
		content.setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
		content.add(top, BorderLayout.NORTH);
		sliceTable.setSelectionMode(javax.swing.ListSelectionModel.SINGLE_SELECTION);
		sliceTable.getSelectionModel().addListSelectionListener(e -> {
			if (!e.getValueIsAdjusting() && !markingSlice) showSlice(sliceTable.getSelectedRow());
		});
		JPanel slices = new JPanel(new BorderLayout());
		slices.add(new JLabel("Slices by uncertainty (click: show; F4 next, F3 previous)"), BorderLayout.NORTH);
		slices.add(new JScrollPane(sliceTable), BorderLayout.CENTER);
		javax.swing.JSplitPane tables = new javax.swing.JSplitPane(javax.swing.JSplitPane.VERTICAL_SPLIT, new JScrollPane(new JTable(rows)), slices);
		tables.setResizeWeight(0.6);
		content.add(tables, BorderLayout.CENTER);
		content.add(plots, BorderLayout.EAST);
		content.add(work, BorderLayout.SOUTH);
		setContentPane(content);
		setSize(900, 720);
		refresh();
	}

	/** Rows in the table (for tests and scripts; any thread but the EDT waits for it). */
	public int rowCount() {
		return fromEdt(rows::getRowCount);
	}

	/** The panel's message line: what the last action reported (any thread). */
	public String message() {
		return fromEdt(message::getText);
	}

	/** The slice list as shown: "SLICE UNCERTAINTY" per row, most uncertain first, slices 1-based (any thread). */
	public List<String> sliceRows() {
		return fromEdt(() -> {
			List<String> out = new java.util.ArrayList<>();
			for (int r = 0; r < sliceRows.getRowCount(); r++) out.add(sliceRows.getValueAt(r, 1) + " " + sliceRows.getValueAt(r, 2));
			return out;
		});
	}

	/** The row of the slice list marked as shown, or -1 (any thread). */
	public int markedSliceRow() {
		return fromEdt(sliceTable::getSelectedRow);
	}

	/** Chooses a row of the slice list, as a click does: its slice is shown (any thread). */
	public void chooseSlice(int row) {
		onEdt(() -> sliceTable.setRowSelectionInterval(row, row));
	}

	private void showSlice(int row) {
		if (row < 0 || row >= slicePlanes.size()) return;
		int[] plane = slicePlanes.get(row);
		work("Show slice " + (plane[0] + 1), s -> {
			LoopActions.showSlice(s, segloop.view(), plane[0], plane[1]);
			say("slice " + (plane[0] + 1) + (plane[1] > 0 ? ", frame " + (plane[1] + 1) : "") + ": " + (row + 1) + " of " + slicePlanes.size()
				+ " by uncertainty");
			return null;
		});
	}

	private JButton button(String label, Runnable action) {
		JButton b = new JButton(label);
		b.addActionListener(e -> action.run());
		return b;
	}

	/** Hands short session work to the session thread; errors are shown in the panel, then the view refreshes. */
	private void work(String what, SegLoopService.SessionWork<?> task) {
		say(what + " …");
		track(segloop.submit(s -> {
			try {
				task.run(s);
			}
			catch (RuntimeException e) {
				say(what + " failed: " + MenuHints.message(e));
			}
			reload(s);
			return null;
		}), what);
	}

	/** Long work of the panel: returns the line to show when done. */
	@FunctionalInterface
	private interface PanelWork {
		String run(AnnotationSession session, Runnable safePoint, Cancellation cancel);
	}

	/** Hands long session work to the session thread, with progress and Cancel. */
	private void longWork(String what, PanelWork task) {
		Cancellation c = start(what);
		track(segloop.submitLong(c, (s, safePoint) -> {
			try {
				say(task.run(s, safePoint, c));
			}
			catch (java.util.concurrent.CancellationException e) {
				say(what + " cancelled");
			}
			catch (RuntimeException e) {
				say(what + " failed: " + MenuHints.message(e));
			}
			finally {
				stop(c);
			}
			reload(s);
			return null;
		}), what);
	}

	/** Remembers work for {@link #awaitIdle}, and reports work that could not even start (no project open, cancelled while waiting). */
	private void track(java.util.concurrent.CompletableFuture<?> f, String what) {
		pending.add(f);
		f.whenComplete((result, error) -> {
			Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
			if (cause instanceof java.util.concurrent.CancellationException) say(what + " cancelled");
			else if (cause != null) say(what + " failed: " + MenuHints.message(cause));
		});
	}

	private void next() {
		work("Next", s -> {
			say(LoopMessages.next(LoopActions.next(s, segloop.view()), s.waitingForPrediction(), project));
			return null;
		});
	}

	private void accept() {
		work("Accept", s -> {
			say(LoopMessages.accepted(LoopActions.accept(s, segloop.view(), false, true, org.segloop.core.correction.KeySlices.interpolating())));
			return null;
		});
	}

	private void skip() {
		work("Skip", s -> {
			LoopActions.skip(s, segloop.view(), "skipped in the queue panel");
			return null;
		});
	}

	/** Predicts the images that have no proposal yet, with progress and Cancel (what the button runs; any thread). */
	public void predict() {
		longWork("Prediction", (s, safePoint, c) -> LoopMessages.predicted(LoopActions.predict(s, safePoint, this::progress, c)));
	}

	/**
	 * Fine-tunes on the accepted corrections with the default settings, then re-scores the queue,
	 * with progress and Cancel (what the button runs; any thread).
	 */
	public void fineTune() {
		longWork("Fine-tuning", (s, safePoint, c) -> LoopMessages.modelUpdated(LoopActions.updateModel(s, safePoint,
			ModelUpdate.Request.of(FineTuneSettings.defaults()), this::progress, c)));
	}

	private void export() {
		JFileChooser chooser = new JFileChooser();
		chooser.setDialogTitle("New folder for the export");
		chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
		JComboBox<String> format = new JComboBox<>(ExportFormats.names().toArray(String[]::new));
		chooser.setAccessory(format);
		if (chooser.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) return;
		export(chooser.getSelectedFile().toPath(), (String) format.getSelectedItem());
	}

	/**
	 * Exports the corrected images through a read-only connection of its own, beside the session
	 * (annotation goes on meanwhile), with progress and Cancel (what the button runs after its
	 * folder dialog; any thread).
	 */
	public void export(Path out, String format) {
		Cancellation c = start("Export");
		pending.add(exports.submit(() -> {
			try (ProjectStore readOnly = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
				DatasetExport.Report r = new DatasetExport(readOnly).export(out, ExportSettings.of(ExportFormats.byName(format)),
					(done, total, what) -> progress((int) done, (int) total, "exporting " + what), c);
				say("exported " + r.cases() + " image(s) to " + r.folder() + (r.notes().isEmpty() ? "" : "; " + String.join("; ", r.notes())));
			}
			catch (java.util.concurrent.CancellationException e) {
				say("Export cancelled");
			}
			catch (RuntimeException e) {
				say("Export failed: " + MenuHints.message(e));
			}
			finally {
				stop(c);
			}
		}));
	}

	/** Waits until the work handed in so far (and what it handed to the EDT) is done; for scripts and tests, not on the EDT. */
	public void awaitIdle() throws InterruptedException, java.lang.reflect.InvocationTargetException {
		if (SwingUtilities.isEventDispatchThread()) throw new IllegalStateException("awaitIdle waits for the EDT: call it from another thread");
		for (Future<?> f; (f = pending.peek()) != null; pending.remove(f)) {
			try {
				f.get();
			}
			catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
				// reported on the message line by track()
			}
		}
		SwingUtilities.invokeAndWait(() -> {});
	}

	private Cancellation start(String what) {
		Cancellation c = new Cancellation();
		running = c;
		onEdt(() -> {
			cancel.setEnabled(true);
			message.setText(what + " …");
		});
		return c;
	}

	private void stop(Cancellation c) {
		if (running == c) running = null;
		onEdt(() -> {
			if (running == null) cancel.setEnabled(false);
			progress.setValue(0);
		});
	}

	private void progress(int done, int total, String what) {
		onEdt(() -> {
			progress.setMaximum(Math.max(1, total));
			progress.setValue(done);
			message.setText(what);
		});
	}

	private void say(String text) {
		onEdt(() -> message.setText(text));
	}

	/** Re-reads the queue, counts and plots (on the session thread; any thread may ask). */
	public void refresh() {
		track(segloop.submit(s -> {
			reload(s);
			return null;
		}), "Refresh");
	}

	/** On the session thread: reads what the panel shows, then hands it to the EDT. */
	private void reload(AnnotationSession s) {
		ProjectStore store = s.store();
		Map<String, Long> c = QueueStatus.byStoredValue(store.queue().counts());
		List<ImageQueue.Entry> entries = store.queue().entries(200);
		Object[][] data = new Object[entries.size()][];
		for (int i = 0; i < data.length; i++) {
			ImageQueue.Entry e = entries.get(i);
			String name = store.images().byId(e.imageId()).map(r -> r.path().getFileName().toString()).orElse("?");
			data[i] = new Object[] { e.imageId(), name, e.score() == null ? "" : String.format("%.4f", e.score()), e.status().stored(),
				e.annotator() == null ? "" : e.annotator() };
		}
		var effort = QueuePlots.effort(store.corrections().all());
		var scores = QueuePlots.scores(entries);
		var curve = QueuePlots.learningCurve(LearningCurve.of(store));
		var ranking = s.current().map(AnnotationSession.Proposal::slices).orElse(null);
		List<int[]> planes = new java.util.ArrayList<>();
		List<Object[]> sliceData = new java.util.ArrayList<>();
		int shownRow = -1;
		if (ranking != null) {
			int[] shown = segloop.view().shownSlice();
			for (var sl : ranking.ranked()) {
				if (shown != null && shown[0] == sl.slice() && shown[1] == sl.frame()) shownRow = planes.size();
				planes.add(new int[] { sl.slice(), sl.frame() });
				sliceData.add(new Object[] { planes.size(), (sl.slice() + 1) + (ranking.frames() > 1 ? " t" + (sl.frame() + 1) : ""),
					String.format(java.util.Locale.ROOT, "%.4f", sl.score()), sl.objectPixels() });
			}
		}
		int marked = shownRow;
		onEdt(() -> {
			markingSlice = true;
			sliceRows.setRowCount(0);
			slicePlanes.clear();
			slicePlanes.addAll(planes);
			for (Object[] row : sliceData) sliceRows.addRow(row);
			if (marked >= 0) sliceTable.setRowSelectionInterval(marked, marked);
			markingSlice = false;
			counts.setText("images: " + c);
			rows.setRowCount(0);
			for (Object[] row : data) rows.addRow(row);
			effortPlot.setIcon(new ImageIcon(effort));
			scorePlot.setIcon(new ImageIcon(scores));
			curvePlot.setIcon(new ImageIcon(curve));
		});
	}

	private static void onEdt(Runnable r) {
		if (SwingUtilities.isEventDispatchThread()) r.run();
		else SwingUtilities.invokeLater(r);
	}

	private static <T> T fromEdt(java.util.function.Supplier<T> read) {
		if (SwingUtilities.isEventDispatchThread()) return read.get();
		java.util.concurrent.atomic.AtomicReference<T> value = new java.util.concurrent.atomic.AtomicReference<>();
		try {
			SwingUtilities.invokeAndWait(() -> value.set(read.get()));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (java.lang.reflect.InvocationTargetException e) {
			throw new IllegalStateException(e.getCause());
		}
		return value.get();
	}

	/** Closes the panel; its prediction, fine-tuning or export stops at the next safe point (what was committed stays). */
	@Override
	public void dispose() {
		Cancellation c = running;
		if (c != null) c.cancel();
		exports.shutdown();
		super.dispose();
	}
}
