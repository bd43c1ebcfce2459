package org.segloop.core.project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the promises a project makes, whatever happened to the process that wrote it: SQLite's
 * integrity check passes, every file a row names exists with the content its name (sha256)
 * promises, and each image's queue state agrees with its stored proposals and corrections.
 * Reads only; hashes every referenced file, so it takes a while on a big project.
 */
public final class ProjectAudit {

	private ProjectAudit() {}

	/** @return the problems found, empty for a healthy project */
	public static List<String> run(ProjectStore store) {
		List<String> problems = new ArrayList<>();
		String integrity = store.integrityCheck();
		if (!"ok".equals(integrity)) problems.add("database: " + integrity);
		try {
			for (String f : store.referencedFileNames())
				if (!store.files().isIntact(f)) problems.add("file " + f + " is missing or its content does not match its name");
			try (Statement s = store.connection().createStatement(); ResultSet r = s.executeQuery("""
				SELECT q.image_id, q.status FROM queue q
				WHERE (q.status = 'corrected') != EXISTS (SELECT 1 FROM corrections c WHERE c.image_id = q.image_id)
				   OR (q.status IN ('predicted', 'in_progress') AND NOT EXISTS (SELECT 1 FROM predictions x WHERE x.image_id = q.image_id))"""))
			{
				while (r.next()) problems.add("image " + r.getLong(1) + " is '" + r.getString(2) + "' but its proposals/corrections say otherwise");
			}
		}
		catch (SQLException e) {
			problems.add("cannot read the project: " + e.getMessage());
		}
		return problems;
	}
}
