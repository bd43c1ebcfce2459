package org.segloop.core.project;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where an image stands in the project's work queue: the {@code queue.status} column, and the
 * one place its values are spelled. An image enters as {@link #NEW}; a proposal makes it
 * {@link #PREDICTED}; serving leases it ({@link #IN_PROGRESS}) to one annotator until they accept
 * it ({@link #CORRECTED}), skip it ({@link #SKIPPED}) or the lease expires (back to predicted).
 * {@link #FAILED} images could not be predicted or went bad while leased, and wait for a retry;
 * {@link #REMOVED} images are out of the project but keep their rows. SQL text that names a status
 * is built with {@link #sql()} and {@link #sqlList}, never typed again.
 * <p>
 * Review by several readers will add states here (e.g. "in review", "approved", "rejected"). To
 * add one: add the constant (with its stored value) and add a schema migration that widens the
 * queue table's CHECK constraint. SQLite cannot alter a CHECK constraint in place, so the
 * migration copies the queue into a new table, as Schema's migration 5 does. A test compares
 * these constants with what the newest schema's CHECK allows, so a constant without its
 * migration fails.
 */
public enum QueueStatus {

	NEW("new"),
	PREDICTED("predicted"),
	IN_PROGRESS("in_progress"),
	CORRECTED("corrected"),
	SKIPPED("skipped"),
	FAILED("failed"),
	REMOVED("removed");

	private final String stored;

	QueueStatus(String stored) {
		this.stored = stored;
	}

	/** The value in the database, which is also what listings and JSON show. */
	public String stored() {
		return stored;
	}

	/** The stored value as an SQL string literal, e.g. {@code 'predicted'}. */
	public String sql() {
		return "'" + stored + "'";
	}

	/** The stored values as an SQL list for {@code IN}, e.g. {@code ('new', 'predicted')}. */
	public static String sqlList(QueueStatus... statuses) {
		if (statuses.length == 0) throw new IllegalArgumentException("an SQL list needs at least one status");
		return Arrays.stream(statuses).map(QueueStatus::sql).collect(Collectors.joining(", ", "(", ")"));
	}

	/**
	 * The status a stored value names.
	 *
	 * @param database the project's database, named in the error
	 * @throws ProjectException for a value this SegLoop does not know
	 */
	public static QueueStatus fromStored(String stored, Path database) {
		for (QueueStatus s : values())
			if (s.stored.equals(stored)) return s;
		throw new ProjectException(database, "has an image in the unknown queue state '" + stored + "'",
			"open the project with the SegLoop that wrote it, or a newer one");
	}

	/** Counts per status keyed by stored value, in lifecycle order, as listings and JSON show them. */
	public static Map<String, Long> byStoredValue(Map<QueueStatus, Long> counts) {
		Map<String, Long> out = new LinkedHashMap<>();
		for (QueueStatus s : values())
			if (counts.containsKey(s)) out.put(s.stored, counts.get(s));
		return out;
	}
}
