package org.segloop.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.UserAction;
import org.segloop.core.queue.Candidate;
import org.segloop.core.queue.QueueStrategy;
import org.segloop.core.queue.QueueView;
import org.segloop.core.queue.Strategies;
import org.segloop.core.registry.ExtensionFailedException;
import org.segloop.core.registry.NamedExtension;
import org.segloop.testutil.Projects;

/**
 * A project names its scorer and strategy; an added one's jar may be gone when the project is opened
 * again, and an added strategy may break its contract. Reading the project still works; using the
 * missing extension is a typed error saying what to install; a broken one is named with its jar.
 */
class ProjectExtensionsTest {

	@TempDir
	Path dir;

	@Test
	void aProjectWhoseStrategyIsNotInstalledOpensButServesNothingAndSaysWhatToInstall() throws Exception {
		Path folder = Projects.predictedSamples(dir, 2);
		try (ProjectStore p = ProjectStore.open(folder, ProjectStore.Access.READ_WRITE)) {
			store(p, "strategy", "smart_pick"); // as a project made with an added strategy stores it
			ProjectSettings settings = p.settings();
			assertEquals("smart_pick", settings.strategy(), "the settings read without the strategy's jar");

			for (var use : List.<Runnable>of(() -> p.queue().peek(3), () -> p.queue().next("ana"), () -> p.queue().upcoming(),
				() -> p.saveSettings(settings.withLeaseMinutes(5))))
			{
				ProjectException e = assertThrows(ProjectException.class, use::run);
				assertEquals(folder + ": uses the queue strategy 'smart_pick', which is not installed (installed: " + String.join(", ", Strategies.names())
					+ ") — install the extension that provides 'smart_pick' (the jar it came in), or create a new project with an installed queue strategy",
					e.getMessage());
				assertEquals(UserAction.INSTALL_EXTENSION.on(folder, "smart_pick"), e.remedies().get(0));
			}
			assertEquals(30, p.settings().leaseMinutes(), "nothing was saved");
		}
	}

	@Test
	void aScorerThatIsNotInstalledStopsOnlyPredicting() throws Exception {
		try (ProjectStore p = Projects.ofSamples(dir, 1, ProjectSettings.defaults())) {
			store(p, "scorer", "peak_sq");
			assertEquals(List.of(), p.queue().peek(3), "the queue still answers (with nothing predicted, nothing to serve)");
			ProjectException e = assertThrows(ProjectException.class, () -> Projects.predict(p));
			assertTrue(e.getMessage().startsWith(p.folder() + ": uses the uncertainty scorer 'peak_sq', which is not installed"), e.getMessage());
			assertEquals(0, p.queue().counts().get(QueueStatus.FAILED).intValue(), "no image is blamed for a missing scorer");
		}
	}

	@Test
	void anAddedStrategyThatBreaksItsContractIsNamedWithItsJar() throws Exception {
		try (ProjectStore p = ProjectStore.open(Projects.predictedSamples(dir, 2), ProjectStore.Access.READ_ONLY)) {
			ImageQueue view = p.queue();
			assertEquals(2, Strategies.rank(new Scripted((v, n) -> v.byFileOrder(n)), view, 5, p.folder()).size(), "a well-behaved one ranks");

			ExtensionFailedException none = assertThrows(ExtensionFailedException.class,
				() -> Strategies.rank(new Scripted((v, n) -> null), view, 5, p.folder()));
			assertEquals(p.folder(), none.file());
			assertTrue(none.getMessage().contains("the queue strategy 'scripted' (" + Scripted.class.getName() + " in ")
				&& none.getMessage().contains("test-classes) returned no ranking (null) — fix or remove the extension that provides 'scripted'"),
				none.getMessage());

			ExtensionFailedException invented = assertThrows(ExtensionFailedException.class,
				() -> Strategies.rank(new Scripted((v, n) -> List.of(new Candidate(999, 1, null, null))), view, 5, p.folder()));
			assertTrue(invented.getMessage().contains("ranked image 999, which the queue did not offer it"), invented.getMessage());

			IllegalStateException bug = new IllegalStateException("index out of step");
			ExtensionFailedException thrown = assertThrows(ExtensionFailedException.class, () -> Strategies.rank(new Scripted((v, n) -> {
				throw bug;
			}), view, 5, p.folder()));
			assertSame(bug, thrown.getCause());
			assertTrue(thrown.getMessage().contains("failed ranking the queue: java.lang.IllegalStateException: index out of step"), thrown.getMessage());
			assertThrows(CancellationException.class, () -> Strategies.rank(new Scripted((v, n) -> {
				throw new CancellationException();
			}), view, 5, p.folder()), "cancelling is not a breach");
		}
	}

	private static void store(ProjectStore p, String key, String value) throws SQLException {
		try (PreparedStatement s = p.connection().prepareStatement("UPDATE meta SET value = ? WHERE key = ?")) {
			s.setString(1, value);
			s.setString(2, key);
			assertEquals(1, s.executeUpdate());
		}
	}

	/** An added strategy (not in SegLoop's classes) that ranks as told. */
	static final class Scripted extends NamedExtension implements QueueStrategy {

		final BiFunction<QueueView, Integer, List<Candidate>> ranking;

		Scripted(BiFunction<QueueView, Integer, List<Candidate>> ranking) {
			super("scripted", "ranks as the test says");
			this.ranking = ranking;
		}

		@Override
		public List<Candidate> rank(QueueView view, int limit) {
			return ranking.apply(view, limit);
		}
	}
}
