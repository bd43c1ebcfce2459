package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.segloop.core.export.ExportFormats;
import org.segloop.core.queue.Strategies;
import org.segloop.core.uncertainty.Scorers;
import org.segloop.fiji.ExportDatasetCommand;
import org.segloop.fiji.NewProjectCommand;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.GiniScorer;

/**
 * Wrong usage exits 2 with the known names, before any work starts; names come from one list per
 * registry, the same for validation, the CLI's help and Fiji's choices.
 */
class UsageErrorsCliTest {

	@TempDir
	Path dir;

	private CliTest.Run usageError(Object... args) {
		CliTest.Run r = CliTest.cli(args);
		assertEquals(2, r.code(), "wrong usage: " + r.err());
		assertFalse(r.err().contains("internal error") || r.err().contains("Exception"), r.err());
		return r;
	}

	private Object[] init(String... extra) {
		List<Object> a = new java.util.ArrayList<>(List.of("init", dir.resolve("p"), "--images", Fixtures.BUNDLED_MODEL.resolve("samples/nuclei_01.tif"),
			"--model", Fixtures.BUNDLED_MODEL));
		a.addAll(List.of(extra));
		return a.toArray();
	}

	@Test
	void anUnknownStrategyOrScorerIsWrongUsageAndMakesNoProject() {
		assertTrue(usageError(init("--strategy", "smart")).err().contains("uncertainty, random, hybrid, first"));
		assertTrue(usageError(init("--scorer", "x")).err().contains("entropy, margin, least_confidence, tta, bald"));
		assertFalse(Files.exists(dir.resolve("p")), "nothing was made");
	}

	@Test
	void anUnknownExportFormatIsWrongUsage() {
		CliTest.Run r = usageError("export", dir.resolve("p"), "--format", "zarr", "--out", dir.resolve("ds"));
		assertTrue(r.err().contains("zarr") && r.err().contains("tiff, nnunet, coco"), r.err());
	}

	@Test
	void splitFractionsMustAddUpToOne() {
		assertTrue(usageError("export", dir.resolve("p"), "--format", "tiff", "--out", dir.resolve("ds"), "--split", "0.5,0.2").err()
			.contains("add up to 1"));
		usageError("export", dir.resolve("p"), "--format", "tiff", "--out", dir.resolve("ds"), "--split", "0.7,0.2,0.2");
		usageError("export", dir.resolve("p"), "--format", "tiff", "--out", dir.resolve("ds"), "--split", "0.7,x,0.1");
		// two fractions that add up to 1 mean no test set; they still reach the project (which is missing here: exit 1)
		assertEquals(1, CliTest.cli("export", dir.resolve("p"), "--format", "tiff", "--out", dir.resolve("ds"), "--split", "0.8,0.2").code());
	}

	@Test
	void malformedNumbersAreWrongUsage() {
		usageError(init("--seed", "4x2"));
		usageError("finetune", dir.resolve("p"), "--epochs", "ten");
		usageError("segment", Fixtures.BUNDLED_MODEL, "a.tif", "--out", dir.resolve("o"), "--tile", "1.5");
	}

	@Test
	void theDemoRefusesAnUnknownStrategyBeforePredictingAnything() {
		CliTest.Run r = usageError("demo", "--strategy", "bogus", "--out", dir.resolve("demo"));
		assertFalse(r.out().contains("predicted"), r.out());
		assertFalse(Files.exists(dir.resolve("demo/project")), "no project was made");
		usageError("demo", "--scorer", "bogus", "--out", dir.resolve("demo"));
	}

	@Test
	void benchRefusesUnknownCasesAndStrategiesBeforeRunningAny() {
		CliTest.Run r = usageError("bench", "--cases", "queue,bogus", "--queue-sizes", "40", "--serves", "1", "--out", dir.resolve("b"));
		assertTrue(r.err().contains("overhead, large, stack, queue, tta, finetune, finetune3d, al"), r.err());
		assertFalse(Files.exists(dir.resolve("b")), "no case ran");
		usageError("bench", "al", "--al-strategies", "uncertainty,smart", "--out", dir.resolve("b"));
	}

	@Test
	void helpListsTheRegistriesNamesWithTheirDescriptions() {
		String init = CliTest.cli("init", "--help").out();
		Strategies.REGISTRY.all().forEach(s -> assertTrue(init.contains(s.name()) && init.contains(s.description()), s.name() + " in: " + init));
		Scorers.REGISTRY.all().forEach(s -> assertTrue(init.contains(s.name()) && init.contains(s.description()), s.name() + " in: " + init));
		String export = CliTest.cli("export", "--help").out();
		ExportFormats.REGISTRY.all().forEach(f -> assertTrue(export.contains(f.name()) && export.contains(f.description()), f.name() + " in: " + export));
	}

	@Test
	void fijiOffersTheRegistriesNames() throws Exception {
		try (Context context = new Context(CommandService.class, org.scijava.app.StatusService.class)) {
			assertEquals(Strategies.names(), input(context, NewProjectCommand.class, "strategy").getChoices());
			ModuleItem<?> scorer = input(context, NewProjectCommand.class, "scorer");
			assertEquals(Scorers.names(), scorer.getChoices());
			assertTrue(scorer.getDescription().contains(GiniScorer.NAME + ": " + new GiniScorer().description()), "descriptions are the tooltip: " + scorer.getDescription());
			assertEquals(ExportFormats.names(), input(context, ExportDatasetCommand.class, "format").getChoices());
		}
		assertTrue(Scorers.names().contains(GiniScorer.NAME), "a scorer from an added jar is offered too");
	}

	/** A command's input, once SciJava has initialised the command as it does before showing its dialog. */
	private static ModuleItem<?> input(Context context, Class<? extends org.scijava.command.Command> command, String input) throws Exception {
		Module module = context.service(ModuleService.class).createModule(context.service(CommandService.class).getCommand(command));
		module.initialize();
		return module.getInfo().getInput(input);
	}
}
