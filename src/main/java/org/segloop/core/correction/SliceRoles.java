package org.segloop.core.correction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The {@link SliceRole} of every slice of every frame of a completed volume, indexed by plane as
 * in {@code LabelVolume.plane(z, t)}: {@code z + slices * t} (for one frame: the slice number).
 * Immutable.
 *
 * <p>As JSON (stored with a correction) each role lists its planes as compact ranges:
 * {@code {"slices":16,"frames":1,"edited":"3,8-9","interpolated":"4-7","kept":"0-2,10-15"}}.
 */
public record SliceRoles(int slices, int frames, List<SliceRole> roles) {

	public SliceRoles {
		if (slices < 1 || frames < 1) throw new IllegalArgumentException("slices and frames must be at least 1: " + slices + ", " + frames);
		roles = List.copyOf(roles);
		if (roles.size() != slices * frames) throw new IllegalArgumentException("expected " + slices * frames + " slice roles, got " + roles.size());
	}

	/** Every plane in the same role. */
	public static SliceRoles all(int slices, int frames, SliceRole role) {
		return new SliceRoles(slices, frames, java.util.Collections.nCopies(slices * frames, role));
	}

	public SliceRole role(int z, int t) {
		return roles.get(z + slices * t);
	}

	/** Planes painted by the annotator, ascending. */
	public int[] edited() {
		return planes(SliceRole.EDITED);
	}

	/** Planes interpolated between edited ones, ascending. */
	public int[] interpolated() {
		return planes(SliceRole.INTERPOLATED);
	}

	/** Planes left as proposed, ascending. */
	public int[] kept() {
		return planes(SliceRole.KEPT);
	}

	/** The planes in a role, ascending. */
	public int[] planes(SliceRole role) {
		int[] out = new int[roles.size()];
		int n = 0;
		for (int p = 0; p < roles.size(); p++) if (roles.get(p) == role) out[n++] = p;
		return Arrays.copyOf(out, n);
	}

	public int count(SliceRole role) {
		return (int) roles.stream().filter(r -> r == role).count();
	}

	/** Compact JSON, see the class comment. */
	public String toJson() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("slices", slices);
		m.put("frames", frames);
		for (SliceRole r : SliceRole.values()) m.put(key(r), ranges(planes(r)));
		return new com.google.gson.Gson().toJson(m);
	}

	/**
	 * Reads {@link #toJson}'s form.
	 *
	 * @throws IllegalArgumentException when the text is not such JSON, or a plane is missing, named twice or out of range
	 */
	public static SliceRoles fromJson(String json) {
		try {
			JsonObject o = JsonParser.parseString(json).getAsJsonObject();
			int slices = o.get("slices").getAsInt(), frames = o.get("frames").getAsInt();
			if (slices < 1 || frames < 1 || (long) slices * frames > 100_000_000) throw new IllegalArgumentException("bad slices or frames");
			SliceRole[] roles = new SliceRole[slices * frames];
			for (SliceRole r : SliceRole.values()) {
				JsonElement e = o.get(key(r));
				if (e == null) continue;
				for (String part : e.getAsString().split(",")) {
					if (part.isEmpty()) continue;
					int dash = part.indexOf('-');
					int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash)), to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
					if (from < 0 || to >= roles.length || from > to) throw new IllegalArgumentException("plane range " + part + " outside 0-" + (roles.length - 1));
					for (int p = from; p <= to; p++) {
						if (roles[p] != null) throw new IllegalArgumentException("plane " + p + " has two roles");
						roles[p] = r;
					}
				}
			}
			for (int p = 0; p < roles.length; p++) if (roles[p] == null) throw new IllegalArgumentException("plane " + p + " has no role");
			return new SliceRoles(slices, frames, Arrays.asList(roles));
		}
		catch (RuntimeException e) {
			if (e instanceof IllegalArgumentException && !(e instanceof NumberFormatException)) throw new IllegalArgumentException("slice roles " + json + ": " + e.getMessage(), e);
			throw new IllegalArgumentException("slice roles " + json + " are not valid: " + e, e);
		}
	}

	private static String key(SliceRole r) {
		return r.name().toLowerCase(java.util.Locale.ROOT);
	}

	/** "0-2,5,7-9" for 0,1,2,5,7,8,9. */
	static String ranges(int[] planes) {
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < planes.length;) {
			int j = i;
			while (j + 1 < planes.length && planes[j + 1] == planes[j] + 1) j++;
			parts.add(i == j ? Integer.toString(planes[i]) : planes[i] + "-" + planes[j]);
			i = j + 1;
		}
		return String.join(",", parts);
	}
}
