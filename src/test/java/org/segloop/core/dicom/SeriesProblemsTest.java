package org.segloop.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.DicomSeriesMaker.NonImage;
import org.segloop.testutil.DicomSeriesMaker.Spec;

/**
 * What radiology folders hold besides clean series, and what SegLoop makes of it: each problem a
 * clear message naming the files (the series is refused), or a visible notice when the series is
 * accepted or an object left out.
 */
class SeriesProblemsTest {

	@TempDir
	Path dir;

	private final Spec ct = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.200", "1.2.826.0.1.3680043.9.7.200.1", 32, 24, 6);

	private List<Path> write(Spec s, String folder) throws IOException {
		return DicomSeriesMaker.writeSeries(s, dir.resolve(folder), z -> "slice" + z + ".dcm");
	}

	private DicomInputs.Expanded expand(String folder) {
		return DicomInputs.expand(List.of(dir.resolve(folder)), dir.resolve("series"));
	}

	private String refusal(String folder) {
		DicomInputs.Expanded e = expand(folder);
		assertEquals(1, e.images().size(), e.toString());
		return assertThrows(ImageInputException.class, () -> ImageSources.read(e.images().get(0))).getMessage();
	}

	@Test
	void aSliceCutShortInItsPixelDataIsNamed() throws IOException {
		Path cut = write(ct, "cut").get(2);
		byte[] b = Files.readAllBytes(cut);
		Files.write(cut, Arrays.copyOf(b, b.length - 700)); // 32 × 24 × 2 bytes of pixels: cut in the middle of them
		String m = refusal("cut");
		assertTrue(m.contains("slice2.dcm") && m.contains("is truncated") && m.contains("copy or export it again"), m);
	}

	@Test
	void aSliceOfAnotherSizeOrientationOrFrameOfReferenceUnderTheSameSeriesUidIsRefusedNamingBothFiles() throws IOException {
		double[] row = { 1, 0, 0 }, col = { 0, 1, 0 };
		Spec[] intruders = { ct.withSize(16, 16, 6), ct.withGeometry(0.7, 2.5, row, new double[] { 0, 0, -1 }, new double[] { -100, -120, 40 }),
			ct.withFrameOfReference("1.2.826.0.1.3680043.9.7.299") };
		String[] problems = { "mixes slices of different sizes", "mixes slice orientations", "mixes frames of reference" };
		for (int i = 0; i < intruders.length; i++) {
			String folder = "mixed" + i;
			write(ct, folder);
			DicomSeriesMaker.writeSlice(intruders[i], 5, dir.resolve(folder + "/intruder.dcm")); // own SOP instance, same series UID
			Files.delete(dir.resolve(folder + "/slice5.dcm"));
			String m = refusal(folder);
			assertTrue(m.contains(problems[i]) && m.contains("intruder.dcm") && m.contains("slice"), m);
			assertTrue(m.contains("remove the slices that do not belong"), "the fix: " + m);
		}
	}

	@Test
	void aSliceOfAnotherSeriesInTheFolderBecomesASeriesOfItsOwn() throws IOException {
		write(ct, "two");
		DicomSeriesMaker.writeSlice(ct.withSeries("1.2.826.0.1.3680043.9.7.200.2"), 0, dir.resolve("two/scout.dcm"));
		DicomInputs.Expanded e = expand("two");
		assertEquals(2, e.images().size(), e.toString());
		assertEquals(List.of(6, 1), e.images().stream().map(ImageSources::read).map(ImageVolume::slices).toList());
	}

	@Test
	void twoSeriesInOneFolderAreTwoImages() throws IOException {
		write(ct, "study");
		DicomSeriesMaker.writeSeries(ct.withSeries("1.2.826.0.1.3680043.9.7.200.3").withSize(20, 20, 4), dir.resolve("study"), z -> "b" + z);
		List<Path> images = expand("study").images();
		assertEquals(2, images.size());
		assertEquals(List.of(List.of(32, 6), List.of(20, 4)),
			images.stream().map(ImageSources::read).map(v -> List.of(v.width(), v.slices())).sorted((a, b) -> b.get(0) - a.get(0)).toList());
	}

