package org.segloop.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.ImageSources;
import org.segloop.testutil.DicomProjects;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.DicomSeriesMaker.Spec;

/**
 * Damaged or hostile headers (as a fuzzer writes them): each is refused with a typed error that
 * names the file and says what is wrong — never an OutOfMemoryError, a StackOverflowError, a
 * NullPointerException, or broken geometry taken as a gantry tilt, a duplicate slice or a 2D image.
 * Geometry that is absent is still a 2D image; geometry that is present must be valid.
 */
class HostileHeadersTest {

	@TempDir
	Path dir;

	private final Spec ct = DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.210", "1.2.826.0.1.3680043.9.7.210.1", 16, 16, 3);

	/** Writes the series into {@code folder}, edits each slice's header (attributes, slice index) and returns the refusals of reading what it expands to. */
	private List<String> refusals(String folder, BiConsumer<AttributeList, Integer> edit) throws IOException {
		List<Path> files = DicomSeriesMaker.writeSeries(ct, dir.resolve(folder), z -> "slice" + z + ".dcm");
		for (int z = 0; z < files.size(); z++) {
			int slice = z;
			DicomProjects.edit(List.of(files.get(z)), a -> edit.accept(a, slice));
		}
		DicomInputs.Expanded e = DicomInputs.expand(List.of(dir.resolve(folder)), dir.resolve("series-" + folder));
		List<String> out = new ArrayList<>();
		for (Path image : e.images()) try {
			ImageSources.read(image);
		}
		catch (ImageInputException ex) {
			out.add(ex.getMessage());
		}
		assertTrue(!out.isEmpty(), folder + ": refused; expanded to " + e);
		return out;
	}

	private static void put(AttributeList a, Attribute at, String... values) {
		try {
			for (String v : values) at.addValue(v);
		}
		catch (DicomException e) {
			throw new IllegalStateException(e);
		}
		a.put(at);
	}

	private static void decimals(AttributeList a, com.pixelmed.dicom.AttributeTag tag, String values) {
		put(a, new DecimalStringAttribute(tag), values.split("\\\\"));
	}

	@Test
	void aFrameCountTheFileCannotHoldIsRefusedNamingTheFile() throws IOException {
		List<String> m = refusals("frames", (a, z) -> put(a, new IntegerStringAttribute(TagFromName.NumberOfFrames), "2147483647"));
		assertTrue(m.get(0).contains("slice") && m.get(0).contains("declares 2147483647 frames") && m.get(0).contains("cannot hold"), m.toString());
		// an enhanced multi-frame object that declares more frames than it stores
		Path multi = DicomSeriesMaker.writeMultiFrame(ct, dir.resolve("multi/enhanced.dcm"));
		DicomProjects.edit(List.of(multi), a -> put(a, new IntegerStringAttribute(TagFromName.NumberOfFrames), "40"));
		String e = assertThrows(ImageInputException.class, () -> ImageSources.read(multi)).getMessage();
		assertTrue(e.contains("enhanced.dcm") && e.contains("declares 40 frames"), e);
	}

	@Test
	void sequencesNestedThousandsOfLevelsDeepAreADamagedFileNotAStackOverflow() throws Exception {
		Path file = DicomSeriesMaker.writeSlice(ct, 0, dir.resolve("deep/slice0.dcm"));
		AttributeList a = new AttributeList();
		a.read(file.toFile());
		AttributeList inner = new AttributeList();
		put(inner, new com.pixelmed.dicom.ShortStringAttribute(TagFromName.CodeValue), "x");
		for (int level = 0; level < 50_000; level++) {
			SequenceAttribute s = new SequenceAttribute(TagFromName.ReferencedImageSequence);
			s.addItem(inner);
			inner = new AttributeList();
			inner.put(s);
		}
		a.put(inner.get(TagFromName.ReferencedImageSequence));
		// PixelMed writes recursively too: the test writes on a thread with a stack deep enough
		Throwable[] failed = new Throwable[1];
		Thread writer = new Thread(null, () -> {
			try {
				a.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
			}
			catch (Throwable t) {
				failed[0] = t;
			}
		}, "deep-writer", 1L << 30);
		writer.start();
		writer.join();
		if (failed[0] != null) throw new AssertionError("writing the test file", failed[0]);
		DicomInputs.Expanded e = DicomInputs.expand(List.of(dir.resolve("deep")), dir.resolve("series-deep"));
		String m = assertThrows(ImageInputException.class, () -> ImageSources.read(e.images().get(0))).getMessage();
		assertTrue(m.contains("slice0.dcm") && m.contains("nests sequences too deeply (damaged or hostile file)"), m);
	}

