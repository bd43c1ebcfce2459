package org.segloop.fiji;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.frame.RoiManager;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.uncertainty.SliceRanking;
import org.segloop.fiji.imagej.CommandBridge;

/**
 * Runs in a child JVM on an X display: a predicted CT phantom volume opened by Annotate Next in
 * ImageJ's window, stepped through by uncertainty (the command by macro, its key F4 pressed on the
 * image, the queue panel's slice list), the ROI Manager cleared and one oval each added on two key
 * slices, then Accept with interpolation; prints what was shown and what the project stored, slice
 * by slice. Arguments: PROJECT SCREENSHOT_DIR.
 */
public final class GuiCtCorrectionMain {

	public static void main(String[] args) {
		try {
			session(Path.of(args[0]), Files.createDirectories(Path.of(args[1])));
			System.out.println("DONE");
		}
		catch (Throwable e) {
			e.printStackTrace(System.out);
		}
		System.exit(0); // ImageJ's windows keep the AWT threads alive
	}

	private static void session(Path project, Path shots) throws Exception {
		ImageJ ij = new ImageJ(ImageJ.NO_SHOW);
		Context context = new Context(CommandService.class, SegLoopService.class, StatusService.class, CommandErrorService.class);
		System.out.println("COMMANDS " + CommandBridge.install(context, ij));
		SegLoopService segloop = context.service(SegLoopService.class);
		IJ.runMacro("run(\"Annotate Next\", \"project=[" + project + "] annotator=ana\");");
		ImagePlus image = WindowManager.getCurrentImage();
		List<SliceRanking.Slice> ranked = segloop.withSession(s -> s.current().orElseThrow().slices().ranked());
		StringBuilder order = new StringBuilder();
		for (SliceRanking.Slice s : ranked) order.append(s.slice() + 1).append(' ');
		System.out.println("RANKING " + order.toString().trim());
		System.out.println("OPENED " + image.getZ() + " of " + image.getNSlices());
		IJ.runMacro("run(\"Next Uncertain Slice\");");
		System.out.println("MACRO NEXT " + image.getZ());
		// the command's key, pressed on the image window as a user would
		image.getWindow().toFront();
		Robot robot = new Robot();
		robot.setAutoDelay(30);
		robot.mouseMove(image.getCanvas().getLocationOnScreen().x + 5, image.getCanvas().getLocationOnScreen().y + 5);
		robot.waitForIdle();
		int beforeKey = image.getZ();
		robot.keyPress(KeyEvent.VK_F4);
		robot.keyRelease(KeyEvent.VK_F4);
		for (int wait = 0; wait < 60 && image.getZ() == beforeKey; wait++) Thread.sleep(50);
		System.out.println("KEY F4 " + beforeKey + " -> " + image.getZ());
		IJ.runMacro("run(\"Previous Uncertain Slice\");");
		System.out.println("MACRO PREVIOUS " + image.getZ());
		// the queue panel lists the slices by uncertainty; choosing a row shows its slice
		javax.swing.SwingUtilities.invokeAndWait(segloop::showPanel);
		QueuePanel panel = segloop.panel().orElseThrow();
		panel.refresh();
		panel.awaitIdle();
		List<String> rows = panel.sliceRows();
		System.out.println("PANEL SLICES " + rows.size() + " FIRST " + rows.get(0).split(" ")[0] + " MARKED " + panel.markedSliceRow());
		panel.chooseSlice(5);
		panel.awaitIdle();
		panel.awaitIdle(); // the click's work, then its refresh
		System.out.println("PANEL CHOSE " + rows.get(5).split(" ")[0] + " SHOWN " + image.getZ() + " MARKED " + panel.markedSliceRow());
		screenshot(shots.resolve("ct-1-slice-list.png"));
		// two key slices edited: their proposal goes (the other slices keep theirs), an oval is added on each of slices 5 and 9
		RoiManager rm = RoiManager.getInstance();
		List<ij.gui.Roi> untouched = new ArrayList<>();
		for (ij.gui.Roi roi : rm.getRoisAsArray()) {
			int z = roi.getZPosition() > 0 ? roi.getZPosition() : roi.getPosition();
			if (z != 5 && z != 9) untouched.add(roi);
		}
		rm.reset();
		for (ij.gui.Roi roi : untouched) rm.addRoi(roi);
		int kept = untouched.size();
		IJ.runMacro("setSlice(5); makeOval(20, 20, 16, 12); roiManager(\"add\"); setSlice(9); makeOval(24, 22, 16, 12); roiManager(\"add\"); run(\"Select None\");");
		System.out.println("KEY SLICES " + rm.getRoi(kept).getZPosition() + "," + rm.getRoi(kept + 1).getZPosition() + " pixels "
			+ rm.getRoi(kept).getStatistics().pixelCount + "," + rm.getRoi(kept + 1).getStatistics().pixelCount);
		screenshot(shots.resolve("ct-2-key-slice.png"));
		IJ.runMacro("run(\"Accept Correction\", \"interpolate\");"); // 'next' left out: the accepted volume closes
		// the completed volume exported from the panel, as DICOM SEG and as NIfTI
		for (String format : new String[] { "dicom-seg", "nifti" }) {
			Path out = shots.resolveSibling("gui-ct-export-" + format);
			org.segloop.core.util.Folders.deleteQuietly(out);
			panel.export(out, format);
			panel.awaitIdle();
			System.out.println("EXPORT " + format + " " + panel.message());
		}
		javax.swing.SwingUtilities.invokeAndWait(panel::dispose);
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			Correction c = p.corrections().all().get(0);
			LabelVolume stored = LabelFiles.read(p.files().resolve(c.maskFile()), p.images().byId(c.imageId()).orElseThrow(), -1, "stored");
			// the class at the ovals' centre, slice by slice (1-based), and whether the slices outside 5–9 are the proposal's exactly
			List<String> centre = new ArrayList<>();
			for (int z = 0; z < stored.slices(); z++) centre.add(Integer.toString(stored.labels()[z][27 * 64 + 29]));
			var record = p.images().byId(c.imageId()).orElseThrow();
			LabelVolume proposed = LabelFiles.read(p.files().resolve(p.predictions().byId(c.predictionId()).orElseThrow().classesFile()), record, -1, "proposal");
			boolean keptAsProposed = true;
			for (int z = 0; z < stored.slices(); z++)
				if (z < 4 || z > 8) keptAsProposed &= java.util.Arrays.equals(proposed.labels()[z], stored.labels()[z]);
			long voxels = java.util.Arrays.stream(stored.labels()).flatMapToInt(java.util.Arrays::stream).filter(v -> v == 2).count();
			Path niftiLabels;
			// the one corrected image lands in train or test, as the export's stable split puts it
			try (var files = Files.walk(shots.resolveSibling("gui-ct-export-nifti"))) {
				niftiLabels = files.filter(f -> f.getParent().getFileName().toString().equals("labels") && f.toString().endsWith(".nii.gz")).findFirst()
					.orElseThrow();
			}
			var nifti = org.segloop.core.nifti.NiftiReader.read(niftiLabels);
			long niftiVoxels = 0;
			for (long i = 0; i < (long) nifti.nx() * nifti.ny() * nifti.nz(); i++) if (nifti.value(i) == 2) niftiVoxels++;
			System.out.println("LESION VOXELS stored " + voxels + " nifti " + niftiVoxels);
			System.out.println("STORED " + c.kind() + " " + stored.slices() + " centre " + String.join("", centre) + " kept as proposed " + keptAsProposed);
			System.out.println("ROLES edited " + java.util.Arrays.toString(c.roles().edited()) + " interpolated " + java.util.Arrays.toString(c.roles().interpolated())
				+ " kept " + c.roles().kept().length);
		}
		System.out.println("LOG [" + String.valueOf(IJ.getLog()).replace("\n", " | ") + "]");
	}

	private static void screenshot(Path file) throws Exception {
		Thread.sleep(300); // let the windows paint
		java.awt.Dimension screen = java.awt.Toolkit.getDefaultToolkit().getScreenSize();
		ImageIO.write(new Robot().createScreenCapture(new Rectangle(screen)), "png", file.toFile());
	}
}
