package org.segloop.core.project;

import java.util.List;

/**
 * The project database's schema as numbered migrations. Version n is reached by running
 * migrations 1..n in order, each in its own transaction together with the version bump, so a
 * crash mid-migration leaves the previous version intact. Never edit a released migration: add one.
 */
final class Schema {

	private Schema() {}

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
			"CREATE INDEX events_image ON events(image_id)" });

	static int latest() {
		return MIGRATIONS.size();
	}
}