	@Test
	void anEmptyPixelDataElementIsNamedNotAnInternalError() throws IOException {
		List<String> m = refusals("empty", (a, z) -> a.put(new OtherWordAttribute(TagFromName.PixelData)));
		assertTrue(m.get(0).contains("slice0.dcm") && m.get(0).contains("has no pixel data"), m.toString());
	}

	@Test
	void anOrientationThatIsNotTwoUnitVectorsAtRightAnglesIsRefused() throws IOException {
		String[][] cases = { { "nonunit", "3\\0\\0\\0\\0.2\\0", "unit vectors" }, { "zero", "0\\0\\0\\0\\0\\0", "unit vectors" },
			{ "same", "1\\0\\0\\1\\0\\0", "right angles" }, { "skewed", "1\\0\\0\\0.5\\0.866025\\0", "right angles" } };
		for (String[] c : cases) {
			List<String> m = refusals(c[0], (a, z) -> decimals(a, TagFromName.ImageOrientationPatient, c[1]));
			assertTrue(m.get(0).contains("has an invalid ImageOrientationPatient (" + c[1] + ")") && m.get(0).contains(c[2])
				&& m.get(0).contains("slice0.dcm") && m.get(0).contains("repair the header or export the series again"), m.toString());
			assertTrue(m.stream().noneMatch(s -> s.contains("gantry tilt") || s.contains("same position")), m.toString());
		}
	}

	@Test
	void aZeroOrNegativePixelSpacingIsRefused() throws IOException {
		for (String spacing : List.of("0\\0", "-0.5\\-0.5", "0.7\\0")) {
			List<String> m = refusals("spacing" + spacing.hashCode(), (a, z) -> decimals(a, TagFromName.PixelSpacing, spacing));
			assertTrue(m.get(0).contains("has an invalid PixelSpacing (" + spacing + ")") && m.get(0).contains("must be positive"), m.toString());
		}
	}

	@Test
	void aPositionThatIsNotANumberIsRefusedNotReadAsA2DImage() throws IOException {
		List<String> nan = refusals("nan", (a, z) -> decimals(a, TagFromName.ImagePositionPatient, "NaN\\0\\" + 2 * z));
		assertEquals(3, nan.size(), "each slice named: " + nan);
		assertTrue(nan.get(0).contains("has an invalid ImagePositionPatient (NaN\\0\\0)") && nan.get(0).contains("finite"), nan.toString());
		List<String> inf = refusals("inf", (a, z) -> {
			if (z == 1) decimals(a, TagFromName.ImagePositionPatient, "0\\0\\Infinity");
		});
		assertTrue(inf.stream().anyMatch(s -> s.contains("slice1.dcm") && s.contains("invalid ImagePositionPatient (0\\0\\Infinity)")), inf.toString());
	}

	@Test
	void absentGeometryIsStillA2DImageAndSixDigitDirectionsAreAccepted() throws IOException {
		List<Path> flat = DicomSeriesMaker.writeSeries(ct, dir.resolve("flat"), z -> "slice" + z + ".dcm");
		DicomProjects.edit(flat, a -> {
			a.remove(TagFromName.ImageOrientationPatient);
			a.remove(TagFromName.ImagePositionPatient);
			a.remove(TagFromName.PixelSpacing);
		});
		DicomInputs.Expanded e = DicomInputs.expand(List.of(dir.resolve("flat")), dir.resolve("series-flat"));
		assertEquals(3, e.images().size(), "one 2D image per instance");
		assertTrue(e.notices().stream().allMatch(n -> n.contains("no patient geometry")), e.notices().toString());
		for (Path image : e.images()) assertEquals(1, ImageSources.read(image).slices());

		// a 20° oblique series with its directions rounded to 6 digits, as scanners write them
		double c = Math.cos(Math.toRadians(20)), s = Math.sin(Math.toRadians(20));
		Spec oblique = ct.withGeometry(0.7, 2.5, new double[] { 1, 0, 0 }, new double[] { 0, c, s }, new double[] { -5, -5, 0 });
		List<Path> files = DicomSeriesMaker.writeSeries(oblique, dir.resolve("oblique"), z -> "slice" + z + ".dcm");
		DicomProjects.edit(files, a -> decimals(a, TagFromName.ImageOrientationPatient,
			String.format(java.util.Locale.ROOT, "1\\0\\0\\0\\%.6f\\%.6f", c, s)));
		DicomInputs.Expanded o = DicomInputs.expand(List.of(dir.resolve("oblique")), dir.resolve("series-oblique"));
		assertEquals(1, o.images().size());
		assertEquals(3, ImageSources.read(o.images().get(0)).slices());
	}
}
