package org.segloop.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.project.Predictions.Prediction;
import org.segloop.testutil.Projects;

/**
 * The orphan sweep never deletes what a database might need (issue 12, item 1): unreferenced files
 * are set aside in files/.swept/ and kept for a week, a database that does not match its files
 * makes the sweep move nothing, and set-aside files newer than the database's last commit (a
 * database restored from an older backup) are never deleted.
 */
class OrphanSweepTest {

	@TempDir
	Path dir;

	private ProjectStore predicted() throws IOException {
		Path folder = Projects.predictedSamples(dir, 1);
		return ProjectStore.open(folder, ProjectStore.Access.READ_WRITE);
	}

	@Test
	void anUnreferencedFileIsSetAsideWithItsContentAndCheckSaysWhere() throws IOException {
		try (ProjectStore p = predicted()) {
			String orphan = p.files().put(f -> Files.writeString(f, "written by a process killed before its commit"), "tif");
			Path part = Files.writeString(p.files().resolve("incoming/new-1.tif.part"), "half");
			assertEquals(2, p.sweepOrphanFiles());
			assertFalse(Files.exists(p.files().resolve(orphan)), "no longer among the stored files");
			assertFalse(Files.exists(part), "an interrupted write is deleted");
			List<FileStore.SetAside> setAside = p.files().setAside();
			assertEquals(1, setAside.size());
			Path kept = p.files().resolve(FileStore.SWEPT + "/" + setAside.get(0).folder() + "/" + orphan);
			assertEquals("written by a process killed before its commit", Files.readString(kept));
			Prediction pr = p.predictions().latest(1).orElseThrow();
			assertTrue(p.files().isIntact(pr.classesFile()));
			assertEquals(List.of(), ProjectAudit.run(p), "set-aside files are no problem");
			List<String> notes = ProjectAudit.notes(p);
			assertEquals(1, notes.size());
			assertTrue(notes.get(0).contains("1 unreferenced file(s)") && notes.get(0).contains(".swept") && notes.get(0).contains("7 days"), notes.get(0));
			assertEquals(0, p.sweepOrphanFiles(), "a second sweep finds nothing");
		}
	}

	@Test
	void whenAReferencedFileIsMissingTheDatabaseAndFilesDisagreeAndNothingIsMoved() throws IOException {
		try (ProjectStore p = predicted()) {
			String orphan = p.files().put(f -> Files.writeString(f, "maybe the newer database's"), "tif");
			Files.delete(p.files().resolve(p.predictions().latest(1).orElseThrow().uncertaintyFile()));
			assertEquals(0, p.sweepOrphanFiles());
			assertTrue(Files.exists(p.files().resolve(orphan)), "left where it is");
			assertEquals(List.of(), p.files().setAside());
		}
	}

	@Test
	void setAsideFilesAreDeletedAfterAWeekButNeverWhenNewerThanTheDatabasesLastCommit() throws IOException, SQLException {
		try (ProjectStore p = predicted()) {
			Instant now = Instant.now();
			Path old = aside(p, now.minus(Duration.ofDays(8)), "old");
			Path recent = aside(p, now.minus(Duration.ofDays(6)), "recent");
			// as if project.sqlite had been restored from a backup taken ten days ago
			try (Statement s = p.connection().createStatement()) {
				long tenDaysAgo = now.minus(Duration.ofDays(10)).toEpochMilli();
				for (String t : List.of("events SET at", "images SET added_at", "predictions SET created_at", "models SET created_at"))
					s.executeUpdate("UPDATE " + t + " = " + tenDaysAgo);
			}
			p.sweepOrphanFiles();
			assertTrue(Files.exists(old) && Files.exists(recent), "newer than the database's last commit: kept");

			p.appendEvent("ana", JournalEvent.SERVED, null, null, null); // a commit after both were set aside
			p.sweepOrphanFiles();
			assertFalse(Files.exists(old), "a week old and older than the last commit: deleted");
			assertTrue(Files.exists(recent), "less than a week old: kept");
		}
	}

	private static Path aside(ProjectStore p, Instant at, String content) throws IOException {
		Path f = p.files().resolve(FileStore.SWEPT + "/" + FileStore.STAMP.format(at) + "/ab/" + content + ".tif");
		Files.createDirectories(f.getParent());
		return Files.writeString(f, content);
	}
}
