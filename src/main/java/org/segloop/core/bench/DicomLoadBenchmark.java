package org.segloop.core.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;

import org.segloop.core.dicom.DicomInputs;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.util.Folders;

/**
 * Loading a CT volume (default 512 × 512 × 300) from a series of single-frame DICOM files through
 * the {@code dicom-series} source, against the same volume as one TIFF stack. Each load runs in a
 * child JVM of its own, so its peak heap is its own: the DICOM figure is scanning the folder into a
 * manifest (headers, hashes) and then reading the volume, as {@code init}/{@code add} and every
 * later read do. Blocking; writes both copies (about 2 × 150 MB) to a scratch folder it deletes.
 */
public final class DicomLoadBenchmark {

	private DicomLoadBenchmark() {}

	/** Child-JVM entry: {@code dicom FOLDER SERIESFOLDER} or {@code tiff FILE}; prints one line "RESULT {json}". */
	public static void main(String[] args) {
		Map<String, Object> m = new LinkedHashMap<>();
		long t0 = System.nanoTime();
		ImageVolume v;
		if (args[0].equals("dicom")) {
			Path manifest = DicomInputs.expand(List.of(Path.of(args[1])), Path.of(args[2])).images().get(0);
			long t1 = System.nanoTime();
			m.put("scanSeconds", round((t1 - t0) / 1e9));
			v = ImageSources.read(manifest);
			m.put("readSeconds", round((System.nanoTime() - t1) / 1e9));
		}
		else v = ImageSources.read(Path.of(args[1]));
		m.put("seconds", round((System.nanoTime() - t0) / 1e9));
		m.put("peakHeapMB", InferenceBenchmark.peakHeapMB());
		m.put("peakRssMB", InferenceBenchmark.peakRssMB());
		m.put("volume", v.width() + "×" + v.height() + "×" + v.slices());
		m.put("lastSliceCentre", v.reader(0, v.slices() - 1, 0).get(v.width() * (v.height() / 2) + v.width() / 2)); // stored value: the same file content either way
		System.out.println("RESULT " + new Gson().toJson(m));
	}

	/**
	 * Generates the volume, loads it {@code repeats} times each way in child JVMs with {@code -Xmx}
	 * {@code heap}, and reports the median seconds and the largest peak heap of each way.
	 */
	public static Map<String, Object> run(int size, int slices, String heap, int repeats) throws IOException, InterruptedException {
		Path scratch = Files.createTempDirectory("segloop-dicom-bench");
		try {
			long t0 = System.nanoTime();
			SyntheticCtSeries.writeDicom(scratch.resolve("dicom"), size, size, slices);
			SyntheticCtSeries.writeTiff(scratch.resolve("volume.tif"), size, size, slices);
			Map<String, Object> r = new LinkedHashMap<>();
			r.put("volume", size + "×" + size + "×" + slices + " (16-bit, " + (2L * size * size * slices >> 20) + " MB)");
			r.put("jvm", "-Xmx" + heap + ", one child JVM per load");
			r.put("generateSeconds", round((System.nanoTime() - t0) / 1e9));
			List<Map<String, Object>> dicom = new ArrayList<>(), tiff = new ArrayList<>();
			for (int i = 0; i < repeats; i++) {
				Path series = scratch.resolve("series" + i);
				dicom.add(child(heap, "dicom", scratch.resolve("dicom").toString(), series.toString()));
				tiff.add(child(heap, "tiff", scratch.resolve("volume.tif").toString()));
			}
			r.put("dicomSeries", summary(dicom, "scanSeconds", "readSeconds"));
			r.put("tiffStack", summary(tiff));
			return r;
		}
		finally {
			Folders.deleteQuietly(scratch);
		}
	}

	private static Map<String, Object> summary(List<Map<String, Object>> runs, String... parts) {
		Map<String, Object> s = new LinkedHashMap<>();
		for (Map<String, Object> run : runs)
			if (!run.containsKey("seconds")) return run; // a failed child: its output
		s.put("seconds", median(runs, "seconds"));
		for (String p : parts) s.put(p, median(runs, p));
		s.put("peakHeapMB", runs.stream().mapToDouble(r -> ((Number) r.get("peakHeapMB")).doubleValue()).max().orElse(0));
		s.put("peakRssMB", runs.stream().mapToDouble(r -> ((Number) r.get("peakRssMB")).doubleValue()).max().orElse(0));
		s.put("runs", runs.size());
		s.put("lastSliceCentre", runs.get(0).get("lastSliceCentre"));
		return s;
	}

	private static double median(List<Map<String, Object>> runs, String key) {
		double[] v = runs.stream().mapToDouble(r -> ((Number) r.get(key)).doubleValue()).sorted().toArray();
		return v[v.length / 2];
	}

	private static Map<String, Object> child(String heap, String... args) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
			"-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), DicomLoadBenchmark.class.getName()));
		cmd.addAll(List.of(args));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		StringBuilder out = new StringBuilder();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line; (line = r.readLine()) != null;) out.append(line).append('\n');
		}
		int code = p.waitFor();
		String text = out.toString();
		int json = text.lastIndexOf("RESULT ");
		if (code == 0 && json >= 0) return LargeImageMain.parse(text.substring(json + 7).trim());
		Map<String, Object> failed = new LinkedHashMap<>();
		failed.put("exitCode", code);
		failed.put("output", text.length() > 2000 ? text.substring(text.length() - 2000) : text);
		return failed;
	}

	private static double round(double seconds) {
		return Math.round(seconds * 100) / 100.0;
	}
}
