package org.segloop.fiji;

import java.awt.Rectangle;
import java.awt.Robot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ProjectStore;

/**
 * Runs in a child JVM on an X display (Xvfb): a scientist's session with real windows — Annotate
 * Next, delete a ROI in the ROI Manager, draw an oval and add it, Accept — and prints what the
 * project stored, with screenshots saved for a person to look at.
 * Arguments: PROJECT SCREENSHOT_DIR.
 */
public final class GuiSessionMain {

	public static void main(String[] args) throws Exception {
		Path project = Path.of(args[0]), shots = Files.createDirectories(Path.of(args[1]));
		try (Context context = new Context(CommandService.class, SegLoopService.class, StatusService.class)) {
			CommandService commands = context.service(CommandService.class);
			commands.run(AnnotateNextCommand.class, true, "project", project.toFile(), "annotator", "ana").get();
			ImagePlus image = WindowManager.getCurrentImage();
			RoiManager rm = RoiManager.getInstance();
			System.out.println("SHOWN " + image.getTitle() + " " + rm.getCount());
			screenshot(shots.resolve("1-proposal.png"));
			rm.select(0);
			rm.runCommand("Delete");
			Roi drawn = new OvalRoi(20, 20, 14, 11);
			image.setRoi(drawn);
			rm.runCommand(image, "Add");
			image.deleteRoi();
			commands.run(ToggleUncertaintyCommand.class, true).get();
			screenshot(shots.resolve("2-corrected-with-uncertainty.png"));
			List<Roi> left = List.of(rm.getRoisAsArray());
			System.out.println("LEFT " + left.size());
			String message = (String) commands.run(AcceptCorrectionCommand.class, true, "next", false).get().getOutput("message");
			System.out.println("ACCEPTED " + message);
			context.service(SegLoopService.class).closeSession();
			try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
				Correction c = p.corrections().all().get(0);
				var record = p.images().byId(c.imageId()).orElseThrow();
				LabelVolume stored = LabelFiles.read(p.files().resolve(c.maskFile()), record, -1, "stored");
				LabelVolume drawnLabels = RoiLabels.toLabels(left, record.width(), record.height(), 1, 1, new double[] { 1, 1, 1 });
				System.out.println("MATCH " + java.util.Arrays.equals(stored.labels()[0], drawnLabels.labels()[0]));
			}
		}
		System.out.println("DONE");
		System.exit(0); // ImageJ's windows keep the AWT threads alive
	}

	private static void screenshot(Path file) throws Exception {
		Thread.sleep(300); // let the windows paint
		java.awt.Dimension screen = java.awt.Toolkit.getDefaultToolkit().getScreenSize();
		ImageIO.write(new Robot().createScreenCapture(new Rectangle(screen)), "png", file.toFile());
	}
}
