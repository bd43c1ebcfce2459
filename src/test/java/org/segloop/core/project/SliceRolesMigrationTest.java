package org.segloop.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration 6 adds the slice roles of a correction: a project made before it opens with its
 * corrections intact and without roles; roles damaged by hand read as none and the audit reports them.
 */
class SliceRolesMigrationTest {

	@TempDir
	Path dir;

	@Test
	void aSchemaFiveProjectMigratesAndItsCorrectionsHaveNoRoles() throws Exception {
		Path folder = Files.createDirectories(dir.resolve("old"));
		try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(ProjectStore.DATABASE)); var s = c.createStatement()) {
			for (int v = 1; v <= 5; v++)
				for (String sql : Schema.MIGRATIONS.get(v - 1)) s.execute(sql);
			s.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '5')");
			s.execute("""
				INSERT INTO corrections(id, image_id, prediction_id, model_id, annotator, seconds_spent, kind, mask_file, dice, fraction_changed,
				  object_f1, hd95, metrics, created_at) VALUES (3, 7, 1, 1, 'ana', 12.5, 'semantic', 'ab/abc.tif', 0.9, 0.01, 1.0, 2.0, '{}', 1000)""");
		}
		try (ProjectStore p = ProjectStore.open(folder, ProjectStore.Access.READ_WRITE)) {
			assertEquals(Schema.latest(), p.schemaVersion());
			assertEquals("ok", p.integrityCheck());
			Corrections.Correction old = p.corrections().history().get(0);
			assertEquals(3, old.id());
			assertEquals("ana", old.annotator());
			assertEquals(0.9, old.objectDice());
			assertNull(old.roles(), "a correction made before roles were recorded has none");

			// roles damaged by hand read as none, and the audit names them
			try (var s = p.connection().createStatement()) {
				s.execute("UPDATE corrections SET slice_roles = '{\"slices\":3,\"frames\":1,\"kept\":\"0-1\"}' WHERE id = 3");
			}
			assertNull(p.corrections().history().get(0).roles());
			assertTrue(ProjectAudit.run(p, true).stream().anyMatch(m -> m.startsWith("correction 3: its slice roles cannot be read") && m.contains("plane 2 has no role")),
				ProjectAudit.run(p, true).toString());
		}
	}
}
