package org.segloop.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.OvalRoi;
import ij.gui.Roi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.scijava.log.LogLevel;
import org.scijava.log.LogService;
import org.scijava.module.ModuleService;
import org.segloop.core.SegLoopException;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.Projects;

/** Annotating a DICOM series in Fiji: the stack, ROIs per slice, the overlays per slice, the Window command, New Project on DICOM folders. */
class DicomProjectInFijiTest {

	@TempDir
	Path dir;

	/** Planes (0-based) of a stored label volume that hold {@code label}. */
	private static List<Integer> planesWith(LabelVolume v, int label) {
		List<Integer> out = new ArrayList<>();
		for (int p = 0; p < v.labels().length; p++)
			for (int l : v.labels()[p])
				if (l == label) {
					out.add(p);
					break;
				}
		return out;
	}

	@Test
	void aRoiDrawnOnOneSliceOfASeriesIsStoredOnThatSliceOnly() throws IOException {
		Path project = CtProjects.predicted(dir, CtProjects.disks("1.2.826.0.1.3680043.9.7.31", 6));
		try (AnnotationSession session = AnnotationSession.open(project, "ana", false)) {
			AnnotationSession.Proposal p = session.next().orElseThrow();
			ImagePlus image = p.image();
			assertEquals(6, image.getNSlices());
			assertEquals("mm", image.getCalibration().getUnit());
			assertEquals("HU", image.getCalibration().getValueUnit());
			assertTrue(p.rois().stream().allMatch(r -> r.getZPosition() >= 1 && r.getZPosition() <= 6), "every proposed ROI on its slice");
			// as the ROI Manager adds a selection drawn on slice 4 of a plain stack, and as a hyperstack position
			Roi plain = new OvalRoi(4, 4, 9, 7);
			plain.setPosition(4);
			Roi hyper = new OvalRoi(40, 44, 8, 8);
			hyper.setPosition(0, 2, 1);
			Correction c = session.accept(List.of(plain, hyper));
			LabelVolume stored = LabelFiles.read(session.store().files().resolve(c.maskFile()), p.record(), -1, "correction");
			assertEquals(6, stored.slices());
			assertEquals(List.of(3), planesWith(stored, 1), "the ROI drawn on slice 4 is on plane 4 only");
			assertEquals(List.of(1), planesWith(stored, 2), "the ROI on slice 2 is on plane 2 only");
			assertEquals(9 * 7 - 4 * 2, java.util.Arrays.stream(stored.labels()[3]).filter(l -> l == 1).count(), 12, "about the oval's area");
		}
	}

	@Test
	void aPaintedLabelImageOfASeriesKeepsItsLabelsNotHounsfieldValues() throws IOException {
		Path project = CtProjects.predicted(dir, CtProjects.disks("1.2.826.0.1.3680043.9.7.32", 4));
		try (AnnotationSession session = AnnotationSession.open(project, "ana", false)) {
			AnnotationSession.Proposal p = session.next().orElseThrow();
			Roi r = new OvalRoi(10, 10, 6, 6);
			r.setPosition(3);
			ImagePlus labels = session.labelImage(List.of(r));
			assertEquals(0.7, labels.getCalibration().pixelWidth, 1e-9, "the series' voxel size");
			assertFalse(labels.getCalibration().calibrated(), "labels are not calibrated to HU");
			Correction c = session.acceptLabelImage();
			LabelVolume stored = LabelFiles.read(session.store().files().resolve(c.maskFile()), p.record(), -1, "correction");
			assertEquals(List.of(2), planesWith(stored, 1));
			assertEquals(1, stored.max());
		}
	}

