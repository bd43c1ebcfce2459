package org.segloop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.SegLoopException;
import org.segloop.core.image.ImageFinder;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.Preprocessor.NonFinitePolicy;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.inference.SegmentOptions;
import org.segloop.core.inference.SegmentationResult;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.output.ProbabilityTiffSink;
import org.segloop.core.output.SegmentationFiles;
import org.segloop.core.work.Cancellation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "segment", mixinStandardHelpOptions = true,
	description = "Segment images (files or folders) and write NAME_classes.tif, NAME_instances.tif and NAME_probabilities.tif.")
final class SegmentCommand implements Callable<Integer> {


	enum ProbabilityOutput { float32, uint8, none }

	@Parameters(index = "0", paramLabel = "PACKAGE", description = "model package folder, .zip or rdf.yaml")
	Path modelPath;

	@Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "image files or folders of images")
	List<Path> images;

	@Option(names = "--out", required = true, description = "output folder (created if needed)")
	Path out;

	@Option(names = "--tile", defaultValue = "512", description = "preferred tile size in x and y (default: ${DEFAULT-VALUE})")
	int tile;

	@Option(names = "--tile-z", defaultValue = "32", description = "preferred tile depth for 3D models (default: ${DEFAULT-VALUE})")
	int tileZ;

	@Option(names = "--overlap", defaultValue = "16", description = "blended overlap between tiles (default: ${DEFAULT-VALUE})")
	int overlap;

	@Option(names = "--threads", description = "ONNX Runtime threads (default: all cores)")
	Integer threads;

	@Option(names = "--probabilities", defaultValue = "float32", description = "probability output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
	ProbabilityOutput probabilities;

	enum NonFinite { fail, zero }

	@Option(names = "--non-finite", defaultValue = "fail", description = "NaN/Inf pixels: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
	NonFinite nonFinite;

	@Option(names = "--no-instances", description = "skip instance labels")
	boolean noInstances;

	@Option(names = "--json", description = "print results as JSON")
	boolean json;

	@Option(names = "--quiet", description = "no progress bar")
	boolean quiet;

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		ModelPackage pkg = ModelPackage.open(modelPath);
		SegmentOptions options = new SegmentOptions(tile, tileZ, overlap,
			nonFinite == NonFinite.zero ? NonFinitePolicy.ZERO : NonFinitePolicy.FAIL, !noInstances);
		RuntimeOptions runtime = RuntimeOptions.withThreads(threads);
		List<Path> files = ImageFinder.expand(images);
		Map<Path, String> names = SegmentationFiles.outputNames(files);
		Files.createDirectories(out);
		var stdout = spec.commandLine().getOut();
		var stderr = spec.commandLine().getErr();
		ConsoleProgress progress = new ConsoleProgress(stderr, quiet || json);
		List<Map<String, Object>> results = new ArrayList<>();
		int failures = 0;
		Cancellation cancel = new Cancellation();
		InterruptHandler onCtrlC = InterruptHandler.install(cancel);
		try (SegmentationTool tool = new SegmentationTool(pkg, runtime, options)) {
			for (Path file : files) {
				try {
					ImageVolume image = ImageSources.read(file); // a DICOM file through dicom-series
					progress.startItem();
					SegmentationResult r;
					Path probFile = SegmentationFiles.probabilitiesFile(out, names.get(file));
					if (probabilities == ProbabilityOutput.none) r = tool.segment(image, List.of(), progress, cancel);
					else try (ProbabilityTiffSink sink = new ProbabilityTiffSink(probFile,
						probabilities == ProbabilityOutput.float32 ? ProbabilityTiffSink.Encoding.FLOAT32 : ProbabilityTiffSink.Encoding.UINT8))
					{
						r = tool.segment(image, List.of(sink), progress, cancel);
					}
					SegmentationFiles.Written written = SegmentationFiles.write(r, out, names.get(file));
					Map<String, Object> row = summary(file, image, r, written, probabilities == ProbabilityOutput.none ? null : probFile);
					results.add(row);
					if (!json) stdout.println(describe(row, r));
				}
				catch (SegLoopException e) {
					failures++;
					stderr.println("error: " + CommandHints.message(e));
					if (json) results.add(Map.of("image", file.toString(), "error", CommandHints.message(e)));
				}
			}
		}
		finally {
			onCtrlC.close();
		}
		if (json) stdout.println(Json.GSON.toJson(Map.of("model", pkg.name(), "images", results)));
		else stdout.printf("%d image(s) segmented, %d failed; results in %s%n", files.size() - failures, failures, out);
		return failures == 0 ? Main.OK : Main.USER_ERROR;
	}

	private static Map<String, Object> summary(Path file, ImageVolume image, SegmentationResult r, SegmentationFiles.Written w, Path prob) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("image", file.toString());
		row.put("size", List.of(image.width(), image.height(), image.channels(), image.slices(), image.frames()));
		row.put("tiles", r.tiles());
		row.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
		long[] hist = r.classHistogram();
		long total = image.voxelCount() / image.channels();
		Map<String, Double> fractions = new LinkedHashMap<>();
		for (int c = 0; c < r.geometry().classes(); c++) fractions.put(r.geometry().classNames().get(c), hist[c] / (double) total);
		row.put("classFractions", fractions);
		row.put("instances", r.instanceCount());
		row.put("classes", w.classes().toString());
		if (w.instances() != null) row.put("instanceLabels", w.instances().toString());
		if (prob != null) row.put("probabilities", prob.toString());
		return row;
	}

	private static String describe(Map<String, Object> row, SegmentationResult r) {
		StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s: %s, %d tiles, %.2f s;", r.geometry().imageName(),
			row.get("size").toString().replace(", ", "×").replace("[", "").replace("]", ""), r.tiles(), r.seconds()));
		@SuppressWarnings("unchecked")
		Map<String, Double> fractions = (Map<String, Double>) row.get("classFractions");
		fractions.forEach((k, v) -> s.append(String.format(Locale.ROOT, " %s %.1f%%", k, 100 * v)));
		if (r.instances() != null) s.append("; ").append(r.instanceCount()).append(" instances");
		return s.toString();
	}
}
