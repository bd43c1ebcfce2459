package org.segloop.cli;

import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import org.segloop.core.display.DisplayWindow;
import org.segloop.core.export.SplitPlan;
import org.segloop.core.registry.Extension;
import org.segloop.core.registry.Registry;
import org.segloop.core.registry.UnknownNameException;

import picocli.CommandLine;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked against the core's registries while the command line is parsed, so a
 * wrong name is wrong usage (exit 2, with the known names) before any work starts. Each class is
 * both picocli's completion candidates (the names {@code --help} lists) and its converter, and
 * both read the registry's one list of names; {@link #describeChoices} adds each registered name's
 * description to the help of the commands that take one.
 */
final class Names {

	private Names() {}

	/** A list of names as completion candidates and as the check of a value (which it returns as the list spells it). */
	abstract static class NameList implements Iterable<String>, ITypeConverter<String> {

		private final String what;
		private final Supplier<List<String>> names;

		NameList(String what, Supplier<List<String>> names) {
			this.what = what;
			this.names = names;
		}

		@Override
		public Iterator<String> iterator() {
			return names.get().iterator();
		}

		@Override
		public String convert(String value) {
			if (!names.get().contains(value)) throw new TypeConversionException(new UnknownNameException(what, value, names.get()).getMessage());
			return value;
		}
	}

	/** The names of a core {@link Registry}, checked by the registry itself. */
	abstract static class Registered extends NameList {

		private final Registry<?> registry;

		Registered(Registry<?> registry) {
			super(registry.kind(), registry::names);
			this.registry = registry;
		}

		@Override
		public String convert(String value) {
			try {
				return registry.byName(value).name();
			}
			catch (UnknownNameException e) {
				throw new TypeConversionException(e.getMessage());
			}
		}
	}

	static final class Strategies extends Registered {
		Strategies() {
			super(org.segloop.core.queue.Strategies.REGISTRY);
		}
	}

	/** A strategy's name or {@code none}: what may serve while a project holds no correction. */
	static final class ColdStarts extends NameList {
		ColdStarts() {
			super("cold-start strategy", ColdStarts::names);
		}

		private static List<String> names() {
			List<String> names = new java.util.ArrayList<>(List.of(org.segloop.core.project.ProjectSettings.NO_COLD_START));
			names.addAll(org.segloop.core.queue.Strategies.names());
			return names;
		}

		@Override
		public String convert(String value) {
			if (value.equalsIgnoreCase(org.segloop.core.project.ProjectSettings.NO_COLD_START)) return org.segloop.core.project.ProjectSettings.NO_COLD_START;
			try {
				return org.segloop.core.queue.Strategies.byName(value).name();
			}
			catch (UnknownNameException e) {
				throw new TypeConversionException(new UnknownNameException("cold-start strategy", value, names()).getMessage());
			}
		}
	}

	/** A benchmark arm: a strategy, optionally {@code +COLDSTART} (e.g. {@code uncertainty+diverse}). */
	static final class Arms extends NameList {
		Arms() {
			super("arm", () -> org.segloop.core.queue.Strategies.names());
		}

		@Override
		public String convert(String value) {
			String[] parts = value.split("\\+", 2);
			String strategy = new Strategies().convert(parts[0]);
			return parts.length == 1 ? strategy : strategy + "+" + new ColdStarts().convert(parts[1]);
		}
	}

	static final class Scorers extends Registered {
		Scorers() {
			super(org.segloop.core.uncertainty.Scorers.REGISTRY);
		}
	}

	static final class ExportFormats extends Registered {
		ExportFormats() {
			super(org.segloop.core.export.ExportFormats.REGISTRY);
		}
	}

	/**
	 * Adds to the help of every command with an option whose values come from a registry the
	 * registered names with their descriptions (so a scorer from an added jar explains itself too).
	 * Read when the help is shown, not before: a command that shows no help loads no registry.
	 */
	static void describeChoices(CommandLine command) {
		var usage = command.getCommandSpec().usageMessage();
		List<OptionSpec> options = command.getCommandSpec().options().stream().filter(o -> o.completionCandidates() instanceof Registered).toList();
		if (!options.isEmpty()) {
			IHelpSectionRenderer footer = usage.sectionMap().get(UsageMessageSpec.SECTION_KEY_FOOTER);
			usage.sectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER, help -> choices(options) + (footer == null ? "" : footer.render(help)));
		}
		command.getSubcommands().values().forEach(Names::describeChoices);
	}

	private static String choices(List<OptionSpec> options) {
		StringBuilder text = new StringBuilder();
		for (OptionSpec option : options) {
			Registry<?> registry = ((Registered) option.completionCandidates()).registry;
			text.append(System.lineSeparator()).append(option.longestName()).append(" is one of:").append(System.lineSeparator());
			int width = registry.names().stream().mapToInt(String::length).max().orElse(0);
			for (Extension e : registry.all())
				text.append(String.format("  %-" + width + "s  %s", e.name(), e.description())).append(System.lineSeparator());
		}
		return text.toString();
	}

	static final class BenchCases extends NameList {
		BenchCases() {
			super("bench case", () -> BenchCommand.CASES);
		}
	}

	/** {@code --split}: checked by the same rule the export applies (fractions ≥ 0 that add up to 1). */
	static final class SplitFractions implements ITypeConverter<String> {
		@Override
		public String convert(String value) {
			try {
				SplitPlan.parse(value, 0);
				return value;
			}
			catch (IllegalArgumentException e) {
				throw new TypeConversionException(e.getMessage());
			}
		}
	}

	/** {@code --window}: a display window choice ("auto", "header", a preset, or CENTER,WIDTH), checked by the core's parser. */
	static final class WindowChoice implements Iterable<String>, ITypeConverter<String> {
		@Override
		public Iterator<String> iterator() {
			return DisplayWindow.choices().iterator();
		}

		@Override
		public String convert(String value) {
			try {
				return DisplayWindow.requireValidChoice(value);
			}
			catch (IllegalArgumentException e) {
				throw new TypeConversionException(e.getMessage());
			}
		}
	}
}
