package org.segloop.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.CorrectionIntake;
import org.segloop.core.loop.FineTuneJob;
import org.segloop.core.loop.Predictor;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.training.FineTuneResult;
import org.segloop.core.training.FineTuneSettings;
import org.segloop.core.training.FineTuner;
import org.segloop.core.util.Folders;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/** How long {@code segloop finetune} takes on a project with {@code corrections} corrected generated images of a given size. */
public final class FineTuneTiming {

	private FineTuneTiming() {}

	public static Map<String, Object> run(Path model, Path workDir, int corrections, int size, FineTuneSettings settings) throws IOException {
		Path dir = workDir.resolve("finetune-timing");
		Folders.deleteQuietly(dir);
		Files.createDirectories(dir);
		List<SyntheticCells.Written> written = SyntheticCells.write(SyntheticCells.pool(corrections, size, 0.2, corrections, 99), dir, "cells");
		try (ProjectStore p = ProjectSetup.init(dir.resolve("project"), model, written.stream().map(SyntheticCells.Written::file).toList(),
			ProjectSettings.defaults()))
		{
			Map<Long, LabelVolume> truth = SyntheticCells.byImageId(p, written, SyntheticCells.Sample::truth);
			new Predictor(p, RuntimeOptions.defaults()).run((d, t, r, pr) -> {}, ProgressListener.NONE, new Cancellation());
			for (int k = 0; k < corrections; k++) {
				ImageQueue.Lease lease = p.queue().next("timing").orElseThrow();
				new CorrectionIntake(p).accept(lease.imageId(), lease.token(), truth.get(lease.imageId()), null, 1.0);
			}
			long t0 = System.nanoTime();
			FineTuneJob.Outcome o = new FineTuneJob(p).run(settings, new FineTuner.Listener() {}, new Cancellation());
			double total = (System.nanoTime() - t0) / 1e9;
			FineTuneResult r = o.result();
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("corrections", corrections + " × " + size + "²");
			out.put("train / held-out images", r.trainImages() + " / " + r.validationImages());
			out.put("epochs run (best)", r.epochs() + " (" + r.bestEpoch() + ")");
			out.put("stop", r.stopReason());
			out.put("seconds per epoch (median)", median(r.history().stream().mapToDouble(FineTuneResult.Epoch::seconds).toArray()));
			out.put("training seconds", round(r.seconds()));
			out.put("finetune seconds (loading corrections + training + saving)", round(total));
			out.put("held-out Dice", String.format("%.4f -> %.4f", r.startDice(), r.heldOutDice()));
			return out;
		}
		finally {
			Folders.deleteQuietly(dir);
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
