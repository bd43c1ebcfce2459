package org.segloop.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.segloop.core.image.ImageReader;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.Cancellation;
import org.segloop.core.inference.ModelCheck;
import org.segloop.core.inference.OnnxModel;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.inference.SegmentOptions;
import org.segloop.core.inference.SegmentationResult;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.output.PreviewWriter;
import org.segloop.core.output.SegmentationFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
	description = "Check the bundled model, segment the bundled sample images and write masks and preview PNGs.")
final class DemoCommand implements Callable<Integer> {

	@Option(names = "--model", defaultValue = "models/nuclei-unet2d", description = "model package (default: ${DEFAULT-VALUE})")
	Path model;

	@Option(names = "--images", description = "images folder (default: the package's samples/)")
	Path images;

	@Option(names = "--out", defaultValue = "target/demo", description = "output folder (default: ${DEFAULT-VALUE})")
	Path out;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws Exception {
		var o = spec.commandLine().getOut();
		ModelPackage pkg = ModelPackage.open(model);
		try (OnnxModel m = OnnxModel.load(pkg, RuntimeOptions.defaults())) {
			ModelCheck.Report r = ModelCheck.run(m, 1e-4);
			o.printf("model %s: test tensors reproduced, max abs error %.2g (%s)%n", pkg.name(), r.maxAbsError(), r.passed() ? "ok" : "FAILED");
		}
		Path folder = images != null ? images : pkg.description().root().resolve("samples");
		List<Path> files = SegmentCommand.expand(List.of(folder));
		Files.createDirectories(out);
		try (SegmentationTool tool = new SegmentationTool(pkg, RuntimeOptions.defaults(), SegmentOptions.defaults())) {
			for (Path f : files) {
				ImageVolume image = ImageReader.read(f);
				SegmentationResult r = tool.segment(image, List.of(), org.segloop.core.inference.ProgressListener.NONE, new Cancellation());
				SegmentationFiles.write(r, out);
				Path preview = PreviewWriter.write(image, r, out);
				o.printf("%-16s %4d×%-4d×%-2d %3d instances  %.2f s  → %s%n", image.name(), image.width(), image.height(), image.slices(),
					r.instanceCount(), r.seconds(), preview);
			}
		}
		o.printf("masks and previews in %s%n", out.toAbsolutePath());
		return Main.OK;
	}

}
