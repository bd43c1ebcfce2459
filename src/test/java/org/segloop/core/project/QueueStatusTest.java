package org.segloop.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueStatusTest {

	@TempDir
	Path dir;

	@Test
	void theStatusesAreExactlyWhatTheNewestSchemaAllows() throws SQLException {
		try (ProjectStore p = ProjectStore.create(dir.resolve("p"));
			Statement s = p.connection().createStatement();
			ResultSet r = s.executeQuery("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'queue'"))
		{
			assertTrue(r.next(), "a new project has a queue table");
			Matcher check = Pattern.compile("CHECK \\(status IN \\(([^)]*)\\)\\)").matcher(r.getString(1));
			assertTrue(check.find(), r.getString(1));
			Set<String> allowed = Arrays.stream(check.group(1).split(",")).map(v -> v.strip().replace("'", "")).collect(Collectors.toSet());
			Set<String> declared = Arrays.stream(QueueStatus.values()).map(QueueStatus::stored).collect(Collectors.toSet());
			assertEquals(allowed, declared, "a new status needs a migration that widens the queue's CHECK constraint (see Schema, migration 5)");
		}
	}

	@Test
	void everyStatusIsWrittenAndReadBackAsItself() throws SQLException {
		try (ProjectStore p = ProjectStore.create(dir.resolve("p")); Statement s = p.connection().createStatement()) {
			s.execute("INSERT INTO images(id, path, sha256, width, height, channels, slices, frames, added_at) VALUES (1, '/x/a.tif', 'ab', 4, 4, 1, 1, 1, 0)");
			s.execute("INSERT INTO queue(image_id, status, random_key) VALUES (1, " + QueueStatus.NEW.sql() + ", 0)");
			for (QueueStatus status : QueueStatus.values()) {
				s.executeUpdate("UPDATE queue SET status = " + status.sql() + " WHERE image_id = 1");
				assertEquals(status, p.queue().entry(1).orElseThrow().status());
				assertEquals(1L, p.queue().counts().get(status), status + " is counted");
			}
		}
	}

	@Test
	void sqlFragmentsQuoteTheStoredValues() {
		assertEquals("'in_progress'", QueueStatus.IN_PROGRESS.sql());
		assertEquals("('new', 'predicted')", QueueStatus.sqlList(QueueStatus.NEW, QueueStatus.PREDICTED));
		assertEquals("('removed')", QueueStatus.sqlList(QueueStatus.REMOVED));
		assertThrows(IllegalArgumentException.class, QueueStatus::sqlList);
	}

	@Test
	void anUnknownStoredValueIsATypedErrorNamingTheDatabaseAndTheValue() {
		Path database = dir.resolve("p").resolve(ProjectStore.DATABASE);
		assertEquals(QueueStatus.IN_PROGRESS, QueueStatus.fromStored("in_progress", database));
		ProjectException e = assertThrows(ProjectException.class, () -> QueueStatus.fromStored("in review", database));
		assertEquals(database, e.file());
		assertTrue(e.getMessage().contains("'in review'"), e.getMessage());
	}

	@Test
	void countsAreShownByStoredValueInLifecycleOrder() {
		Map<QueueStatus, Long> counts = new EnumMap<>(QueueStatus.class);
		for (QueueStatus s : QueueStatus.values()) counts.put(s, (long) s.ordinal());
		assertEquals("{new=0, predicted=1, in_progress=2, corrected=3, skipped=4, failed=5, removed=6}", QueueStatus.byStoredValue(counts).toString());
		assertEquals(List.of("new", "predicted", "in_progress", "corrected", "skipped", "failed", "removed"),
			List.copyOf(QueueStatus.byStoredValue(counts).keySet()));
	}
}
