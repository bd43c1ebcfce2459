package org.segloop.core.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.Gson;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;

import org.segloop.core.dicom.DicomInputs;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.inference.SegmentOptions;
import org.segloop.core.inference.SegmentationResult;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.inference.Segmenter;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.util.Folders;

/**
 * "3D inference": a CT volume (default 512 × 512 × 300) through a 3D model package. The phantom is
 * streamed slice by slice into a DICOM series on disk, so the measuring JVM — a child with its own
 * {@code -Xmx} — never held it before it reads it as a user's series is read. In the child, after
 * a warm-up on a small series and one bare tile, the heap pools' peaks are reset; then the series is
 * scanned and read, and full {@code segment} runs (tiling, normalisation, blending, class mask,
 * lesion instances) alternate with bare {@code OrtSession.run}s of the same number of tiles of the
 * same shape through the same session, as the 2D overhead case does. Blocking; minutes at full size.
 */
public final class VolumeInferenceBenchmark {

	/** @param heap the child JVM's -Xmx, e.g. "4g" */
	public record Settings(int width, int height, int slices, int repeats, String heap, int threads) {}

	private VolumeInferenceBenchmark() {}

	/** Writes the series, runs the child JVM and returns its figures (or its output when it failed). */
	public static Map<String, Object> run(Path pkg, Settings s) throws IOException, InterruptedException {
		Path scratch = Files.createTempDirectory("segloop-volume-bench");
		try {
			long t0 = System.nanoTime();
			CtPhantomSeries.write(scratch.resolve("warmup"), 2, 64, 64, 16, "WARMUP");
			CtPhantomSeries.write(scratch.resolve("volume"), 1, s.width(), s.height(), s.slices(), "BENCH");
			double generate = (System.nanoTime() - t0) / 1e9;
			List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + s.heap(),
				"-Djava.awt.headless=true", "-Dsegloop.cache=" + Folders.cacheRoot(), "-cp", System.getProperty("java.class.path"),
				VolumeInferenceBenchmark.class.getName(), pkg.toAbsolutePath().toString(), scratch.toString(), String.valueOf(s.repeats()),
				String.valueOf(s.threads())));
			Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
			StringBuilder out = new StringBuilder();
			try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line; (line = r.readLine()) != null;) {
					out.append(line).append('\n');
					if (line.startsWith("progress ")) System.err.println("volume bench: " + line.substring(9)); // a long run shows where it is
				}
			}
			int code = p.waitFor();
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("volume", s.width() + "×" + s.height() + "×" + s.slices() + " CT phantom, DICOM series (" + (2L * s.width() * s.height() * s.slices() >> 20)
				+ " MB of 16-bit pixels)");
			m.put("jvm", "-Xmx" + s.heap() + ", child JVM");
			m.put("generateSeconds", InferenceBenchmark.round(generate));
			String text = out.toString();
			int json = text.lastIndexOf("RESULT ");
			if (code == 0 && json >= 0) m.putAll(LargeImageMain.parse(text.substring(json + 7).trim()));
			else {
				m.put("exitCode", code);
				m.put("output", text.length() > 2000 ? text.substring(text.length() - 2000) : text);
				throw new IOException("the measuring JVM failed (exit " + code + "): " + m.get("output"));
			}
			return m;
		}
		finally {
			Folders.deleteQuietly(scratch);
		}
	}

	/** Child-JVM entry: {@code PACKAGE SCRATCH REPEATS THREADS}; prints one line "RESULT {json}". */
	public static void main(String[] args) throws Exception {
		ModelPackage pkg = ModelPackage.open(Path.of(args[0]));
		Path scratch = Path.of(args[1]);
		int repeats = Integer.parseInt(args[2]);
		Map<String, Object> m = new LinkedHashMap<>();
		try (SegmentationTool tool = new SegmentationTool(pkg, RuntimeOptions.withThreads(Integer.parseInt(args[3])), SegmentOptions.defaults())) {
			tool.segment(read(scratch.resolve("warmup"), scratch.resolve("manifests-warmup")));
			System.gc();
			resetPeaks();
			long gc0 = gcMillis(), t0 = System.nanoTime();
			ImageVolume volume = read(scratch.resolve("volume"), scratch.resolve("manifests"));
			m.put("readSeconds", InferenceBenchmark.round((System.nanoTime() - t0) / 1e9));
			Segmenter.TilePlan plan = tool.plan(volume);
			OrtSession session = tool.model().session();
			long n = Arrays.stream(plan.inputShape()).reduce(1, (a, b) -> a * b);
			FloatBuffer data = ByteBuffer.allocateDirect((int) n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
			for (int i = 0; i < n; i++) data.put(i, (float) (0.5 + 0.4 * Math.sin(i * 0.001))); // in the model's normalised range
			double[] seg = new double[repeats], bare = new double[repeats];
			int instances = 0;
			try (OnnxTensor input = OnnxTensor.createTensor(tool.model().environment(), data, plan.inputShape())) {
				Map<String, OnnxTensor> feed = Map.of(tool.model().inputName(), input);
				Set<String> outputs = Set.of(tool.model().outputName());
				try (OrtSession.Result r = session.run(feed, outputs)) { /* the bare path's warm-up at this tile shape */ }
				// interleaved, so that drift in machine load affects both alike
				for (int i = 0; i < repeats; i++) {
					long s0 = System.nanoTime(), start = s0;
					int run = i + 1;
					SegmentationResult r = tool.segment(volume, List.of(), (done, total, name) -> {
						if (done % 4 == 0 || done == total) System.out.printf("progress segment %d: tile %d of %d, %.0f s%n", run, done, total, (System.nanoTime() - start) / 1e9);
					}, new org.segloop.core.work.Cancellation());
					seg[i] = (System.nanoTime() - s0) / 1e9;
					System.out.printf("progress segment %d: %.2f s%n", i + 1, seg[i]);
					instances = r.instanceCount();
					r = null; // not held while the bare runs go
					s0 = System.nanoTime();
					for (long k = 0; k < plan.tiles(); k++) try (OrtSession.Result x = session.run(feed, outputs)) { /* bare run */ }
					bare[i] = (System.nanoTime() - s0) / 1e9;
					System.out.printf("progress bare ORT %d: %.2f s (%d tiles)%n", i + 1, bare[i], plan.tiles());
				}
			}
			double segMin = Arrays.stream(seg).min().orElseThrow(), bareMin = Arrays.stream(bare).min().orElseThrow();
			m.put("tileShape", Arrays.toString(plan.inputShape()));
			m.put("tiles", plan.tiles());
			m.put("segmentFastestSeconds", InferenceBenchmark.round(segMin));
			m.put("segmentMedianSeconds", InferenceBenchmark.round(InferenceBenchmark.median(seg)));
			m.put("bareOrtFastestSeconds", InferenceBenchmark.round(bareMin));
			m.put("bareOrtMedianSeconds", InferenceBenchmark.round(InferenceBenchmark.median(bare)));
			m.put("overheadRatio", InferenceBenchmark.round(segMin / bareMin));
			m.put("overheadRatioOfMedians", InferenceBenchmark.round(InferenceBenchmark.median(seg) / InferenceBenchmark.median(bare)));
			m.put("segmentRuns", Arrays.stream(seg).map(InferenceBenchmark::round).boxed().toList());
			m.put("bareOrtRuns", Arrays.stream(bare).map(InferenceBenchmark::round).boxed().toList());
			m.put("megavoxelsPerSecond", InferenceBenchmark.round((double) volume.width() * volume.height() * volume.slices() / 1e6 / segMin));
			m.put("lesionInstances", instances);
			m.put("peakHeapUsedMB", peakHeapMB());
			m.put("gcSeconds", InferenceBenchmark.round((gcMillis() - gc0) / 1e3));
			m.put("maxHeapMB", Runtime.getRuntime().maxMemory() >> 20);
			m.put("peakRssMB", InferenceBenchmark.peakRssMB());
		}
		System.out.println("RESULT " + new Gson().toJson(m));
	}

	/** Scans the series folder into a manifest and reads it, as a project's image is read. */
	private static ImageVolume read(Path series, Path manifests) {
		return ImageSources.read(DicomInputs.expand(List.of(series), manifests).images().get(0));
	}

	private static void resetPeaks() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
	}

	/** Sum over the heap pools of each pool's peak since the reset: an upper bound of the heap in use at any one time. */
	private static long peakHeapMB() {
		return InferenceBenchmark.peakHeapMB();
	}

	private static long gcMillis() {
		long ms = 0;
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) ms += Math.max(0, gc.getCollectionTime());
		return ms;
	}
}
