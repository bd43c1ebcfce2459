package org.segloop.core.project;

import java.sql.ResultSet;
import java.sql.SQLException;

/** How the store maps NaN (no value) to SQL NULL and back. */
final class Sql {

	private Sql() {}

	/** NULL for NaN and infinities, which SQLite cannot store as REAL. */
	static Double finiteOrNull(double v) {
		return Double.isFinite(v) ? v : null;
	}

	static double doubleOrNaN(ResultSet r, int column) throws SQLException {
		double v = r.getDouble(column);
		return r.wasNull() ? Double.NaN : v;
	}

	static double doubleOrNaN(ResultSet r, String column) throws SQLException {
		return doubleOrNaN(r, r.findColumn(column));
	}
}
