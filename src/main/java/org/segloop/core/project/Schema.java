package org.segloop.core.project;

import java.util.List;

/**
 * The project database's schema as numbered migrations. Version n is reached by running
 * migrations 1..n in order, each in its own transaction together with the version bump, so a
 * crash mid-migration leaves the previous version intact. Never edit a released migration: add one.
 */
final class Schema {

	private Schema() {}

	/** The index that serves the queue by uncertainty (dropped and rebuilt by a full re-rank). */
	static final String QUEUE_BY_SCORE_INDEX = "queue_by_score";
	static final String QUEUE_BY_SCORE = "CREATE INDEX " + QUEUE_BY_SCORE_INDEX + " ON queue(status, score DESC)";

	static final List<String[]> MIGRATIONS = List.<String[]>of(
		// 1: project metadata, registered images, and the append-only event journal
		new String[] {
			"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
			"""
			CREATE TABLE images (
			  id INTEGER PRIMARY KEY,
			  path TEXT NOT NULL UNIQUE,
			  sha256 TEXT NOT NULL,
			  width INTEGER NOT NULL, height INTEGER NOT NULL,
			  channels INTEGER NOT NULL, slices INTEGER NOT NULL, frames INTEGER NOT NULL,
			  added_at INTEGER NOT NULL)""",
			"""
			CREATE TABLE events (
			  id INTEGER PRIMARY KEY,
			  at INTEGER NOT NULL,
			  who TEXT NOT NULL,
			  what TEXT NOT NULL,
			  image_id INTEGER REFERENCES images(id),
			  seconds_spent REAL,
			  detail TEXT)""",
			"CREATE INDEX events_image ON events(image_id)" },
		// 2: model versions, predictions with their files, scores, the queue with leases, corrections.
		// File columns hold names in the content-addressed file store, written before the row.
		new String[] {
			"""
			CREATE TABLE models (
			  id INTEGER PRIMARY KEY,
			  name TEXT NOT NULL,
			  sha256 TEXT NOT NULL UNIQUE,
			  source TEXT NOT NULL,
			  parent_id INTEGER REFERENCES models(id),
			  created_at INTEGER NOT NULL)""",
			"""
			CREATE TABLE predictions (
			  id INTEGER PRIMARY KEY,
			  image_id INTEGER NOT NULL REFERENCES images(id),
			  model_id INTEGER NOT NULL REFERENCES models(id),
			  image_sha256 TEXT NOT NULL,
			  classes_file TEXT NOT NULL,
			  instances_file TEXT,
			  uncertainty_file TEXT NOT NULL,
			  instance_count INTEGER NOT NULL,
			  scorer TEXT NOT NULL,
			  score_mean REAL, score_objects REAL, score_top REAL,
			  object_uncertainty TEXT,
			  embedding BLOB,
			  seconds REAL NOT NULL,
			  created_at INTEGER NOT NULL,
			  UNIQUE (image_id, model_id))""",
			"""
			CREATE TABLE queue (
			  image_id INTEGER PRIMARY KEY REFERENCES images(id),
			  status TEXT NOT NULL CHECK (status IN ('new', 'predicted', 'in_progress', 'corrected', 'skipped')),
			  score REAL,
			  random_key INTEGER NOT NULL,
			  last_served_at INTEGER,
			  served_count INTEGER NOT NULL DEFAULT 0,
			  lease_token TEXT,
			  lease_annotator TEXT,
			  lease_expires_at INTEGER)""",
			QUEUE_BY_SCORE,
			"CREATE INDEX queue_by_random ON queue(status, random_key)",
			"""
			CREATE TABLE corrections (
			  id INTEGER PRIMARY KEY,
			  image_id INTEGER NOT NULL REFERENCES images(id),
			  prediction_id INTEGER NOT NULL REFERENCES predictions(id),
			  model_id INTEGER NOT NULL REFERENCES models(id),
			  annotator TEXT NOT NULL,
			  seconds_spent REAL,
			  kind TEXT NOT NULL CHECK (kind IN ('semantic', 'instance')),
			  mask_file TEXT NOT NULL,
			  dice REAL, fraction_changed REAL, object_f1 REAL, hd95 REAL,
			  metrics TEXT NOT NULL,
			  created_at INTEGER NOT NULL)""",
			"CREATE INDEX corrections_image ON corrections(image_id)" },
		// 3: indexes that keep 'first' (file order) and 'hybrid' (recently served) fast at 1M images.
		new String[] {
			"CREATE INDEX queue_by_order ON queue(status, image_id)",
			"CREATE INDEX queue_by_served ON queue(last_served_at) WHERE last_served_at IS NOT NULL" },
		// 4: fine-tuned versions: their weights (a file in the store; NULL for a package's own), how
		// they were trained (JSON) and their held-out Dice, beside the parent's on the same images
		new String[] {
			"ALTER TABLE models ADD COLUMN weights_file TEXT",
			"ALTER TABLE models ADD COLUMN training TEXT",
			"ALTER TABLE models ADD COLUMN held_out_dice REAL",
			"ALTER TABLE models ADD COLUMN parent_held_out_dice REAL" },
		// 5: images that failed to predict ('failed', with the reason) and images taken out of the
		// project ('removed'; rows and corrections stay). SQLite cannot change a CHECK constraint,
		// so the queue is copied into a new table; its indexes are made again. Images are looked up
		// by content to refuse duplicates.
		new String[] {
			"""
			CREATE TABLE queue_v5 (
			  image_id INTEGER PRIMARY KEY REFERENCES images(id),
			  status TEXT NOT NULL CHECK (status IN ('new', 'predicted', 'in_progress', 'corrected', 'skipped', 'failed', 'removed')),
			  score REAL,
			  random_key INTEGER NOT NULL,
			  last_served_at INTEGER,
			  served_count INTEGER NOT NULL DEFAULT 0,
			  lease_token TEXT,
			  lease_annotator TEXT,
			  lease_expires_at INTEGER,
			  failure TEXT)""",
			"""
			INSERT INTO queue_v5(image_id, status, score, random_key, last_served_at, served_count, lease_token, lease_annotator, lease_expires_at)
			SELECT image_id, status, score, random_key, last_served_at, served_count, lease_token, lease_annotator, lease_expires_at FROM queue""",
			"DROP TABLE queue",
			"ALTER TABLE queue_v5 RENAME TO queue",
			QUEUE_BY_SCORE,
			"CREATE INDEX queue_by_random ON queue(status, random_key)",
			"CREATE INDEX queue_by_order ON queue(status, image_id)",
			"CREATE INDEX queue_by_served ON queue(last_served_at) WHERE last_served_at IS NOT NULL",
			"CREATE INDEX images_by_sha ON images(sha256)" },
		// 6: a volume corrected on key slices records which slices were edited, interpolated or kept
		// (JSON of SliceRoles; NULL for a mask stored as given before, and for 2D images)
		new String[] {
			"ALTER TABLE corrections ADD COLUMN slice_roles TEXT" });

	static int latest() {
		return MIGRATIONS.size();
	}
}
