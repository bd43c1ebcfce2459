package org.segloop.fiji;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.ImageCanvas;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ProjectStore;
import org.segloop.fiji.imagej.CommandBridge;

/**
 * Runs in a child JVM on an X display: a project of a CT series opened by Annotate Next in ImageJ's
 * window, the proposal cleared from the ROI Manager, an oval drawn with the mouse on slice
 * {@code SLICE}, added to the ROI Manager, the lung window set by macro, the uncertainty laid over
 * the slice, and Accept; then prints what the project stored, plane by plane.
 * Arguments: PROJECT SCREENSHOT_DIR SLICE (1-based).
 */
public final class GuiDicomSessionMain {

	public static void main(String[] args) {
		try {
			session(Path.of(args[0]), Files.createDirectories(Path.of(args[1])), Integer.parseInt(args[2]));
			System.out.println("DONE");
		}
		catch (Throwable e) {
			e.printStackTrace(System.out);
		}
		System.exit(0); // ImageJ's windows keep the AWT threads alive
	}

	private static void session(Path project, Path shots, int slice) throws Exception {
		ImageJ ij = new ImageJ(ImageJ.NO_SHOW);
		Context context = new Context(CommandService.class, SegLoopService.class, StatusService.class, CommandErrorService.class);
		CommandBridge.install(context, ij);
		IJ.runMacro("run(\"Annotate Next\", \"project=[" + project + "] annotator=ana\");");
		ImagePlus image = WindowManager.getCurrentImage();
		var cal = image.getCalibration();
		System.out.println(String.format(Locale.ROOT, "STACK %d %.2f %.2f %s %s", image.getNSlices(), cal.pixelWidth, cal.pixelDepth, cal.getUnit(),
			cal.getValueUnit()));
		System.out.println(String.format(Locale.ROOT, "WINDOW OPENED %.1f %.1f", WindowPresets.current(image)[0], WindowPresets.current(image)[1]));
		RoiManager rm = RoiManager.getInstance();
		System.out.println("PROPOSED " + rm.getCount());
		rm.reset(); // the proposal goes: only what is drawn below is the correction
		IJ.runMacro("setSlice(" + slice + ");");
		System.out.println("SLICE LABEL " + image.getStack().getSliceLabel(image.getCurrentSlice()));
		// an oval drawn with the mouse on the canvas, as a user would
		IJ.setTool("oval");
		ImageCanvas canvas = image.getCanvas();
		java.awt.Point origin = canvas.getLocationOnScreen();
		Robot robot = new Robot();
		robot.setAutoDelay(20);
		robot.mouseMove(origin.x + canvas.screenX(12), origin.y + canvas.screenY(14));
		robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
		for (int step = 1; step <= 10; step++) robot.mouseMove(origin.x + canvas.screenX(12 + 2 * step), origin.y + canvas.screenY(14 + step * 3 / 2));
		robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
		robot.waitForIdle();
		Roi drawn = image.getRoi();
		System.out.println("DRAWN " + (drawn == null ? "none" : drawn.getTypeAsString() + " " + drawn.getStatistics().pixelCount));
		IJ.runMacro("roiManager(\"add\"); run(\"Select None\");");
		Roi added = rm.getRoi(0);
		System.out.println("ADDED position " + added.getPosition() + " z " + added.getZPosition());
		double huAt = image.getProcessor().getPixelValue(32, 30);
		IJ.runMacro("run(\"Window...\", \"preset=lung\");");
		System.out.println(String.format(Locale.ROOT, "WINDOW LUNG %.1f %.1f", WindowPresets.current(image)[0], WindowPresets.current(image)[1]));
		System.out.println("HU UNCHANGED " + (image.getProcessor().getPixelValue(32, 30) == huAt) + " " + huAt);
		IJ.runMacro("run(\"Toggle Uncertainty Overlay\");");
		long heat = java.util.Arrays.stream(image.getOverlay() == null ? new Roi[0] : image.getOverlay().toArray())
			.filter(r -> ImageOverlays.NAME.equals(r.getName())).count();
		System.out.println("HEAT PLANES " + heat);
		screenshot(shots.resolve("dicom-1-slice-" + slice + "-lung-window-heat.png"));
		IJ.runMacro("run(\"Accept Correction\", \" \");"); // " ": macro mode, 'next' unticked
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			Correction c = p.corrections().all().get(0);
			LabelVolume stored = LabelFiles.read(p.files().resolve(c.maskFile()), p.images().byId(c.imageId()).orElseThrow(), -1, "stored");
			List<String> planes = new ArrayList<>();
			for (int z = 0; z < stored.slices(); z++) {
				long n = java.util.Arrays.stream(stored.labels()[z]).filter(l -> l != 0).count();
				if (n > 0) planes.add((z + 1) + ":" + n);
			}
			System.out.println("STORED " + stored.slices() + " " + String.join(",", planes));
		}
		System.out.println("LOG [" + String.valueOf(IJ.getLog()).replace("\n", " | ") + "]");
	}

	private static void screenshot(Path file) throws Exception {
		Thread.sleep(300); // let the windows paint
		java.awt.Dimension screen = java.awt.Toolkit.getDefaultToolkit().getScreenSize();
		ImageIO.write(new Robot().createScreenCapture(new Rectangle(screen)), "png", file.toFile());
	}
}
