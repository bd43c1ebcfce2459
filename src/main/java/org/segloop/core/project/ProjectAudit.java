package org.segloop.core.project;

import java.nio.file.Files;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.segloop.core.SegLoopException;

/**
 * Checks the promises a project makes, whatever happened to the process that wrote it: SQLite's
 * integrity check passes, every file a row names exists with the content its name (sha256)
 * promises, every image in the project (removed ones aside) is where it was registered with the
 * content it had then, and each image's queue state agrees with its stored proposals and
 * corrections. Reads only. A full check hashes every referenced file and every image, so it
 * reads the whole project once (about as long as copying it); a quick one only checks that the
 * files exist.
 */
public final class ProjectAudit {

	private ProjectAudit() {}

	/** @return the problems found by a full check, empty for a healthy project */
	public static List<String> run(ProjectStore store) {
		return run(store, false);
	}

	/**
	 * @param quick check that files exist without hashing them
	 * @return the problems found, empty for a healthy project
	 */
	public static List<String> run(ProjectStore store, boolean quick) {
		return run(store, quick, SegLoopException::getMessage);
	}

	/**
	 * @param quick check that files exist without hashing them
	 * @param words how a surface words an image's error (e.g. with its commands for what the fix says)
	 * @return the problems found, empty for a healthy project
	 */
	public static List<String> run(ProjectStore store, boolean quick, Function<? super SegLoopException, String> words) {
		List<String> problems = new ArrayList<>();
		String integrity = store.integrityCheck();
		if (!"ok".equals(integrity)) problems.add("database: " + integrity);
		try {
			for (String f : store.referencedFileNames())
				if (quick ? !Files.isRegularFile(store.files().resolve(f)) : !store.files().isIntact(f))
					problems.add("file " + f + " is missing or its content does not match its name");
			checkImages(store, quick, problems, words);
			try (Statement s = store.connection().createStatement(); ResultSet r = s.executeQuery("""
				SELECT q.image_id, q.status FROM queue q
				WHERE (q.status != %s AND (q.status = %s) != EXISTS (SELECT 1 FROM corrections c WHERE c.image_id = q.image_id))
				   OR (q.status IN %s AND NOT EXISTS (SELECT 1 FROM predictions x WHERE x.image_id = q.image_id))"""
				.formatted(QueueStatus.REMOVED.sql(), QueueStatus.CORRECTED.sql(), QueueStatus.sqlList(QueueStatus.PREDICTED, QueueStatus.IN_PROGRESS))))
			{
				while (r.next()) problems.add("image " + r.getLong(1) + " is '" + r.getString(2) + "' but its proposals/corrections say otherwise");
			}
			// roles read as absent when unreadable (so the correction still loads); here they are reported
			try (Statement s = store.connection().createStatement();
				ResultSet r = s.executeQuery("SELECT id, slice_roles FROM corrections WHERE slice_roles IS NOT NULL ORDER BY id"))
			{
				while (r.next()) {
					try {
						org.segloop.core.correction.SliceRoles.fromJson(r.getString(2));
					}
					catch (IllegalArgumentException e) {
						problems.add("correction " + r.getLong(1) + ": its slice roles cannot be read (" + e.getMessage() + ")");
					}
				}
			}
		}
		catch (SQLException e) {
			problems.add("cannot read the project: " + e.getMessage());
		}
		return problems;
	}

	/**
	 * What a healthy project still wants the user to know: the files the orphan sweep set aside
	 * in {@code files/.swept/} (a database restored from an older backup would need them back).
	 */
	public static List<String> notes(ProjectStore store) {
		List<String> notes = new ArrayList<>();
		try {
			for (FileStore.SetAside s : store.files().setAside())
				notes.add(String.format("%d unreferenced file(s), %.1f MB, set aside by the sweep on %s in %s; deleted after %d days"
					+ " (if project.sqlite was replaced by an older copy, move them back into files/ and restore the newer database)",
					s.files(), s.bytes() / 1e6, s.at(), store.files().resolve(FileStore.SWEPT + "/" + s.folder()), FileStore.KEEP_SWEPT.toDays()));
		}
		catch (java.io.IOException e) {
			notes.add("files/" + FileStore.SWEPT + " cannot be listed: " + e.getMessage());
		}
		return notes;
	}

	/** Each image still in the project: its file exists and (unless quick) has the registered content. */
	private static void checkImages(ProjectStore store, boolean quick, List<String> problems, Function<? super SegLoopException, String> words)
		throws SQLException
	{
		ImageRegistry images = store.images();
		Set<Long> removed = new HashSet<>();
		try (Statement s = store.connection().createStatement();
			ResultSet r = s.executeQuery("SELECT image_id FROM queue WHERE status = " + QueueStatus.REMOVED.sql())) {
			while (r.next()) removed.add(r.getLong(1));
		}
		for (ImageRegistry.ImageRecord image : images.all()) {
			if (removed.contains(image.id())) continue;
			try {
				images.verify(image, !quick);
			}
			catch (SegLoopException e) {
				problems.add(words.apply(e));
			}
		}
	}
}
