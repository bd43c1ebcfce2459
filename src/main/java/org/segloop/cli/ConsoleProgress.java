package org.segloop.cli;

import java.io.PrintWriter;

import org.segloop.core.work.ProgressListener;


/** A progress bar with ETA on the terminal; one line per item when output is not a terminal. */
final class ConsoleProgress implements ProgressListener {

	private final PrintWriter err;
	private final boolean terminal;
	private final boolean quiet;
	private long start;
	private long lastPrint;

	private final String unit;

	ConsoleProgress(PrintWriter err, boolean quiet) {
		this(err, quiet, "tiles");
	}

	ConsoleProgress(PrintWriter err, boolean quiet, String unit) {
		this.unit = unit;
		this.err = err;
		this.quiet = quiet;
		this.terminal = System.console() != null;
	}

	void startItem() {
		start = System.nanoTime();
		lastPrint = 0;
	}

	@Override
	public void update(long done, long total, String what) {
		if (quiet || !terminal) return;
		long now = System.nanoTime();
		if (done < total && now - lastPrint < 100_000_000L) return;
		lastPrint = now;
		double elapsed = (now - start) / 1e9;
		double eta = done == 0 ? 0 : elapsed * (total - done) / done;
		int width = 30;
		int filled = (int) (width * done / Math.max(1, total));
		err.printf("\r%-20.20s [%s%s] %3d%% %d/%d %s, ETA %.0f s ", what, "#".repeat(filled), " ".repeat(width - filled),
			100 * done / Math.max(1, total), done, total, unit, eta);
		if (done == total) err.print("\r" + " ".repeat(90) + "\r");
		err.flush();
	}
}
