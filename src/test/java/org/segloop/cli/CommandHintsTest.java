package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.SegLoopException;
import org.segloop.core.UserAction;
import org.segloop.core.UserSetting;
import org.segloop.core.loop.FineTuneJob;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.training.FineTuner;
import org.segloop.core.work.Cancellation;
import org.segloop.testutil.Projects;

import picocli.CommandLine;

/** The CLI adds its own command or option to what a core error's fix says. */
class CommandHintsTest {

	@TempDir
	Path dir;

	@Test
	void aCoreErrorShownByTheCliEndsWithTheCommandsAndOptionsThatDoItsFix() throws IOException {
		SegLoopException e;
		Path folder;
		try (ProjectStore p = Projects.ofCells(dir, 2, 64, 1)) {
			folder = p.folder();
			e = assertThrows(SegLoopException.class, () -> new FineTuneJob(p).run(FineTuneSettings.defaults(), new FineTuner.Listener() {}, new Cancellation()));
		}
		assertTrue(e.getMessage().endsWith("— correct 4 more images, or lower the minimum number of corrected images"), e.getMessage());
		assertEquals(e.getMessage() + " (segloop next " + folder + ", then segloop accept " + folder + "; --min-corrections N)", CommandHints.message(e),
			"a setting is shown with a placeholder for its value, not as a bare option name");
		assertEquals(List.of("segloop next " + folder + ", then segloop accept " + folder, "--min-corrections N"), CommandHints.actions(e));
	}

	@Test
	void theCliPrintsThemWithTheErrorAndListsThemInItsJson() throws IOException {
		Path notAProject = Files.createDirectories(dir.resolve("just-a-folder"));
		String fix = "give the folder of a project, or create a project there (segloop init " + notAProject + " --model MODEL --images IMAGES)";
		CliTest.Run text = CliTest.cli("status", notAProject);
		assertEquals(1, text.code());
		assertTrue(text.err().contains(fix), text.err());

		CliTest.Run json = CliTest.cli("status", notAProject, "--json");
		assertEquals(1, json.code());
		JsonObject error = JsonParser.parseString(json.out()).getAsJsonObject();
		assertTrue(error.get("error").getAsString().endsWith(fix), error.toString());
		assertEquals(1, error.get("exitCode").getAsInt());
		assertEquals("segloop init " + notAProject + " --model MODEL --images IMAGES", error.getAsJsonArray("actions").get(0).getAsString());
	}

	@Test
	void anActionNamesItsProjectAndItemWhereTheErrorKnowsThem() {
		Path p = Path.of("/data/p1");
		assertEquals("segloop remove /data/p1 7", CommandHints.of(UserAction.REMOVE_IMAGE.on(p, 7)));
		assertEquals("segloop add /data/p1 --replace /data/a.tif", CommandHints.of(UserAction.REPLACE_IMAGE.on(p, Path.of("/data/a.tif"))));
		assertEquals("segloop remove PROJECT ID", CommandHints.of(UserAction.REMOVE_IMAGE), "placeholders where it does not");
		SegLoopException plain = new SegLoopException(null, "is odd", "look again");
		assertEquals(plain.getMessage(), CommandHints.message(plain), "an error that names no action is shown as it is");
		assertFalse(CommandHints.message(new IllegalArgumentException("bad value")).contains("("));
	}

	@Test
	void everyActionIsARealCommandAndEverySettingARealOption() {
		CommandLine cli = new CommandLine(new Main());
		for (UserAction a : UserAction.values())
			for (String step : CommandHints.of(a).split(", then ")) {
				List<String> words = List.of(step.split(" "));
				if (words.get(0).startsWith("SEGLOOP_CLASSPATH=")) { // the launcher's variable for added jars, set for the one command
					assertTrue(readLauncher().contains("${SEGLOOP_CLASSPATH"), "the segloop launcher reads SEGLOOP_CLASSPATH");
					words = words.subList(1, words.size());
				}
				assertEquals("segloop", words.get(0), step);
				CommandLine command = cli.getSubcommands().get(words.get(1));
				assertTrue(command != null, a + ": no command " + words.get(1));
				if (!command.getSubcommands().isEmpty()) command = command.getSubcommands().get(words.get(2));
				assertTrue(command != null, a + ": no command " + step);
				for (String w : words)
					if (w.startsWith("--")) assertTrue(command.getCommandSpec().findOption(w) != null, a + ": " + step + " has no option " + w);
			}
		for (UserSetting s : UserSetting.values()) {
			String[] words = CommandHints.of(s).split(" ");
			String option = words[0];
			var spec = cli.getSubcommands().values().stream().map(c -> c.getCommandSpec().findOption(option)).filter(o -> o != null).findFirst();
			assertTrue(spec.isPresent(), s + ": no command takes " + option);
			assertEquals(spec.get().arity().max() > 0 ? 2 : 1, words.length, s + ": a value placeholder exactly when " + option + " takes a value");
		}
	}

	private static String readLauncher() {
		try {
			return java.nio.file.Files.readString(Path.of("segloop"));
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}
}
