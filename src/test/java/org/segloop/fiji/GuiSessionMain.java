package org.segloop.fiji;

import java.awt.Rectangle;
import java.awt.Robot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.plugin.MacroInstaller;
import ij.plugin.frame.RoiManager;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.QueueStatus;
import org.segloop.fiji.imagej.CommandBridge;

/**
 * Runs in a child JVM on an X display (Xvfb): ImageJ with SegLoop's commands in its menu, and a
 * scientist's session as macro calls — Annotate Next, delete a ROI in the ROI Manager, draw an oval
 * and add it, show the uncertainty, Accept — then prints what the project stored; screenshots are
 * saved for a person to look at.
 * Arguments: PROJECT SCREENSHOT_DIR.
 */
public final class GuiSessionMain {

	public static void main(String[] args) {
		try {
			session(args);
			System.out.println("DONE");
		}
		catch (Throwable e) {
			e.printStackTrace(System.out);
		}
		System.exit(0); // ImageJ's windows keep the AWT threads alive
	}

	private static void session(String[] args) throws Exception {
		Path project = Path.of(args[0]), shots = Files.createDirectories(Path.of(args[1]));
		ImageJ ij = new ImageJ(ImageJ.NO_SHOW);
		Context context = new Context(CommandService.class, SegLoopService.class, StatusService.class);
		System.out.println("INSTALLED " + CommandBridge.install(context, ij));
		// the scientist's session, as macro calls (what the toolset's buttons run)
		IJ.runMacro("run(\"Annotate Next\", \"project=[" + project + "] annotator=ana\");");
		ImagePlus image = WindowManager.getCurrentImage();
		RoiManager rm = RoiManager.getInstance();
		System.out.println("SHOWN " + image.getTitle() + " " + rm.getCount());
		screenshot(shots.resolve("1-proposal.png"));
		IJ.runMacro("roiManager(\"select\", 0); roiManager(\"delete\"); makeOval(20, 20, 14, 11); roiManager(\"add\"); run(\"Select None\");"
			+ " run(\"Toggle Uncertainty Overlay\");");
		screenshot(shots.resolve("2-corrected-with-uncertainty.png"));
		List<Roi> left = List.of(rm.getRoisAsArray());
		System.out.println("LEFT " + left.size());
		IJ.runMacro("run(\"Accept Correction\", \"next\");"); // the next image opens
		// image 2: a stroke with ImageJ's brush selection tool, by the mouse, added to the ROI Manager
		ImagePlus second = WindowManager.getCurrentImage();
		IJ.setTool("brush");
		java.awt.Point origin = second.getCanvas().getLocationOnScreen();
		Robot robot = new Robot();
		robot.setAutoDelay(15);
		robot.mouseMove(origin.x + 200, origin.y + 300);
		robot.mousePress(java.awt.event.InputEvent.BUTTON1_DOWN_MASK);
		for (int x = 200; x <= 260; x += 4) robot.mouseMove(origin.x + x, origin.y + 300 + (x - 200) / 3);
		robot.mouseRelease(java.awt.event.InputEvent.BUTTON1_DOWN_MASK);
		robot.waitForIdle();
		Roi brush = second.getRoi();
		System.out.println("BRUSH " + (brush == null ? "none" : brush.getTypeAsString() + " " + brush.getStatistics().pixelCount));
		rm.runCommand(second, "Add");
		second.deleteRoi();
		screenshot(shots.resolve("2b-brush-stroke.png"));
		List<Roi> leftSecond = List.of(rm.getRoisAsArray());
		IJ.runMacro("run(\"Accept Correction\", \" \");"); // " ": macro mode, 'next' unticked
		IJ.runMacro("run(\"Queue Panel\", \"project=[" + project + "] annotator=ana\");");
		QueuePanel panel = context.service(SegLoopService.class).panel().orElseThrow();
		panel.awaitIdle(); // the panel reads the queue on the session thread: wait for it, not for a fixed time
		System.out.println("PANEL ROWS " + panel.rowCount());
		screenshot(shots.resolve("3-queue-panel.png"));
		panel.predict(); // nothing new to predict: the path runs and reports
		panel.awaitIdle();
		System.out.println("PANEL PREDICT " + panel.message());
		Path exported = shots.resolveSibling("gui-export");
		org.segloop.core.util.Folders.deleteQuietly(exported);
		panel.export(exported, "tiff");
		panel.awaitIdle();
		System.out.println("PANEL EXPORT " + panel.message() + " " + Files.isRegularFile(exported.resolve("provenance.json")));
		javax.swing.SwingUtilities.invokeAndWait(panel::dispose); // Swing on the EDT
		// the toolset: its five key macros install, and F8 toggles the heat over the image being annotated
		IJ.runMacro("run(\"Annotate Next\", \"project=[" + project + "] annotator=ana\");");
		MacroInstaller toolset = new MacroInstaller();
		int keys = toolset.install(Files.readString(Path.of("macros", "toolsets", "SegLoop.ijm")));
		int before = WindowManager.getCurrentImage().getOverlay() == null ? 0 : WindowManager.getCurrentImage().getOverlay().size();
		toolset.runMacro("Toggle Uncertainty Overlay [F8]"); // runs on a thread of its own, as a key press would
		ImagePlus shown = WindowManager.getCurrentImage();
		for (int wait = 0; wait < 100 && (shown.getOverlay() == null || shown.getOverlay().size() == before); wait++) Thread.sleep(50);
		int after = shown.getOverlay() == null ? 0 : shown.getOverlay().size();
		System.out.println("TOOLSET KEYS " + keys + " F8 " + (after - before));
		// the rest of the queue through the example macro (a scripted session)
		IJ.runMacroFile(Path.of("macros", "examples", "correction_session.ijm").toAbsolutePath().toString(),
			"project=[" + project + "] annotator=ana min=30 finetune=100"); // ana holds image 3 since the toolset check; fine-tuning is not due
		// the Fine-tune Model command through the plain-ImageJ bridge (not due: the macro goes on)
		IJ.runMacro("run(\"Fine-tune Model\", \"project=[" + project + "] annotator=ana every=100\"); print(\"FINETUNE MACRO DONE\");");
		System.out.println("FINETUNE " + String.valueOf(IJ.getLog()).contains("FINETUNE MACRO DONE"));
		context.service(SegLoopService.class).closeSession();
		// a failing command stops a macro with the reason in the Log (no dialog to hang a batch run)
		IJ.runMacro("run(\"Accept Correction\", \" \"); print(\"NOT REACHED\");");
		String log = String.valueOf(IJ.getLog());
		System.out.println("MACRO ERROR " + (log.contains("SegLoop: no SegLoop project is open") && !log.contains("NOT REACHED")) + " [" + log.replace("\n", " | ") + "]");
		// a command whose choices come from a registry (a DynamicCommand) runs through the bridge, and the macro waits for it
		Path export = Files.createTempDirectory("bridge-export").resolve("coco");
		IJ.runMacro("run(\"Export...\", \"project=[" + project + "] format=coco out=[" + export + "] split=1,0,0 seed=1\"); print(\"EXPORT MACRO DONE\");");
		System.out.println("BRIDGE EXPORT " + (Files.isDirectory(export.resolve("annotations")) && String.valueOf(IJ.getLog()).contains("EXPORT MACRO DONE")));
		// an unknown name in a macro: the reason in the Log, no exception window, and the macro stops
		IJ.runMacro("run(\"Export...\", \"project=[" + project + "] format=yolo out=[" + export.resolveSibling("yolo") + "]\"); print(\"YOLO REACHED\");");
		log = String.valueOf(IJ.getLog());
		System.out.println("BRIDGE UNKNOWN " + (log.contains("SegLoop: unknown export format 'yolo'") && !log.contains("YOLO REACHED")
			&& java.util.Arrays.stream(java.awt.Window.getWindows()).noneMatch(w -> w.isShowing() && w instanceof java.awt.Frame f && "Exception".equals(f.getTitle()))));
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			System.out.println("CORRECTIONS " + p.corrections().all().size() + " " + QueueStatus.byStoredValue(p.queue().counts()));
			for (int i = 0; i < 2; i++) {
				Correction c = p.corrections().all().get(i);
				var record = p.images().byId(c.imageId()).orElseThrow();
				LabelVolume stored = LabelFiles.read(p.files().resolve(c.maskFile()), record, -1, "stored");
				LabelVolume drawnLabels = RoiLabels.toLabels(i == 0 ? left : leftSecond, record.width(), record.height(), 1, 1, new double[] { 1, 1, 1 });
				System.out.println("MATCH " + (i + 1) + " " + java.util.Arrays.equals(stored.labels()[0], drawnLabels.labels()[0]));
			}
		}
	}

	private static void screenshot(Path file) throws Exception {
		Thread.sleep(300); // let the windows paint
		java.awt.Dimension screen = java.awt.Toolkit.getDefaultToolkit().getScreenSize();
		ImageIO.write(new Robot().createScreenCapture(new Rectangle(screen)), "png", file.toFile());
	}
}