	@Test
	void theUncertaintyOverlayShowsEachSlicesOwnMapOnThatSlice() throws IOException {
		Path project = CtProjects.predicted(dir, CtProjects.disks("1.2.826.0.1.3680043.9.7.33", 5));
		try (AnnotationSession session = AnnotationSession.open(project, "ana", false)) {
			AnnotationSession.Proposal p = session.next().orElseThrow();
			OverlayView view = new OverlayView();
			view.show(p);
			view.toggleUncertainty();
			List<ImageRoi> heat = new ArrayList<>();
			for (Roi r : p.image().getOverlay().toArray()) if (r instanceof ImageRoi i && ImageOverlays.NAME.equals(i.getName())) heat.add(i);
			assertEquals(5, heat.size(), "one heat overlay per slice");
			double max = 0;
			for (int z = 1; z <= 5; z++) max = Math.max(max, p.uncertainty().getStack().getProcessor(z).getStatistics().max);
			java.util.Set<String> distinct = new java.util.HashSet<>();
			for (int z = 1; z <= 5; z++) {
				ImageRoi h = heat.get(z - 1);
				assertEquals(z, h.getPosition(), "tied to slice " + z);
				float[] map = (float[]) p.uncertainty().getStack().getPixels(z);
				int[] shown = (int[]) h.getProcessor().convertToRGB().getPixels(); // ARGB, zero transparent
				StringBuilder opaque = new StringBuilder();
				int checked = 0;
				for (int i = 0; i < map.length; i++) {
					double index = map[i] / max * 255; // the heat's 8-bit index, scaled to the volume's maximum
					if (index > 0.01 && index < 1.5) continue; // ImageJ's rounding to the first index
					checked++;
					boolean transparent = (shown[i] >>> 24) == 0 || (shown[i] & 0xFFFFFF) == 0;
					assertEquals(index <= 0.01, transparent, "slice " + z + ", pixel " + i + ": shows its own map (" + map[i] + ")");
					opaque.append(transparent ? '0' : '1');
				}
				assertTrue(checked > map.length / 2, checked + " of " + map.length);
				distinct.add(opaque.toString());
			}
			assertTrue(distinct.size() > 1, "the slices' maps differ, and so does what is shown on them");
			assertEquals(p.rois().size(), view.rois().size(), "the heat is not taken for objects");
			view.toggleUncertainty();
			assertEquals(p.rois().size(), p.image().getOverlay().size(), "toggled off: every slice's heat is gone");
			view.toggleLabels();
			long fills = java.util.Arrays.stream(p.image().getOverlay().toArray()).filter(r -> ImageOverlays.LABELS.equals(r.getName())).count();
			assertEquals(5, fills, "the object fills, one per slice");
		}
	}

	@Test
	void theWindowCommandShowsPresetsHeaderAndCustomWindowsAndRefusesHuPresetsOnOtherImages() throws Exception {
		Path project = CtProjects.predicted(dir, CtProjects.disks("1.2.826.0.1.3680043.9.7.34", 3));
		Path cells = Projects.predictedSamples(Files.createDirectories(dir.resolve("cells")), 1);
		try (Context context = new Context(CommandService.class, SegLoopService.class, StatusService.class, CommandErrorService.class)) {
			CommandService commands = context.service(CommandService.class);
			ImagePlus image = (ImagePlus) commands.run(AnnotateNextCommand.class, true, "project", project.toFile(), "annotator", "ana").get()
				.getOutput("image");
			assertArrayEquals(new double[] { 40, 400 }, WindowPresets.current(image), 1e-9, "opened with the header's window");
			short[] pixels = ((short[]) image.getStack().getPixels(2)).clone();
			for (WindowPresets.Preset p : WindowPresets.Preset.values()) {
				String message = (String) commands.run(WindowCommand.class, true, "preset", p.label()).get().getOutput("message");
				assertArrayEquals(new double[] { p.center(), p.width() }, WindowPresets.current(image), 1e-9, message);
				assertTrue(message.contains("center " + (long) p.center() + ", width " + (long) p.width() + " HU"), message);
			}
			commands.run(WindowCommand.class, true, "preset", "custom", "center", 55.0, "width", 350.0).get();
			assertArrayEquals(new double[] { 55, 350 }, WindowPresets.current(image), 1e-9);
			commands.run(WindowCommand.class, true, "preset", "header").get();
			assertArrayEquals(new double[] { 40, 400 }, WindowPresets.current(image), 1e-9);
			assertArrayEquals(pixels, (short[]) image.getStack().getPixels(2), "windowing leaves the pixels alone");

			commands.run(AnnotateNextCommand.class, true, "project", cells.toFile(), "annotator", "ana").get();
			ExecutionException e = assertThrows(ExecutionException.class, () -> commands.run(WindowCommand.class, true, "preset", "lung").get());
			assertTrue(MenuHints.isUserError(rootOf(e)) && rootOf(e).getMessage().contains("not a CT image in HU"), rootOf(e).toString());
			e = assertThrows(ExecutionException.class, () -> commands.run(WindowCommand.class, true, "preset", "header").get());
			assertTrue(rootOf(e).getMessage().contains("has no window in a DICOM header"), rootOf(e).toString());
			commands.run(WindowCommand.class, true, "preset", "custom", "center", 300.0, "width", 200.0).get(); // any image, in its own values
		}
	}

