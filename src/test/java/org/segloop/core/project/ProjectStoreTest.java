package org.segloop.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.testutil.HoldProjectMain;

class ProjectStoreTest {

	@TempDir
	Path dir;

	@Test
	void aNewProjectIsDurableWalAtTheLatestSchema() throws SQLException {
		try (ProjectStore p = ProjectStore.create(dir.resolve("p"))) {
			assertEquals(Schema.latest(), p.schemaVersion());
			assertEquals("wal", p.pragma("journal_mode"));
			assertEquals("2", p.pragma("synchronous")); // FULL
			assertEquals("ok", p.integrityCheck());
		}
	}

	@Test
	void eventsAreKeptAcrossReopeningInOrder() {
		Path folder = dir.resolve("p");
		try (ProjectStore p = ProjectStore.create(folder)) {
			p.appendEvent("ana", JournalEvent.ACCEPTED, null, 42.5, "{\"dice\": 0.9}");
			p.appendEvent("ben", JournalEvent.SKIPPED, null, null, null);
		}
		try (ProjectStore p = ProjectStore.open(folder, ProjectStore.Access.READ_ONLY)) {
			List<ProjectStore.Event> events = p.events();
			assertEquals(List.of("ana", "ben"), events.stream().map(ProjectStore.Event::who).toList());
			assertEquals(List.of(JournalEvent.ACCEPTED, JournalEvent.SKIPPED), events.stream().map(ProjectStore.Event::what).toList());
			assertEquals(42.5, events.get(0).secondsSpent());
			assertNull(events.get(1).secondsSpent());
			assertNull(events.get(1).imageId());
		}
	}

	@Test
	void aSecondWriterInThisProcessIsToldWhoHasTheProject() {
		Path folder = dir.resolve("p");
		try (ProjectStore first = ProjectStore.create(folder)) {
			ProjectLockedException e = assertThrows(ProjectLockedException.class, () -> ProjectStore.open(folder, ProjectStore.Access.READ_WRITE));
			assertTrue(e.getMessage().contains("process " + ProcessHandle.current().pid()), e.getMessage());
			try (ProjectStore reader = ProjectStore.open(folder, ProjectStore.Access.READ_ONLY)) {
				assertTrue(reader.isReadOnly());
				assertThrows(ProjectException.class, () -> reader.appendEvent("x", JournalEvent.SERVED, null, null, null));
			}
		}
		try (ProjectStore again = ProjectStore.open(folder, ProjectStore.Access.READ_WRITE)) {
			assertTrue(!again.isReadOnly());
		}
	}

	@Test
	void anotherProcessHoldingTheProjectBlocksWritersUntilItDiesEvenByKill9() throws Exception {
		Path folder = dir.resolve("p");
		ProjectStore.create(folder).close();
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
			System.getProperty("java.class.path"), HoldProjectMain.class.getName(), folder.toString()).redirectErrorStream(true).start();
		try {
			BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
			assertEquals("LOCKED", out.readLine());
			ProjectLockedException e = assertThrows(ProjectLockedException.class, () -> ProjectStore.open(folder, ProjectStore.Access.READ_WRITE));
			assertTrue(e.getMessage().contains("process " + child.pid()), e.getMessage());
			try (ProjectStore reader = ProjectStore.open(folder, ProjectStore.Access.READ_ONLY)) {
				assertEquals("ok", reader.integrityCheck());
			}
			child.destroyForcibly(); // kill -9: the OS drops the lock with the process
			assertTrue(child.waitFor(10, TimeUnit.SECONDS));
			try (ProjectStore p = ProjectStore.open(folder, ProjectStore.Access.READ_WRITE)) {
				assertEquals("ok", p.integrityCheck());
			}
		}
		finally {
			child.destroyForcibly();
		}
	}

	@Test
	void foldersThatAreNotProjectsOrNotEmptyAreRefused() throws IOException {
		ProjectException e = assertThrows(ProjectException.class, () -> ProjectStore.open(dir, ProjectStore.Access.READ_ONLY));
		assertTrue(e.getMessage().contains("not a SegLoop project"), e.getMessage());
		Files.writeString(dir.resolve("something.txt"), "x");
		e = assertThrows(ProjectException.class, () -> ProjectStore.create(dir));
		assertTrue(e.getMessage().contains("not empty"), e.getMessage());
	}

	@Test
	void aProjectFromANewerSegLoopIsNotTouched() throws SQLException {
		Path folder = dir.resolve("p");
		ProjectStore.create(folder).close();
		try (var c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(ProjectStore.DATABASE)); Statement s = c.createStatement()) {
			s.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'");
		}
		ProjectException e = assertThrows(ProjectException.class, () -> ProjectStore.open(folder, ProjectStore.Access.READ_WRITE));
		assertTrue(e.getMessage().contains("newer SegLoop"), e.getMessage());
		// the failed open gave the lock back: trying again fails on the version, not on the lock
		e = assertThrows(ProjectException.class, () -> ProjectStore.open(folder, ProjectStore.Access.READ_WRITE));
		assertTrue(e.getMessage().contains("newer SegLoop"), e.getMessage());
	}
}
