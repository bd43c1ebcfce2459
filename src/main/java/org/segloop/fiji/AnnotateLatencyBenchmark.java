package org.segloop.fiji;

import java.awt.EventQueue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.segloop.core.image.ImageFinder;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.Predictor;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.util.Folders;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/**
 * Annotate Next latency: from the command to the proposal shown (image window and ROI Manager
 * filled when a display is present, else the image overlay), with and without prefetching, over a
 * project of the given images. Between images the "scientist" takes {@code thinkMs} and accepts
 * the proposal unchanged. Run: {@code ./segloop imagej --bench-annotate} (under xvfb-run on a
 * server).
 */
public final class AnnotateLatencyBenchmark {

	private AnnotateLatencyBenchmark() {}

	public static Map<String, Object> run(Path images, Path model, Path work, long thinkMs) throws IOException, java.lang.reflect.InvocationTargetException,
		InterruptedException
	{
		Folders.deleteQuietly(work);
		Path template = work.resolve("template");
		try (ProjectStore p = ProjectSetup.init(template, model, List.of(images), ProjectSettings.defaults())) {
			new Predictor(p, RuntimeOptions.defaults()).run((d, t, r, pr) -> {}, ProgressListener.NONE, new Cancellation());
		}
		boolean gui = !java.awt.GraphicsEnvironment.isHeadless();
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("view", gui ? "image window + ROI Manager" : "image overlay (headless)");
		out.put("thinkMs", thinkMs);
		for (boolean prefetch : new boolean[] { false, true }) {
			Path project = work.resolve(prefetch ? "prefetch" : "plain");
			Folders.copyTree(template, project);
			List<Double> ms = new ArrayList<>();
			AnnotationView view = gui ? new RoiManagerView() : new OverlayView();
			try (AnnotationSession session = AnnotationSession.open(project, "bench", prefetch)) {
				while (true) {
					long t0 = System.nanoTime();
					var proposal = session.next();
					if (proposal.isEmpty()) break;
					view.show(proposal.get());
					if (gui) EventQueue.invokeAndWait(() -> {}); // what show() queued for the screen has run
					ms.add((System.nanoTime() - t0) / 1e6);
					Thread.sleep(thinkMs);
					session.accept(view.rois());
				}
			}
			view.close();
			out.put(prefetch ? "withPrefetch" : "withoutPrefetch", summary(ms));
		}
		Folders.deleteQuietly(work);
		return out;
	}

	/** The first image is never prefetched (nothing was shown before it), so it is reported apart. */
	private static Map<String, Object> summary(List<Double> ms) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("images", ms.size());
		m.put("firstMs", round(ms.get(0)));
		double[] rest = ms.subList(1, ms.size()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
		if (rest.length > 0) {
			m.put("medianMs", round(rest[rest.length / 2]));
			m.put("p95Ms", round(rest[(int) Math.round(0.95 * (rest.length - 1))]));
			m.put("maxMs", round(rest[rest.length - 1]));
		}
		return m;
	}

	private static double round(double v) {
		return Math.round(v * 10) / 10.0;
	}
}
