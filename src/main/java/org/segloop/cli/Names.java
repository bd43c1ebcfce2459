package org.segloop.cli;

import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.segloop.core.export.ExportFormat;
import org.segloop.core.export.SplitPlan;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked against the core's registries while the command line is parsed, so a
 * wrong name is wrong usage (exit 2, with the known names) before any work starts. Each class is
 * both picocli's completion candidates (the names {@code --help} lists) and its converter, and
 * both read the registry's one list of names.
 */
final class Names {

	private Names() {}

	/** A registry's names as completion candidates and as the check of a value. */
	abstract static class Registry implements Iterable<String>, ITypeConverter<String> {

		private final String what;
		private final Supplier<List<String>> names;
		private final Predicate<String> known;

		Registry(String what, Supplier<List<String>> names) {
			this(what, names, value -> names.get().contains(value));
		}

		Registry(String what, Supplier<List<String>> names, Predicate<String> known) {
			this.what = what;
			this.names = names;
			this.known = known;
		}

		@Override
		public Iterator<String> iterator() {
			return names.get().iterator();
		}

		@Override
		public String convert(String value) {
			if (!known.test(value)) throw new TypeConversionException("unknown " + what + " '" + value + "'; choose one of " + String.join(", ", names.get()));
			return value;
		}
	}

	static final class Strategies extends Registry {
		Strategies() {
			super("queue strategy", org.segloop.core.queue.Strategies::names);
		}
	}

	static final class Scorers extends Registry {
		Scorers() {
			super("uncertainty scorer", org.segloop.core.uncertainty.Scorers::names);
		}
	}

	static final class ExportFormats extends Registry {
		ExportFormats() {
			super("export format", ExportFormat::names, value -> {
				try {
					ExportFormat.byName(value);
					return true;
				}
				catch (IllegalArgumentException e) {
					return false;
				}
			});
		}
	}

	static final class BenchCases extends Registry {
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
}