	@Test
	void theWindowChoicesAreThePresetsThenHeaderAndCustom() throws NoSuchFieldException {
		String[] choices = WindowCommand.class.getDeclaredField("preset").getAnnotation(org.scijava.plugin.Parameter.class).choices();
		List<String> expected = new ArrayList<>(WindowPresets.Preset.labels());
		expected.addAll(List.of(WindowCommand.HEADER, WindowCommand.CUSTOM));
		assertEquals(expected, List.of(choices));
	}

	@Test
	void newProjectOnAFolderOfSeriesLogsItsNoticesAndARefusedSeriesIsAUserError() throws Exception {
		Path study = dir.resolve("study");
		CtProjects.write(CtProjects.disks("1.2.826.0.1.3680043.9.7.35", 4), study.resolve("series1"));
		writeReport(study.resolve("report.dcm"), "1.2.826.0.1.3680043.9.7.35");
		Path broken = dir.resolve("broken");
		DicomSeriesMaker.writeSeries(CtProjects.disks("1.2.826.0.1.3680043.9.7.36", 6), broken, z -> "slice" + z + ".dcm");
		Files.delete(broken.resolve("slice3.dcm"));
		try (Context context = new Context(CommandService.class, SegLoopService.class, StatusService.class, CommandErrorService.class)) {
			List<String> logged = new ArrayList<>();
			LogService log = context.service(LogService.class);
			log.addLogListener(m -> logged.add(m.level() + " " + m.text()));
			CommandService commands = context.service(CommandService.class);
			ModuleService modules = context.service(ModuleService.class);
			var created = modules.run(commands.getCommand(NewProjectCommand.class), true, "project", dir.resolve("p1").toFile(), "images", study.toFile(),
				"model", Fixtures.BUNDLED_MODEL.toFile(), "strategy", "uncertainty", "scorer", "entropy").get();
			assertTrue(((String) created.getOutput("message")).contains("1 images predicted"), (String) created.getOutput("message"));
			assertTrue(logged.stream().anyMatch(l -> l.startsWith(LogLevel.INFO + " SegLoop: left out report.dcm: it ") && l.contains("Structured Report")),
				"the report left out is said in the Log: " + logged);

			ExecutionException e = assertThrows(ExecutionException.class, () -> modules.run(commands.getCommand(NewProjectCommand.class), true, "project",
				dir.resolve("p2").toFile(), "images", broken.toFile(), "model", Fixtures.BUNDLED_MODEL.toFile(), "strategy", "uncertainty", "scorer", "entropy")
				.get());
			assertTrue(rootOf(e) instanceof SegLoopException, rootOf(e).toString());
			assertTrue(logged.stream().anyMatch(l -> l.startsWith(LogLevel.ERROR + " SegLoop: ") && l.contains("missing 1 slice between slice2.dcm and slice4.dcm")
				&& !l.contains("\tat ")), "the refused series is logged as a user error, without a stack trace: " + logged);
			assertFalse(Files.exists(dir.resolve("p2")), "nothing is left behind");
		}
	}

	private static Throwable rootOf(Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t && !(t instanceof SegLoopException) && !MenuHints.isUserError(t)) t = t.getCause();
		return t;
	}

	/** A Basic Text SR of the study, as archives put beside the images. */
	private static void writeReport(Path file, String study) throws IOException {
		try {
			var a = new com.pixelmed.dicom.AttributeList();
			String[][] values = { { "SOPClassUID", com.pixelmed.dicom.SOPClass.BasicTextSRStorage }, { "SOPInstanceUID", study + ".77.1" },
				{ "StudyInstanceUID", study }, { "SeriesInstanceUID", study + ".77" }, { "Modality", "SR" } };
			for (String[] v : values) a.putNewAttribute(com.pixelmed.dicom.DicomDictionary.StandardDictionary.getTagFromName(v[0])).addValue(v[1]);
			com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(a, com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, "SEGLOOPTEST");
			Files.createDirectories(file.getParent());
			a.write(file.toFile(), com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, true, true);
		}
		catch (com.pixelmed.dicom.DicomException e) {
			throw new IOException(e);
		}
	}
}
