package org.segloop.core.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.inference.SegmentOptions;
import org.segloop.core.inference.SegmentationResult;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.inference.Segmenter;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.output.ProbabilityTiffSink;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/**
 * The inference benchmarks of README's performance section. Each case returns a flat map of
 * figures (seconds, ratios, MB) so the CLI can print a table or JSON. Timings are medians of
 * repeated runs after one warm-up run.
 */
public final class InferenceBenchmark {

	private final ModelPackage pkg;
	private final RuntimeOptions runtime;
	private final int repeats;

	public InferenceBenchmark(ModelPackage pkg, RuntimeOptions runtime, int repeats) {
		this.pkg = pkg;
		this.runtime = runtime;
		this.repeats = repeats;
	}

	/** (a) + (c): full segment versus a bare OrtSession.run over the same tiles; throughput. */
	public Map<String, Object> overhead(int size) throws OrtException {
		ImageVolume image = BenchImages.nuclei(size, size, 1, 1);
		Map<String, Object> m = new LinkedHashMap<>();
		try (SegmentationTool tool = new SegmentationTool(pkg, runtime, SegmentOptions.defaults())) {
			Segmenter.TilePlan plan = tool.plan(image);
			OrtSession session = tool.model().session();
			long n = Arrays.stream(plan.inputShape()).reduce(1, (a, b) -> a * b);
			FloatBuffer data = ByteBuffer.allocateDirect((int) n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
			for (int i = 0; i < n; i++) data.put(i, (float) Math.sin(i * 0.001));
			double[] seg = new double[repeats];
			double[] bare = new double[repeats];
			double[] segCpu = new double[repeats];
			double[] bareCpu = new double[repeats];
			SegmentationResult last = null;
			try (OnnxTensor input = OnnxTensor.createTensor(tool.model().environment(), data, plan.inputShape())) {
				Map<String, OnnxTensor> feed = Map.of(tool.model().inputName(), input);
				Set<String> outputs = Set.of(tool.model().outputName()); // the output segment reads
				tool.segment(image); // warm-up both paths
				try (OrtSession.Result r = session.run(feed, outputs)) { /* warm-up */ }
				// interleaved, so that drift in machine load affects both alike
				for (int i = 0; i < repeats; i++) {
					long c0 = processCpuNanos();
					long t0 = System.nanoTime();
					last = tool.segment(image);
					seg[i] = (System.nanoTime() - t0) / 1e9;
					segCpu[i] = (processCpuNanos() - c0) / 1e9;
					c0 = processCpuNanos();
					t0 = System.nanoTime();
					for (long k = 0; k < plan.tiles(); k++) try (OrtSession.Result r = session.run(feed, outputs)) { /* bare run */ }
					bare[i] = (System.nanoTime() - t0) / 1e9;
					bareCpu[i] = (processCpuNanos() - c0) / 1e9;
				}
			}
			double segMedian = median(seg), bareMedian = median(bare);
			double[] pairs = new double[repeats];
			for (int i = 0; i < repeats; i++) pairs[i] = seg[i] / bare[i];
			long tilePixels = n / Math.max(1, plan.inputShape()[1]);
			m.put("image", size + "x" + size + " uint16");
			m.put("tileShape", Arrays.toString(plan.inputShape()));
			m.put("tiles", plan.tiles());
			m.put("segmentMedianSeconds", round(segMedian));
			m.put("bareOrtMedianSeconds", round(bareMedian));
			// Load from elsewhere only ever adds time, so the fastest of several runs is the best
			// estimate of each path's own cost (as timeit does); the paired ratios show the spread.
			double segMin = Arrays.stream(seg).min().orElseThrow(), bareMin = Arrays.stream(bare).min().orElseThrow();
			m.put("segmentFastestSeconds", round(segMin));
			m.put("bareOrtFastestSeconds", round(bareMin));
			m.put("overheadRatio", round(segMin / bareMin));
			m.put("overheadRatioOfMedians", round(segMedian / bareMedian));
			// CPU seconds of the whole process (all ORT threads included) suffer less from other
			// machines' load on a shared host than wall time does
			m.put("cpuSecondsSegment", round(median(segCpu)));
			m.put("cpuSecondsBareOrt", round(median(bareCpu)));
			m.put("cpuOverheadRatio", round(median(segCpu) / median(bareCpu)));
			m.put("pairRatioRange", List.of(round(Arrays.stream(pairs).min().orElse(0)), round(Arrays.stream(pairs).max().orElse(0))));
			m.put("megapixelsPerSecond", round((double) size * size / 1e6 / segMedian));
			long flops = pkg.description().settings().flopsPerPixel();
			if (flops > 0) m.put("modelGflopsPerSecond", round(flops * (double) tilePixels * plan.tiles() / 1e9 / bareMedian));
			m.put("instances", last.instanceCount());
		}
		return m;
	}

	/** (b): one large image with probabilities streamed to disk; run inside a child JVM with -Xmx. */
	public Map<String, Object> large(int size, Path scratch) throws IOException {
		ImageVolume image = BenchImages.nuclei(size, size, 1, 2);
		Map<String, Object> m = new LinkedHashMap<>();
		Path prob = scratch.resolve("large_probabilities.tif");
		try (SegmentationTool tool = new SegmentationTool(pkg, runtime, SegmentOptions.defaults());
			ProbabilityTiffSink sink = new ProbabilityTiffSink(prob, ProbabilityTiffSink.Encoding.FLOAT32))
		{
			long t0 = System.nanoTime();
			SegmentationResult r = tool.segment(image, List.of(sink), ProgressListener.NONE, new Cancellation());
			double s = (System.nanoTime() - t0) / 1e9;
			m.put("image", size + "x" + size + " uint16");
			m.put("tiles", r.tiles());
			m.put("seconds", round(s));
			m.put("megapixelsPerSecond", round((double) size * size / 1e6 / s));
			m.put("instances", r.instanceCount());
			m.put("probabilityFileMB", Files.size(prob) >> 20);
		}
		finally {
			Files.deleteIfExists(prob);
		}
		m.put("maxHeapMB", Runtime.getRuntime().maxMemory() >> 20);
		m.put("peakHeapUsedMB", peakHeapMB());
		m.put("peakRssMB", peakRssMB());
		return m;
	}

	/** (d): a z-stack through a 2D model, slice by slice with one session. */
	public Map<String, Object> stack(int slices, int size) {
		ImageVolume image = BenchImages.nuclei(size, size, slices, 3);
		Map<String, Object> m = new LinkedHashMap<>();
		try (SegmentationTool tool = new SegmentationTool(pkg, runtime, SegmentOptions.defaults())) {
			long t0 = System.nanoTime();
			SegmentationResult r = tool.segment(image);
			double s = (System.nanoTime() - t0) / 1e9;
			m.put("image", slices + "x" + size + "x" + size + " uint16");
			m.put("tiles", r.tiles());
			m.put("seconds", round(s));
			m.put("megapixelsPerSecond", round((double) slices * size * size / 1e6 / s));
			m.put("instances", r.instanceCount());
		}
		return m;
	}

	/**
	 * Cost of test-time-augmentation scoring: one entropy pass (inference + scoring) against
	 * {@code tta} and {@code bald} with K augmentations, on one size×size image; medians.
	 */
	public Map<String, Object> testTimeAugmentation(int size, int augmentations) {
		return testTimeAugmentation(size, 1, augmentations);
	}

	/**
	 * As {@link #testTimeAugmentation(int, int)}; a 3D model scores a {@link CtPhantom} of
	 * size×size×depth (0.7 × 0.7 × 2.5 mm: z flips and in-plane turns, never z into the plane), and
	 * the figures add the memory one pass and the whole scoring hold (see
	 * {@code TestTimeAugmentationScorer}).
	 */
	public Map<String, Object> testTimeAugmentation(int size, int depth, int augmentations) {
		boolean volumetric = pkg.description().input().spatialAxes().size() == 3;
		ImageVolume image = volumetric ? CtPhantom.image(CtPhantom.generate(5, size, size, depth)) : BenchImages.nuclei(size, size, 1, 5);
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("image", volumetric ? size + "x" + size + "x" + depth + " CT (0.7 x 0.7 x 2.5 mm)" : size + "x" + size + " uint16");
		m.put("augmentations", augmentations);
		if (volumetric) {
			long voxels = (long) size * size * depth, classes = pkg.maskLabelNames().size();
			m.put("passes", org.segloop.core.uncertainty.VolumeAugmentation.allowedFor(image.calibration()).subList(0, augmentations).toString());
			m.put("megabytesPerPass", round((voxels * 2 + classes * voxels * 4) / 1e6)); // the turned copy (uint16) and its probabilities
			m.put("megabytesHeld", round((classes + 1) * voxels * 4 / 1e6)); // running mean and per-voxel entropy
		}
		var options = new org.segloop.core.uncertainty.Scorers.Options(0.05, augmentations);
		try (SegmentationTool tool = new SegmentationTool(pkg, runtime, SegmentOptions.defaults())) {
			double single = 0;
			for (String name : List.of("entropy", "tta", "bald")) {
				var scorer = org.segloop.core.uncertainty.Scorers.create(name, options);
				scorer.score(tool, image, org.segloop.core.work.ProgressListener.NONE, new org.segloop.core.work.Cancellation()); // warm-up
				double[] t = new double[Math.max(3, repeats / 3)];
				for (int i = 0; i < t.length; i++) {
					long t0 = System.nanoTime();
					scorer.score(tool, image, org.segloop.core.work.ProgressListener.NONE, new org.segloop.core.work.Cancellation());
					t[i] = (System.nanoTime() - t0) / 1e9;
				}
				double med = median(t);
				if (name.equals("entropy")) single = med;
				m.put(name + "Seconds", round(med));
				if (!name.equals("entropy")) m.put(name + "RelativeToOnePass", round(med / single));
			}
		}
		return m;
	}

	/** Runs {@link LargeImageMain} in a child JVM with the given heap limit and returns its figures. */
	public static Map<String, Object> largeInChildJvm(Path pkgPath, int size, String xmx, int threads) throws IOException, InterruptedException {
		Path scratch = Files.createTempDirectory("segloop-bench");
		List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + xmx,
			"-Djava.awt.headless=true", "-Dsegloop.cache=" + org.segloop.core.util.Folders.cacheRoot(), // natives unpacked once, there
			"-cp", System.getProperty("java.class.path"), LargeImageMain.class.getName(),
			pkgPath.toString(), String.valueOf(size), scratch.toString(), String.valueOf(threads)));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		StringBuilder out = new StringBuilder();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line; (line = r.readLine()) != null;) out.append(line).append('\n');
		}
		int code = p.waitFor();
		Files.deleteIfExists(scratch);
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("jvm", "-Xmx" + xmx);
		m.put("exitCode", code);
		String text = out.toString();
		int json = text.lastIndexOf("RESULT ");
		if (code == 0 && json >= 0) m.putAll(LargeImageMain.parse(text.substring(json + 7).trim()));
		else m.put("output", text.length() > 2000 ? text.substring(text.length() - 2000) : text);
		return m;
	}

	static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
			return os.getProcessCpuTime();
		return 0;
	}

	static long peakHeapMB() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) peak += pool.getPeakUsage().getUsed();
		return peak >> 20;
	}

	static long peakRssMB() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status")))
				if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
		}
		catch (IOException | RuntimeException e) {
			// not Linux: unknown
		}
		return -1;
	}

	static double median(double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	}

	static double round(double v) {
		return Math.round(v * 1000) / 1000.0;
	}
}
