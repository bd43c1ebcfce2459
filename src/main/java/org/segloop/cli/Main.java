package org.segloop.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.segloop.core.SegLoopException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code segloop} command line. Exit codes: 0 success, 1 a user error (the message says which
 * file and what to do), 2 wrong usage, 130 stopped by Ctrl-C.
 */
@Command(name = "segloop", mixinStandardHelpOptions = true, version = "SegLoop 0.1.0",
	description = "AI-assisted annotation: segment images with ONNX model packages, rank them by uncertainty, collect corrections.",
	subcommands = { InitCommand.class, AddCommand.class, RemoveCommand.class, PredictCommand.class, QueueCommand.class, NextCommand.class,
		AcceptCommand.class, ImportCommand.class, SkipCommand.class, StatusCommand.class, ExportCommand.class, CheckCommand.class, SegmentCommand.class, ModelCommand.class, FinetuneCommand.class, VersionsCommand.class, BenchCommand.class,
		DemoCommand.class, DeidentifyCommand.class, PhantomCommand.class })
public final class Main implements Runnable {

	public static final int OK = 0;
	public static final int USER_ERROR = 1;
	public static final int USAGE = 2;
	/** Stopped by Ctrl-C (128 + SIGINT, as shells report it). */
	public static final int INTERRUPTED = 130;

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Option(names = "--log", paramLabel = "FILE", scope = ScopeType.INHERIT,
		description = "append diagnostics (ImageJ's messages, stack traces) to FILE instead of stderr")
	Path log;

	@Option(names = "--verbose", scope = ScopeType.INHERIT, description = "also print ONNX Runtime's warnings (to stderr)")
	boolean verbose;

	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		// stdout is the program's alone: what libraries print to System.out goes to stderr
		PrintStream stdout = Diagnostics.claimStdout();
		System.exit(run(args, new PrintWriter(stdout, true), new PrintWriter(System.err, true)));
	}

	/** Runs the CLI without exiting the JVM (for tests and embedding). */
	public static int run(String[] args, PrintWriter out, PrintWriter err) {
		boolean json = Arrays.asList(args).contains("--json");
		CommandLine cli = new CommandLine(new Main());
		Names.describeChoices(cli);
		cli.setOut(out);
		cli.setErr(err);
		cli.setExecutionStrategy(parsed -> {
			Diagnostics diagnostics;
			try {
				diagnostics = Diagnostics.open(matched(parsed, "--log", null), matched(parsed, "--verbose", false));
			}
			catch (SegLoopException e) { // the log file cannot be written
				return userError(e, out, err, json);
			}
			try (diagnostics) {
				return new CommandLine.RunLast().execute(parsed);
			}
			catch (SegLoopException e) { // not from a command (those come wrapped) but from --help listing a registry's extensions
				return userError(e, out, err, json);
			}
		});
		// wrong usage: the one-line reason and where the help is, not the whole usage text
		cli.setParameterExceptionHandler((e, a) -> {
			// a registry that cannot load (e.g. two jars add extensions of one name) while checking an option's value:
			// not wrong usage, and not a conversion problem, but the typed error itself
			if (e.getCause() instanceof SegLoopException s) return userError(s, out, err, json);
			String help = e.getCommandLine().getCommandSpec().qualifiedName() + " --help";
			err.println("error: " + e.getMessage());
			CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
			err.println("see '" + help + "'");
			if (json) printJsonError(out, e.getMessage(), USAGE, List.of(help));
			return USAGE;
		});
		cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
			String message;
			int code;
			if (e instanceof SegLoopException s) {
				message = CommandHints.message(s);
				code = USER_ERROR;
			}
			else if (e instanceof IllegalArgumentException) { // a value the core refused
				message = e.getMessage();
				code = USER_ERROR;
			}
			else if (e instanceof java.util.concurrent.CancellationException) {
				err.println("cancelled");
				if (json) printJsonError(out, "cancelled", INTERRUPTED, List.of());
				return INTERRUPTED;
			}
			else {
				message = "internal error: " + e;
				code = USER_ERROR;
				e.printStackTrace(Diagnostics.stream());
			}
			err.println(message.startsWith("internal error") ? message : "error: " + message);
			if (json) printJsonError(out, message, code, CommandHints.actions(e));
			return code;
		});
		return cli.execute(args);
	}

	/** A core error as the CLI reports it: its message with the commands that fix it, exit 1. */
	private static int userError(SegLoopException e, PrintWriter out, PrintWriter err, boolean json) {
		err.println("error: " + CommandHints.message(e));
		if (json) printJsonError(out, CommandHints.message(e), USER_ERROR, CommandHints.actions(e));
		return USER_ERROR;
	}

	/**
	 * With --json, a failing command still prints one JSON object on stdout: {"error": …, "exitCode": …},
	 * and "actions": the commands and options that do what the error's fix says, when it names any.
	 */
	private static void printJsonError(PrintWriter out, String message, int code, List<String> actions) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("error", message);
		m.put("exitCode", code);
		if (!actions.isEmpty()) m.put("actions", actions);
		out.println(Json.GSON.toJson(m));
		out.flush();
	}

	/** An inherited option's value wherever on the command line it was given (before or after the subcommand). */
	private static <T> T matched(CommandLine.ParseResult parsed, String option, T otherwise) {
		T value = otherwise;
		for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand())
			if (p.hasMatchedOption(option)) value = p.matchedOptionValue(option, otherwise);
		return value;
	}

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}
}
