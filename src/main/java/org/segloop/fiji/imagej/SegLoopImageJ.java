package org.segloop.fiji.imagej;

import ij.IJ;
import ij.ImageJ;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.segloop.fiji.CommandErrorService;
import org.segloop.fiji.SegLoopService;

/**
 * Starts ImageJ (ij.jar from Maven Central) with SegLoop's commands at the end of its Plugins menu,
 * for people without Fiji: {@code ./segloop imagej}. Installs the SegLoop toolset when it finds
 * {@code macros/toolsets/SegLoop.ijm} under {@code segloop.home} (set by the launcher script).
 */
public final class SegLoopImageJ {

	private SegLoopImageJ() {}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("--bench-annotate")) {
			benchAnnotate();
			return;
		}
		System.setProperty("java.awt.headless", "false");
		ImageJ ij = new ImageJ(ImageJ.STANDALONE);
		Context context = new Context(CommandService.class, SegLoopService.class, StatusService.class, CommandErrorService.class);
		int n = CommandBridge.install(context, ij);
		java.nio.file.Path toolset = java.nio.file.Path.of(System.getProperty("segloop.home", "."), "macros", "toolsets", "SegLoop.ijm");
		if (java.nio.file.Files.isRegularFile(toolset)) IJ.run("Install...", "install=[" + toolset.toAbsolutePath() + "]");
		IJ.showStatus("SegLoop: " + n + " commands in Plugins");
	}

	/** Annotate Next latency on the bundled samples (see {@link org.segloop.fiji.AnnotateLatencyBenchmark}). */
	private static void benchAnnotate() throws Exception {
		java.nio.file.Path home = java.nio.file.Path.of(System.getProperty("segloop.home", "."));
		java.nio.file.Path model = home.resolve("models/nuclei-unet2d");
		var result = org.segloop.fiji.AnnotateLatencyBenchmark.run(model.resolve("samples"), model, home.resolve("target/bench-annotate"), 500);
		System.out.println(new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(result));
		System.exit(0); // ImageJ's windows keep the AWT threads alive
	}
}
