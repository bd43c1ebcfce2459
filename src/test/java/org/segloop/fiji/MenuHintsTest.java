package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
		assertTrue(MenuHints.message(noProposal).endsWith("— predict the project's images first (Plugins › SegLoop › Queue Panel, then Predict new images)"),
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
			assertTrue(way == null || way.startsWith("Plugins › SegLoop › "), a + ": " + way);
		}
		for (UserSetting s : UserSetting.values()) {
			String way = MenuHints.of(s); // throws when a named field is gone
			assertTrue(way == null || way.contains(" in Plugins › SegLoop › "), s + ": " + way);
		}
		assertEquals("Plugins › SegLoop › Export...", MenuHints.menu(ExportDatasetCommand.class), "read from the command's @Plugin menuPath");
	}
}
