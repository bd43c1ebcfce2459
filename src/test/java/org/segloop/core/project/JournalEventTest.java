package org.segloop.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalEventTest {

	@TempDir
	Path dir;

	/** What SegLoop has written to {@code events.what} so far: journals of existing projects must read the same. */
	private static final List<String> WRITTEN_BEFORE = List.of("served", "lease returned", "lease expired", "skipped", "accepted",
		"accept undone", "predicted", "prediction failed", "set aside", "retry", "removed", "re-registered", "restored", "fine-tuned",
		"fine-tune kept parent", "model made current");

	@Test
	void everyKindEverWrittenReadsBackAsTheSameKind() {
		Path database = dir.resolve(ProjectStore.DATABASE);
		for (String stored : WRITTEN_BEFORE)
			assertEquals(stored, JournalEvent.fromStored(stored, database).stored());
		assertEquals(WRITTEN_BEFORE.size(), Arrays.stream(JournalEvent.values()).map(JournalEvent::stored).distinct().count(),
			"each kind has its own stored value");
	}

	@Test
	void eventsAreJournalledAndReadBackTyped() {
		try (ProjectStore p = ProjectStore.create(dir.resolve("p"))) {
			for (JournalEvent kind : JournalEvent.values()) p.appendEvent("ana", kind, null, null, null);
			assertEquals(List.of(JournalEvent.values()), p.events().stream().map(ProjectStore.Event::what).toList());
		}
	}

	@Test
	void theLastEventIsFoundAmongTheKindsAsked() throws SQLException {
		try (ProjectStore p = ProjectStore.create(dir.resolve("p"))) {
			assertEquals(OptionalLong.empty(), p.lastEventAt(JournalEvent.FINE_TUNED, JournalEvent.FINE_TUNE_KEPT_PARENT));
			p.appendEvent("segloop", JournalEvent.FINE_TUNE_KEPT_PARENT, null, null, null);
			p.appendEvent("ana", JournalEvent.ACCEPTED, null, null, null);
			try (Statement s = p.connection().createStatement()) {
				s.executeUpdate("UPDATE events SET at = 1000 WHERE what = '" + JournalEvent.FINE_TUNE_KEPT_PARENT.stored() + "'");
				s.executeUpdate("UPDATE events SET at = 2000 WHERE what = '" + JournalEvent.ACCEPTED.stored() + "'");
			}
			assertEquals(OptionalLong.of(1000), p.lastEventAt(JournalEvent.FINE_TUNED, JournalEvent.FINE_TUNE_KEPT_PARENT), "later accepts do not count");
		}
	}

	@Test
	void aKindThisSegLoopDoesNotKnowIsATypedErrorNamingTheDatabaseAndTheValue() throws SQLException {
		try (ProjectStore p = ProjectStore.create(dir.resolve("p"))) {
			try (Statement s = p.connection().createStatement()) { // as a newer SegLoop could write, the column has no CHECK
				s.execute("INSERT INTO events(at, who, what) VALUES (0, 'ben', 'review approved')");
			}
			ProjectException e = assertThrows(ProjectException.class, p::events);
			assertEquals(p.folder().resolve(ProjectStore.DATABASE), e.file());
			assertTrue(e.getMessage().contains("'review approved'"), e.getMessage());
		}
	}
}
