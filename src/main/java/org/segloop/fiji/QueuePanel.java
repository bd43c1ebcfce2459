package org.segloop.fiji;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
import org.segloop.core.export.ExportFormat;
import org.segloop.core.export.ExportSettings;
import org.segloop.core.inference.Cancellation;
import org.segloop.core.inference.ProgressListener;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.FineTuneJob;
import org.segloop.core.loop.LearningCurve;
import org.segloop.core.loop.Predictor;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.training.FineTuner;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.Queue;

/**
 * The queue panel (non-modal): the queue with score, status and annotator, counts, Next / Accept /
 * Skip, prediction and export with progress and cancel, and plots of correction effort and of the
 * score distribution. All project work runs on one background thread, never on the Event Dispatch
 * Thread; the Swing components are only touched on the EDT.
 */
public final class QueuePanel extends JFrame {

	private static final String[] COLUMNS = { "id", "image", "score", "status", "annotator" };

	private final SegLoopService segloop;
	private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "SegLoop queue panel");
		t.setDaemon(true);
		return t;
	});
	private final DefaultTableModel rows = new DefaultTableModel(COLUMNS, 0) {
		@Override
		public boolean isCellEditable(int row, int column) {
			return false;
		}
	};
	private final JLabel counts = new JLabel(" ");
	private final JLabel message = new JLabel(" ");
	private final JLabel effortPlot = new JLabel();
	private final JLabel scorePlot = new JLabel();
	private final JLabel curvePlot = new JLabel();
	private final JProgressBar progress = new JProgressBar();
	private final JButton cancel = new JButton("Cancel");
	private volatile Cancellation running;

	public QueuePanel(SegLoopService segloop) {
		super("SegLoop queue — " + segloop.requireSession().store().folder().getFileName());
		this.segloop = segloop;
		setDefaultCloseOperation(DISPOSE_ON_CLOSE);
		JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT));
		buttons.add(button("Next", this::next));
		buttons.add(button("Accept", this::accept));
		buttons.add(button("Skip", this::skip));
		buttons.add(button("Predict new images", this::predict));
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
		content.add(new JScrollPane(new JTable(rows)), BorderLayout.CENTER);
		content.add(plots, BorderLayout.EAST);
		content.add(work, BorderLayout.SOUTH);
		setContentPane(content);
		setSize(900, 720);
		refresh();
	}

	/** Rows in the table (for tests and scripts). */
	public int rowCount() {
		return rows.getRowCount();
	}

	private JButton button(String label, Runnable action) {
		JButton b = new JButton(label);
		b.addActionListener(e -> action.run());
		return b;
	}

	/** Runs project work on the panel's thread; errors are shown in the panel, then the view refreshes. */
	private void work(String what, Runnable task) {
		onEdt(() -> message.setText(what + " …"));
		worker.submit(() -> {
			try {
				task.run();
			}
			catch (RuntimeException e) {
				onEdt(() -> message.setText(what + " failed: " + e.getMessage()));
			}
			reload();
		});
	}

	private void next() {
		work("Next", () -> {
			AnnotationSession s = segloop.requireSession();
			s.next().ifPresentOrElse(segloop.view()::show, segloop.view()::close);
		});
	}

	private void accept() {
		work("Accept", () -> {
			AnnotationSession s = segloop.requireSession();
			var c = s.accept(segloop.view().rois());
			onEdt(() -> message.setText(String.format("accepted image %d: %.2f %% of pixels changed", c.imageId(), 100 * c.fractionChanged())));
			s.next().ifPresentOrElse(segloop.view()::show, segloop.view()::close);
		});
	}

	private void skip() {
		work("Skip", () -> {
			AnnotationSession s = segloop.requireSession();
			s.skip("skipped in the queue panel");
			s.next().ifPresentOrElse(segloop.view()::show, segloop.view()::close);
		});
	}

	/** Predicts the images that have no proposal yet, with progress and Cancel (what the button runs). */
	public void predict() {
		Cancellation c = start();
		work("Prediction", () -> {
			try {
				Predictor.Report r = new Predictor(segloop.requireSession().store(), RuntimeOptions.defaults())
					.run((done, total, image, p) -> progress(done, total, "predicted " + image.path().getFileName()), ProgressListener.NONE, c);
				onEdt(() -> message.setText(r.predicted() + " image(s) predicted, " + r.remaining() + " left"));
			}
			finally {
				stop();
			}
		});
	}

	/**
	 * Fine-tunes on the accepted corrections with the default settings, then re-scores the queue,
	 * with progress and Cancel (what the button runs).
	 */
	public void fineTune() {
		Cancellation c = start();
		work("Fine-tuning", () -> {
			try {
				FineTuneJob job = new FineTuneJob(segloop.requireSession().store());
				FineTuneSettings settings = FineTuneSettings.defaults();
				FineTuneJob.Outcome o = job.run(settings, new FineTuner.Listener() {
					@Override
					public void step(int epoch, int step, int steps) {
						progress((epoch - 1) * steps + step, settings.maxEpochs() * steps, "fine-tuning: epoch " + epoch);
					}
				}, c);
				if (!o.improved()) {
					onEdt(() -> message.setText(String.format("no epoch beat the current held-out Dice %.4f; the model is unchanged", o.result().startDice())));
					return;
				}
				Predictor.Report r = job.rescore(RuntimeOptions.defaults(), (done, total, image, p) -> progress(done, total, "re-scoring"), c);
				onEdt(() -> message.setText(String.format("version %d: held-out Dice %.4f -> %.4f; %d image(s) re-scored", o.version().id(),
					o.result().startDice(), o.result().heldOutDice(), r.predicted())));
			}
			finally {
				stop();
			}
		});
	}

	private void export() {
		JFileChooser chooser = new JFileChooser();
		chooser.setDialogTitle("New folder for the export");
		chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
		JComboBox<String> format = new JComboBox<>(ExportFormat.names().toArray(String[]::new));
		chooser.setAccessory(format);
		if (chooser.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) return;
		export(chooser.getSelectedFile().toPath(), (String) format.getSelectedItem());
	}

	/** Exports the corrected images in the background, with progress and Cancel (what the button runs after its folder dialog). */
	public void export(Path out, String format) {
		Cancellation c = start();
		Path project = segloop.requireSession().store().folder();
		work("Export", () -> {
			try (ProjectStore readOnly = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
				DatasetExport.Report r = new DatasetExport(readOnly).export(out, ExportSettings.of(ExportFormat.byName(format)),
					(done, total, what) -> progress((int) done, (int) total, "exporting " + what), c);
				onEdt(() -> message.setText("exported " + r.cases() + " image(s) to " + r.folder()));
			}
			finally {
				stop();
			}
		});
	}

	/** The panel's message line (what the last action reported). */
	public String message() {
		return message.getText();
	}

	/** Waits until the work queued so far is done (for scripts and tests). */
	public void awaitIdle() throws InterruptedException, java.util.concurrent.ExecutionException, java.lang.reflect.InvocationTargetException {
		worker.submit(() -> {}).get();
		SwingUtilities.invokeAndWait(() -> {}); // and what that work handed to the EDT
	}

	private Cancellation start() {
		Cancellation c = new Cancellation();
		running = c;
		cancel.setEnabled(true);
		return c;
	}

	private void stop() {
		running = null;
		onEdt(() -> {
			cancel.setEnabled(false);
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

	/** Re-reads the queue, counts and plots (on the panel's thread). */
	public void refresh() {
		worker.submit(this::reload);
	}

	private void reload() {
		AnnotationSession s = segloop.session().orElse(null);
		if (s == null) return;
		ProjectStore store = s.store();
		Map<String, Long> c = store.queue().counts();
		List<Queue.Entry> entries = store.queue().entries(200);
		Object[][] data = new Object[entries.size()][];
		for (int i = 0; i < data.length; i++) {
			Queue.Entry e = entries.get(i);
			String name = store.images().byId(e.imageId()).map(r -> r.path().getFileName().toString()).orElse("?");
			data[i] = new Object[] { e.imageId(), name, e.score() == null ? "" : String.format("%.4f", e.score()), e.status(),
				e.annotator() == null ? "" : e.annotator() };
		}
		var effort = QueuePlots.effort(store.corrections().all());
		var scores = QueuePlots.scores(entries);
		var curve = QueuePlots.learningCurve(LearningCurve.of(store));
		onEdt(() -> {
			counts.setText("images: " + c);
			rows.setRowCount(0);
			for (Object[] row : data) rows.addRow(row);
			effortPlot.setIcon(new ImageIcon(effort));
			scorePlot.setIcon(new ImageIcon(scores));
			curvePlot.setIcon(new ImageIcon(curve));
		});
	}

	private static void onEdt(Runnable r) {
		SwingUtilities.invokeLater(r);
	}

	@Override
	public void dispose() {
		worker.shutdown();
		super.dispose();
	}
}
