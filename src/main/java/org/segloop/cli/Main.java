package org.segloop.cli;

import java.io.PrintWriter;

import org.segloop.core.SegLoopException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code segloop} command line. Exit codes: 0 success, 1 a user error (the message says which
 * file and what to do), 2 wrong usage, 130 stopped by Ctrl-C.
 */
@Command(name = "segloop", mixinStandardHelpOptions = true, version = "SegLoop 0.1.0",
	description = "AI-assisted annotation: segment images with ONNX model packages, rank them by uncertainty, collect corrections.",
	subcommands = { InitCommand.class, AddCommand.class, RemoveCommand.class, PredictCommand.class, QueueCommand.class, NextCommand.class,
		AcceptCommand.class, SkipCommand.class, StatusCommand.class, ExportCommand.class, CheckCommand.class, SegmentCommand.class, ModelCommand.class, FinetuneCommand.class, VersionsCommand.class, BenchCommand.class,
		DemoCommand.class })
public final class Main implements Runnable {

	public static final int OK = 0;
	public static final int USER_ERROR = 1;
	public static final int USAGE = 2;
	/** Stopped by Ctrl-C (128 + SIGINT, as shells report it). */
	public static final int INTERRUPTED = 130;

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
	}

	/** Runs the CLI without exiting the JVM (for tests and embedding). */
	public static int run(String[] args, PrintWriter out, PrintWriter err) {
		CommandLine cli = new CommandLine(new Main());
		cli.setOut(out);
		cli.setErr(err);
		cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
			if (e instanceof SegLoopException s) {
				err.println("error: " + s.getMessage());
				return USER_ERROR;
			}
			if (e instanceof IllegalArgumentException) { // a bad option value (e.g. an unknown strategy name)
				err.println("error: " + e.getMessage());
				return USER_ERROR;
			}
			if (e instanceof java.util.concurrent.CancellationException) {
				err.println("cancelled");
				return INTERRUPTED;
			}
			err.println("internal error: " + e);
			e.printStackTrace(err);
			return USER_ERROR;
		});
		return cli.execute(args);
	}

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}
}
