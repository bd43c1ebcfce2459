package org.segloop.core.uncertainty;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.segloop.core.metrics.VoxelVolume;

/**
 * How unsure the model is of each predicted object (each lesion of a CT, each nucleus): its mean
 * voxel uncertainty, size in voxels and mL, and where it lies in the stack, so a user can go to the
 * object the model doubts. Stored with the prediction as a JSON array
 * ({@code Predictions.Prediction.objectUncertainty}); rows written before sizes and slices were
 * recorded read back with {@code volumeMl} null and slices 0. Immutable.
 *
 * @param label the object's instance label in the proposal's instance image
 * @param voxels its size
 * @param uncertainty mean per-voxel uncertainty in [0, 1]
 * @param volumeMl its volume, or null when the spacing gives no mL ({@link VoxelVolume})
 * @param centroidSlice the slice of its centre of mass, 1-based as Fiji numbers slices (0 when unknown)
 * @param firstSlice, lastSlice the slices it spans, 1-based (0 when unknown)
 */
public record ObjectUncertainty(int label, long voxels, double uncertainty, Double volumeMl, int centroidSlice, int firstSlice, int lastSlice) {

	/**
	 * Measures every object of an instance image against an uncertainty map.
	 *
	 * @param instances instance labels per plane ({@code z + slices * t}); 0 is background
	 * @param count the highest label
	 * @param map per-voxel uncertainty, same planes
	 */
	public static List<ObjectUncertainty> measure(int[][] instances, int count, float[][] map, int slices, VoxelVolume voxel) {
		double[] sum = new double[count + 1], zSum = new double[count + 1];
		long[] n = new long[count + 1];
		int[] first = new int[count + 1], last = new int[count + 1];
		java.util.Arrays.fill(first, Integer.MAX_VALUE);
		for (int p = 0; p < instances.length; p++) {
			int z = p % slices;
			for (int i = 0; i < instances[p].length; i++) {
				int l = instances[p][i];
				if (l <= 0 || l > count) continue;
				sum[l] += map[p][i];
				zSum[l] += z;
				n[l]++;
				first[l] = Math.min(first[l], z);
				last[l] = Math.max(last[l], z);
			}
		}
		List<ObjectUncertainty> out = new ArrayList<>();
		for (int l = 1; l <= count; l++) {
			if (n[l] == 0) continue;
			out.add(new ObjectUncertainty(l, n[l], Math.round(sum[l] / n[l] * 1e4) / 1e4, voxel.ml(n[l]), (int) Math.round(zSum[l] / n[l]) + 1,
				first[l] + 1, last[l] + 1));
		}
		return out;
	}

	/** Most uncertain first (ties: larger first, then by label). */
	public static List<ObjectUncertainty> mostUncertainFirst(List<ObjectUncertainty> objects) {
		return objects.stream().sorted(Comparator.comparingDouble(ObjectUncertainty::uncertainty).reversed()
			.thenComparing(Comparator.comparingLong(ObjectUncertainty::voxels).reversed()).thenComparingInt(ObjectUncertainty::label)).toList();
	}

	/** As stored: [{"label", "pixels", "uncertainty", "volumeMl", "centroidSlice", "firstSlice", "lastSlice"}, …], or null for no objects. */
	public static String toJson(List<ObjectUncertainty> objects) {
		if (objects.isEmpty()) return null;
		List<Map<String, Object>> out = new ArrayList<>();
		for (ObjectUncertainty o : objects) out.add(o.toMap());
		return new com.google.gson.GsonBuilder().serializeNulls().create().toJson(out);
	}

	/** For JSON output: the stored keys ("pixels" is the voxel count, kept under its first name). */
	public Map<String, Object> toMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("label", label);
		m.put("pixels", voxels);
		m.put("uncertainty", uncertainty);
		m.put("volumeMl", volumeMl == null ? null : new java.math.BigDecimal(volumeMl).round(new java.math.MathContext(9)).doubleValue());
		m.put("centroidSlice", centroidSlice);
		m.put("firstSlice", firstSlice);
		m.put("lastSlice", lastSlice);
		return m;
	}

	/** The stored JSON read back; empty for null (no objects). */
	public static List<ObjectUncertainty> parse(String json) {
		if (json == null || json.isBlank()) return List.of();
		List<ObjectUncertainty> out = new ArrayList<>();
		JsonArray array = JsonParser.parseString(json).getAsJsonArray();
		for (JsonElement e : array) {
			JsonObject o = e.getAsJsonObject();
			out.add(new ObjectUncertainty(o.get("label").getAsInt(), o.get("pixels").getAsLong(), o.get("uncertainty").getAsDouble(),
				o.has("volumeMl") && !o.get("volumeMl").isJsonNull() ? o.get("volumeMl").getAsDouble() : null, intOr0(o, "centroidSlice"),
				intOr0(o, "firstSlice"), intOr0(o, "lastSlice")));
		}
		return out;
	}

	private static int intOr0(JsonObject o, String key) {
		return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsInt() : 0;
	}
}