	@Test
	void unevenSpacingAMissingSliceAndDuplicatePositionsAreRefusedNamingTheSlices() throws IOException {
		double[] n = ct.normal();
		List<Path> uneven = write(ct, "uneven");
		DicomSeriesMaker.writeSlice(ct.shifted(new double[] { 0.6 * n[0], 0.6 * n[1], 0.6 * n[2] }), 3, uneven.get(3));
		String m = refusal("uneven");
		assertTrue(m.contains("uneven slice spacing") && m.contains("slice3.dcm"), m);

		write(ct, "gap");
		Files.delete(dir.resolve("gap/slice4.dcm"));
		m = refusal("gap");
		assertTrue(m.contains("missing 1 slice between slice3.dcm and slice5.dcm"), m);

		write(ct, "twice");
		double back = -10 * ct.sliceSpacing(); // slice 12's position moved back onto slice 2's: another instance at the same place
		DicomSeriesMaker.writeSlice(ct.shifted(new double[] { back * n[0], back * n[1], back * n[2] }), 12, dir.resolve("twice/again.dcm"));
		m = refusal("twice");
		assertTrue(m.contains("two slices at the same position") && m.contains("again.dcm") && m.contains("slice2.dcm"), m);
		assertTrue(m.contains("two acquisitions"), "the fix: " + m);
	}

	@Test
	void gantryTiltIsAcceptedWithAVisibleWarningAndTheShearKept() throws IOException {
		double tan = Math.tan(Math.toRadians(15));
		for (int z = 0; z < ct.slices(); z++)
			DicomSeriesMaker.writeSlice(ct.shifted(new double[] { 0, z * ct.sliceSpacing() * tan, 0 }), z, dir.resolve("tilt/slice" + z + ".dcm"));
		DicomInputs.Expanded e = expand("tilt");
		assertEquals(1, e.images().size());
		assertTrue(e.notices().stream().anyMatch(s -> s.contains("gantry tilt of 15.0°") && s.contains("6 slices")), e.notices().toString());
		ImageVolume v = ImageSources.read(e.images().get(0));
		assertEquals(6, v.slices());
		double[][] affine = DicomSeries.load(e.images().get(0)).voxelToPatient();
		assertEquals(ct.sliceSpacing() * tan, affine[1][2], 1e-4, "the slice step keeps its sideways part");
	}

	@Test
	void nonImageObjectsAndADicomdirInTheFolderAreLeftOutWithANotice() throws IOException {
		List<Path> slices = write(ct, "exam");
		for (NonImage kind : NonImage.values()) DicomSeriesMaker.writeNonImage(ct, kind, dir.resolve("exam/" + kind.name().toLowerCase()), true);
		DicomSeriesMaker.writeDicomdir(dir.resolve("exam"), slices);
		DicomInputs.Expanded e = expand("exam");
		assertEquals(1, e.images().size(), e.toString());
		assertEquals(6, ImageSources.read(e.images().get(0)).slices());
		String notices = String.join("\n", e.notices());
		for (String expected : List.of("left out seg: it is a DICOM Segmentation", "left out rtstruct: it is a DICOM RT Structure Set",
			"left out sr: it is a DICOM Structured Report", "left out pdf: it is an encapsulated document",
			"left out presentation_state: it is a DICOM Presentation State", "left out DICOMDIR: it is a DICOM directory"))
			assertTrue(notices.contains(expected), expected + " in:\n" + notices);
		assertFalse(notices.contains("slice"), "images are not left out: " + notices);
	}

	@Test
	void aSliceChangedAfterRegistrationIsNeverUsed() throws IOException {
		List<Path> files = write(ct, "changed");
		Path manifest = expand("changed").images().get(0);
		assertEquals(6, ImageSources.read(manifest).slices());
		DicomSeriesMaker.writeSlice(ct.withVoxels((xy, z) -> 7), 4, files.get(4)); // same size, same header, other pixels
		ImageInputException e = assertThrows(ImageInputException.class, () -> ImageSources.read(manifest));
		assertTrue(e.getMessage().contains("slice4.dcm") && e.getMessage().contains("changed after its series was registered"), e.getMessage());
	}
}
