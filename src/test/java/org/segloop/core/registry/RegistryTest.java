package org.segloop.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.export.ExportFormats;
import org.segloop.core.image.ImageSources;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.queue.Strategies;
import org.segloop.core.uncertainty.Scorers;
import org.segloop.testutil.GiniScorer;

/** What the registries offer, in which order, and how they refuse a wrong name or a badly packaged extension. */
class RegistryTest {

	@TempDir
	Path dir;

	/** An extension point of this test only, so that the loading rules can be tried on jars made here. */
	public interface Greeting extends Extension {}

	public static class Hello implements Greeting {
		@Override
		public String name() {
			return "hello";
		}

		@Override
		public String description() {
			return "says hello";
		}
	}

	public static class AnotherHello extends Hello {}

	public static class Ahoy implements Greeting {
		@Override
		public String name() {
			return "ahoy";
		}

		@Override
		public String description() {
			return "says ahoy";
		}
	}

	public static class Shouting extends Hello {
		@Override
		public String name() {
			return "HELLO";
		}
	}

	/** A registry of greetings as a jar listing {@code providers} in its services file would make them. */
	private Registry<Greeting> greetings(Class<?>... providers) throws IOException {
		Path services = Files.createDirectories(dir.resolve("META-INF/services"));
		StringBuilder lines = new StringBuilder("# providers\n");
		for (Class<?> c : providers) lines.append(c.getName()).append('\n');
		Files.writeString(services.resolve(Greeting.class.getName()), lines);
		URLClassLoader jar = new URLClassLoader(new URL[] { dir.toUri().toURL() }, getClass().getClassLoader());
		return new Registry<>(Greeting.class, "greeting", jar);
	}

	@Test
	void builtInsComeInTheirDeclaredOrderAndAnAddedScorerAfterThem() {
		assertEquals(List.of("entropy", "margin", "least_confidence", "tta", "bald", GiniScorer.NAME), Scorers.names());
		assertEquals(List.of("uncertainty", "random", "hybrid", "first", "diverse"), Strategies.names());
		assertEquals(List.of("tiff", "nnunet", "coco", "dicom-seg", "nifti"), ExportFormats.names());
		assertEquals(List.of("files", "dicom-series", org.segloop.testutil.SyntheticImageSource.NAME), ImageSources.names());
		assertTrue(Scorers.REGISTRY.all().stream().allMatch(s -> !s.description().isBlank() && !s.description().contains("\n")));
	}

	@Test
	void addedExtensionsAreSortedByNameWhateverTheOrderOfTheirFiles() throws IOException {
		assertEquals(List.of("ahoy", "hello"), greetings(Hello.class, Ahoy.class).names());
	}

	@Test
	void anExtensionIsLoadedOnceAndServesEveryCaller() {
		assertSame(Strategies.byName("hybrid"), Strategies.byName("hybrid"));
		assertSame(Scorers.REGISTRY.all(), Scorers.REGISTRY.all());
	}

	@Test
	void aNameIsFoundWhateverItsCaseAndSurroundingBlanks() {
		assertEquals("nnunet", ExportFormats.byName(" NNUNET ").name());
		assertEquals("hybrid", ProjectSettings.defaults().withStrategy("Hybrid").strategy(), "settings keep the registered spelling");
	}

	@Test
	void anUnknownNameIsATypedErrorNamingTheKindTheValueAndTheKnownNames() {
		UnknownNameException e = assertThrows(UnknownNameException.class, () -> Strategies.byName("smart"));
		assertEquals("queue strategy", e.kind());
		assertEquals("smart", e.value());
		assertEquals(Strategies.names(), e.known());
		assertEquals("unknown queue strategy 'smart'; choose one of uncertainty, random, hybrid, first, diverse", e.getMessage());
		e = assertThrows(UnknownNameException.class, () -> Scorers.create("mc_dropout", Scorers.Options.defaults()));
		assertTrue(e.getMessage().contains("uncertainty scorer 'mc_dropout'") && e.getMessage().contains("gini"), e.getMessage());
	}

	@Test
	void projectSettingsRefuseAnUnknownStrategyOrScorerWhateverTheSurface() {
		// a Fiji macro or a settings change reaches the store only through ProjectSettings
		assertThrows(UnknownNameException.class, () -> ProjectSettings.defaults().withStrategy("smart"));
		assertThrows(UnknownNameException.class, () -> ProjectSettings.defaults().withScorer("mc_dropout"));
		assertEquals(GiniScorer.NAME, ProjectSettings.defaults().withScorer(GiniScorer.NAME).scorer(), "an added scorer is as good as a built-in");
	}

	@Test
	void twoExtensionsOfTheSameNameAreRefusedNamingBoth() throws IOException {
		Registry<Greeting> r = greetings(Hello.class, Ahoy.class, AnotherHello.class);
		ExtensionLoadException e = assertThrows(ExtensionLoadException.class, r::names);
		assertTrue(e.getMessage().contains("greeting") && e.getMessage().contains("'hello'") && e.getMessage().contains(Hello.class.getName())
			&& e.getMessage().contains(AnotherHello.class.getName()), e.getMessage());
		assertEquals("rename one of them (they are in the same jar)", e.fix(), "a typed error with a fix (two jars: remove one of the two jars)");
	}

	@Test
	void aNameUsersCouldNotTypeIsRefused() throws IOException {
		ExtensionLoadException e = assertThrows(ExtensionLoadException.class, () -> greetings(Shouting.class).names());
		assertTrue(e.getMessage().contains(Shouting.class.getName()) && e.getMessage().contains("'HELLO'"), e.getMessage());
	}

	@Test
	void aServicesLineNamingNoClassIsAClearError() throws IOException {
		Path services = Files.createDirectories(dir.resolve("META-INF/services"));
		Files.writeString(services.resolve(Greeting.class.getName()), "org.example.Missing\n");
		Registry<Greeting> r = new Registry<>(Greeting.class, "greeting", new URLClassLoader(new URL[] { dir.toUri().toURL() }, getClass().getClassLoader()));
		ExtensionLoadException e = assertThrows(ExtensionLoadException.class, r::names);
		assertTrue(e.getMessage().contains("greeting") && e.getMessage().contains("org.example.Missing"), e.getMessage());
	}
}
