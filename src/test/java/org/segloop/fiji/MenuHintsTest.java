package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.event.EventService;
import org.scijava.log.LogLevel;
import org.scijava.log.LogMessage;
import org.scijava.log.LogService;
import org.segloop.core.SegLoopException;
import org.segloop.core.UserAction;
import org.segloop.core.UserSetting;
import org.segloop.core.loop.FineTuneJob;
import org.segloop.core.project.ProjectException;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.training.FineTuner;
import org.segloop.core.work.Cancellation;
import org.segloop.testutil.Projects;

/** Fiji adds its own menu command to what a core error's fix says, and never a CLI command. */
class MenuHintsTest {

	@TempDir
	Path dir;

	@Test
	void aCoreErrorShownInFijiEndsWithTheMenuCommandsThatDoItsFix() throws IOException {
		SegLoopException e;
		try (ProjectStore p = Projects.ofCells(dir, 2, 64, 1)) {
			e = assertThrows(SegLoopException.class, () -> new FineTuneJob(p).run(FineTuneSettings.defaults(), new FineTuner.Listener() {}, new Cancellation()));
		}
		String shown = MenuHints.message(e);
		assertEquals(e.getMessage() + " (Plugins › SegLoop › Annotate Next, then Plugins › SegLoop › Accept Correction)", shown,
			"Fiji has no field for the minimum, so only the action's words stand for it");
		assertFalse(shown.contains("segloop") || shown.contains("--"), shown);
	}

	@Test
	void aProjectErrorNamesTheMenuCommandOfItsActionAndASettingItsField() {
		Path folder = dir.resolve("p");
		ProjectException noProposal = new ProjectException(folder, "image 3 has no proposal", "predict the project's images first",
			UserAction.PREDICT.on(folder));
		assertTrue(MenuHints.message(noProposal).endsWith("— predict the project's images first (Plugins › SegLoop › Predict Images)"),
			MenuHints.message(noProposal));
		SegLoopException diverged = new SegLoopException(null, "fine-tuning diverged", "fine-tune again with a smaller learning rate",
			UserSetting.LEARNING_RATE);
		assertTrue(MenuHints.message(diverged).endsWith("('Learning rate' in Plugins › SegLoop › Fine-tune Model)"), MenuHints.message(diverged));
	}

	@Test
	void anActionFijiHasNoCommandForIsSaidInWordsOnly() {
		ProjectException gone = new ProjectException(dir.resolve("a.tif"), "was registered in the project (image 1) but is gone",
			"put the file back where it was, or remove image 1 from the project", UserAction.REMOVE_IMAGE.on(dir, 1));
		assertEquals(gone.getMessage(), MenuHints.message(gone));
	}

	@Test
	void everyMenuPathAndFieldItNamesExists() {
		for (UserAction a : UserAction.values()) {
			String way = MenuHints.of(a);
			if (a == UserAction.INSTALL_EXTENSION) assertTrue(way.contains("Fiji.app/jars"), "Fiji's way is a folder, not a command: " + way);
			else assertTrue(way == null || way.startsWith("Plugins › SegLoop › "), a + ": " + way);
		}
		for (UserSetting s : UserSetting.values()) {
			String way = MenuHints.of(s); // throws when a named field is gone
			assertTrue(way == null || way.contains(" in Plugins › SegLoop › "), s + ": " + way);
		}
		assertEquals("Plugins › SegLoop › Export...", MenuHints.menu(ExportDatasetCommand.class), "read from the command's @Plugin menuPath");
	}

	@Test
	void aCommandStoppedByACoreErrorIsReportedInFijisLogWithTheMenuCommandAndNoStackTrace() throws Exception {
		Path notAProject = Files.createDirectories(dir.resolve("just-a-folder"));
		try (Context context = new Context(CommandService.class, EventService.class, LogService.class, SegLoopService.class, CommandErrorService.class)) {
			List<LogMessage> logged = new CopyOnWriteArrayList<>();
			LogService log = context.service(LogService.class);
			log.addLogListener(logged::add);
			ExecutionException failed = assertThrows(ExecutionException.class,
				() -> context.service(CommandService.class).run(OpenProjectCommand.class, true, "project", notAProject.toFile(), "annotator", "ana").get());
			Throwable core = failed.getCause().getCause(); // SciJava wraps what the command threw
			assertTrue(core instanceof ProjectException, "the command still fails with the core error: " + failed.getCause());
			List<String> errors = logged.stream().filter(m -> m.level() == LogLevel.ERROR).map(m -> m.text() + (m.throwable() == null ? "" : " " + m.throwable()))
				.toList();
			assertEquals(List.of("SegLoop: " + MenuHints.message(core)), errors);
			assertTrue(errors.get(0).endsWith("create a project there (Plugins › SegLoop › New Project...)"), errors.get(0));
		}
	}
}
