package org.segloop.core.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.CorrectionIntake;
import org.segloop.core.loop.FineTuneJob;
import org.segloop.core.loop.Predictor;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.metrics.CorrectionMetrics;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.training.FineTuneResult;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.training.FineTuner;
import org.segloop.core.util.Folders;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/**
 * How long fine-tuning a 3D model takes on a project of {@code volumes} CT phantom series
 * ({@link CtPhantomSeries}), each corrected with its true classes: seconds from starting the job
 * to the recorded version, and the peak heap and resident memory while it ran. Blocking.
 */
public final class FineTune3dTiming {

	private FineTune3dTiming() {}

	public static Map<String, Object> run(Path model, Path workDir, int volumes, int size, int depth, FineTuneSettings settings) throws IOException {
		Path dir = workDir.resolve("finetune3d-timing");
		Folders.deleteQuietly(dir);
		Files.createDirectories(dir);
		try {
			List<Path> series = new ArrayList<>();
			for (int i = 0; i < volumes; i++) {
				Path folder = dir.resolve("ct").resolve("phantom_" + (200 + i));
				CtPhantomSeries.write(folder, 200 + i, size, size, depth, "B" + (200 + i));
				series.add(folder);
			}
			try (ProjectStore p = ProjectSetup.init(dir.resolve("project"), model, series, ProjectSettings.defaults())) {
				new Predictor(p, RuntimeOptions.defaults()).run((d, t, r, pr) -> {}, ProgressListener.NONE, new Cancellation());
				for (int k = 0; k < volumes; k++) {
					ImageQueue.Lease lease = p.queue().next("timing").orElseThrow();
					Path first = DicomSeries.load(p.images().byId(lease.imageId()).orElseThrow().path()).files().get(0);
					long seed = Long.parseLong(first.getParent().getFileName().toString().substring("phantom_".length()));
					new CorrectionIntake(p).accept(lease.imageId(), lease.token(), CtPhantom.generate(seed, size, size, depth).classVolume(),
						CorrectionMetrics.Kind.SEMANTIC, 1.0);
				}
				boolean rssReset = resetPeaks();
				long t0 = System.nanoTime();
				FineTuneJob.Outcome o = new FineTuneJob(p).run(settings, new FineTuner.Listener() {}, new Cancellation());
				double total = (System.nanoTime() - t0) / 1e9;
				FineTuneResult r = o.result();
				Map<String, Object> out = new LinkedHashMap<>();
				out.put("corrections", volumes + " × " + size + "×" + size + "×" + depth);
				out.put("crop (settings)", settings.cropDepth() + "×" + settings.cropSize() + "×" + settings.cropSize());
				out.put("train / held-out volumes", r.trainImages() + " / " + r.validationImages());
				out.put("epochs run (best)", r.epochs() + " (" + r.bestEpoch() + ")");
				out.put("stop", r.stopReason());
				out.put("seconds per epoch (median)", median(r.history().stream().mapToDouble(FineTuneResult.Epoch::seconds).toArray()));
				out.put("finetune seconds (loading corrections + training + saving)", round(total));
				out.put("version recorded", o.improved());
				out.put("held-out Dice", String.format("%.4f -> %.4f", r.startDice(), r.heldOutDice()));
				out.put("peakHeapMB", InferenceBenchmark.peakHeapMB());
				out.put(rssReset ? "peakRssMB" : "peakRssMB (whole run, incl. prediction)", InferenceBenchmark.peakRssMB());
				return out;
			}
		}
		finally {
			Folders.deleteQuietly(dir);
		}
	}

	/** Restarts the heap pools' and (on Linux) the resident set's high-water marks; false when the latter cannot be reset. */
	private static boolean resetPeaks() {
		System.gc();
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
		try {
			Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // resets VmHWM to the current RSS
			return true;
		}
		catch (IOException | RuntimeException e) {
			return false;
		}
	}

	private static double median(double[] v) {
		java.util.Arrays.sort(v);
		return v.length == 0 ? Double.NaN : round(v[v.length / 2]);
	}

	private static double round(double v) {
		return Math.round(v * 100) / 100.0;
	}
}
