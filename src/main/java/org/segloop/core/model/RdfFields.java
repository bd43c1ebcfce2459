package org.segloop.core.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed access to the untyped tree SnakeYAML returns, with errors that name the rdf.yaml and the
 * dotted path of the field, e.g. {@code inputs[0].axes[2].size.min}.
 */
final class RdfFields {

	private final Path rdf;

	RdfFields(Path rdf) {
		this.rdf = rdf;
	}

	ModelPackageException error(String where, String problem) {
		return new ModelPackageException(rdf, "field '" + where + "' " + problem,
			"correct rdf.yaml (see https://bioimage.io/spec for the format)");
	}

	Object require(Map<String, Object> map, String key, String where) {
		Object v = map.get(key);
		if (v == null) throw error(join(where, key), "is missing");
		return v;
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> map(Object value, String where) {
		if (value instanceof Map<?, ?> m) return (Map<String, Object>) m;
		throw error(where, "must be a mapping, found " + describe(value));
	}

	Map<String, Object> optMap(Map<String, Object> map, String key, String where) {
		Object v = map.get(key);
		return v == null ? Map.of() : map(v, join(where, key));
	}

	List<Object> list(Object value, String where) {
		if (value instanceof List<?> l) return new ArrayList<>(l);
		throw error(where, "must be a list, found " + describe(value));
	}

	List<Object> optList(Map<String, Object> map, String key, String where) {
		Object v = map.get(key);
		return v == null ? List.of() : list(v, join(where, key));
	}

	String string(Object value, String where) {
		if (value instanceof String s) return s;
		if (value instanceof Number || value instanceof Boolean) return value.toString();
		throw error(where, "must be text, found " + describe(value));
	}

	String optString(Map<String, Object> map, String key, String where, String fallback) {
		Object v = map.get(key);
		return v == null ? fallback : string(v, join(where, key));
	}

	int integer(Object value, String where) {
		return integer(value, where, Integer.MIN_VALUE, Integer.MAX_VALUE, "");
	}

	/**
	 * A whole number within [min, max]; a larger one is refused rather than wrapped around
	 * (99999999999 would otherwise be read as 1215752191).
	 *
	 * @param meaning why the bound holds, appended to the message (may be empty)
	 */
	int integer(Object value, String where, long min, long max, String meaning) {
		double v;
		if (value instanceof Integer || value instanceof Long) v = ((Number) value).longValue();
		else if (value instanceof java.math.BigInteger b) v = b.doubleValue();
		else if (value instanceof Double d && d == Math.rint(d)) v = d;
		else throw error(where, "must be an integer, found " + describe(value));
		return bounded(v, where, min, max, meaning);
	}

	/** A whole number already read as a double (0.4 shapes are lists of numbers), checked as {@link #integer}. */
	int bounded(double v, String where, long min, long max, String meaning) {
		if (v != Math.rint(v)) throw error(where, "must be an integer, found " + v);
		if (v < min || v > max) throw error(where, "is " + (Math.abs(v) < 1e18 ? Long.toString((long) v) : Double.toString(v))
			+ "; it must lie between " + min + " and " + max + (meaning.isEmpty() ? "" : " (" + meaning + ")"));
		return (int) v;
	}

	int optInt(Map<String, Object> map, String key, String where, int fallback) {
		Object v = map.get(key);
		return v == null ? fallback : integer(v, join(where, key));
	}

	double number(Object value, String where) {
		if (value instanceof Number n) return n.doubleValue();
		if (value instanceof String s) {
			switch (s.toLowerCase()) {
				case "inf", "+inf", ".inf": return Double.POSITIVE_INFINITY;
				case "-inf", "-.inf": return Double.NEGATIVE_INFINITY;
				default: break;
			}
		}
		throw error(where, "must be a number, found " + describe(value));
	}

	double optNumber(Map<String, Object> map, String key, String where, double fallback) {
		Object v = map.get(key);
		return v == null ? fallback : number(v, join(where, key));
	}

	/** A number or a list of numbers, as scale_linear and friends accept. */
	double[] numbers(Object value, String where) {
		if (value instanceof List<?> l) {
			double[] out = new double[l.size()];
			for (int i = 0; i < out.length; i++)
				out[i] = number(l.get(i), where + "[" + i + "]");
			if (out.length == 0) throw error(where, "must not be empty");
			return out;
		}
		return new double[] { number(value, where) };
	}

	/** Axes given as a list of ids (0.5) or as a string of letters (0.4); null stays null. */
	List<String> axesList(Object value, String where) {
		if (value == null) return null;
		if (value instanceof String s) return s.chars().mapToObj(c -> String.valueOf((char) c)).toList();
		return list(value, where).stream().map(o -> string(o, where)).toList();
	}

	static String join(String where, String key) {
		return where.isEmpty() ? key : where + "." + key;
	}

	static String describe(Object value) {
		if (value == null) return "nothing";
		String text = String.valueOf(value);
		if (text.length() > 40) text = text.substring(0, 40) + "…";
		return value.getClass().getSimpleName().toLowerCase() + " '" + text + "'";
	}
}
