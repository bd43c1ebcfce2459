package org.segloop.core.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Runs Debian's nibabel (the reference NIfTI reader) on files through the committed nifti_check.py and returns what it saw. */
public final class Nibabel {

	/** What nibabel saw in one file. */
	public record Seen(int[] shape, String dtype, double[][] affine, double[][] sform, int sformCode, double[][] qform, int qformCode,
		double[] zooms, String spatialUnit, double[] values) {}

	private Nibabel() {}

	public static List<Seen> read(Path... files) throws IOException, InterruptedException {
		Path script;
		try {
			script = Path.of(Nibabel.class.getResource("nifti_check.py").toURI());
		}
		catch (URISyntaxException e) {
			throw new IOException(e);
		}
		List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
		for (Path f : files) cmd.add(f.toString());
		Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
		byte[] out = p.getInputStream().readAllBytes();
		String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(0, p.waitFor(), "nifti_check.py failed (python3-nibabel installed?): " + err);
		JsonObject root = JsonParser.parseString(new String(out, StandardCharsets.UTF_8)).getAsJsonObject();
		List<Seen> seen = new ArrayList<>();
		for (JsonElement e : root.getAsJsonArray("files")) {
			JsonObject o = e.getAsJsonObject();
			seen.add(new Seen(ints(o.getAsJsonArray("shape")), o.get("dtype").getAsString(), matrix(o.get("affine")), matrix(o.get("sform")),
				o.get("sform_code").getAsInt(), matrix(o.get("qform")), o.get("qform_code").getAsInt(), doubles(o.getAsJsonArray("zooms")),
				o.getAsJsonArray("xyzt_units").get(0).getAsString(), doubles(o.getAsJsonArray("values"))));
		}
		return seen;
	}

	private static int[] ints(JsonArray a) {
		int[] out = new int[a.size()];
		for (int i = 0; i < out.length; i++) out[i] = a.get(i).getAsInt();
		return out;
	}

	private static double[] doubles(JsonArray a) {
		double[] out = new double[a.size()];
		for (int i = 0; i < out.length; i++) out[i] = a.get(i).getAsDouble();
		return out;
	}

	private static double[][] matrix(JsonElement e) {
		if (e == null || e.isJsonNull()) return null;
		JsonArray rows = e.getAsJsonArray();
		double[][] m = new double[rows.size()][];
		for (int r = 0; r < m.length; r++) m[r] = doubles(rows.get(r).getAsJsonArray());
		return m;
	}

	/** Asserts two 4×4 affines agree element by element within {@code tolerance}. */
	public static void assertAffine(double[][] expected, double[][] actual, double tolerance, String what) {
		for (int r = 0; r < 4; r++)
			for (int c = 0; c < 4; c++)
				assertEquals(expected[r][c], actual[r][c], tolerance, what + ": element [" + r + "][" + c + "] of " + java.util.Arrays.deepToString(actual)
					+ " vs expected " + java.util.Arrays.deepToString(expected));
	}
}
