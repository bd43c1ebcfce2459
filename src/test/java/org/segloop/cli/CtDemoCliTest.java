package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.display.DisplayWindow;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.ProjectStore;

/**
 * README's CT main job, {@code ./segloop demo --ct}, on a fresh checkout: the bundled 3D model on
 * the bundled phantom series, nothing downloaded; and {@code phantom}, which made those series.
 */
class CtDemoCliTest {

	@TempDir
	Path dir;

	@Test
	void theCtDemoPredictsTheSampleSeriesIn3dRanksThemAndPreviewsEachVolumesMostUncertainSliceInTheCtWindow() throws IOException {
		Path out = dir.resolve("demo-ct");
		CliTest.Run demo = CliTest.cli("demo", "--ct", "--out", out);
		assertEquals(0, demo.code(), demo.err() + demo.out());
		assertTrue(demo.out().contains("SegLoop CT organ U-Net 3D: test tensors reproduced"), demo.out());
		assertTrue(demo.out().contains("4 images"), "the four sample series, each one image: " + demo.out());
		List<Double> scores = demo.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+[0-9.]+\\s+.*\\.dcmseries"))
			.map(l -> Double.parseDouble(l.trim().split("\\s+")[2])).toList();
		assertEquals(4, scores.size(), demo.out());
		for (int i = 1; i < scores.size(); i++) assertTrue(scores.get(i - 1) >= scores.get(i), "most uncertain first: " + scores);

		List<Path> previews;
		try (var files = Files.list(out.resolve("previews"))) {
			previews = files.sorted().toList();
		}
		assertEquals(4, previews.size());
		for (Path p : previews) assertTrue(demo.out().contains(p.getFileName().toString()), "each preview is named in the output: " + p);
		try (ProjectStore p = ProjectStore.open(out.resolve("project"), ProjectStore.Access.READ_ONLY)) {
			Path first = previews.get(0);
			Matcher m = Pattern.compile("01_(.+)_z(\\d{3})\\.png").matcher(first.getFileName().toString());
			assertTrue(m.matches(), "a volume's preview names its slice: " + first);
			ImageRecord record = p.images().all().stream().filter(r -> ImageSources.read(r.path()).name().equals(m.group(1))).findFirst().orElseThrow();
			ImageVolume volume = ImageSources.read(record.path());
			assertEquals(40, volume.slices(), "read as one volume of 40 slices");
			int z = Integer.parseInt(m.group(2)) - 1;
			BufferedImage png = ImageIO.read(first.toFile());
			assertEquals(2 * 128, png.getWidth(), "slice and uncertainty heat side by side");
			// the left panel is the slice through the CT soft-tissue window the series declares
			// (40 / 400 HU), except where proposal outlines are drawn
			int[] grey = DisplayWindow.SOFT_TISSUE.toDisplay(volume, 0, z, 0), percentiles = DisplayWindow.percentiles(volume).toDisplay(volume, 0, z, 0);
			int same = 0, sameAsPercentiles = 0;
			for (int y = 0; y < 128; y++)
				for (int x = 0; x < 128; x++) {
					int rgb = png.getRGB(x, y) & 0xffffff;
					if (rgb == (grey[y * 128 + x] * 0x010101)) same++;
					if (rgb == (percentiles[y * 128 + x] * 0x010101)) sameAsPercentiles++;
				}
			assertTrue(same > 0.9 * 128 * 128, same + " of 128² pixels in the CT window");
			assertTrue(sameAsPercentiles < same, "not a percentile stretch");
		}
	}

	@Test
	void phantomWritesTheSameSeriesForTheSameOptionsOneFolderPerPatient() throws IOException {
		CliTest.Run a = CliTest.cli("phantom", "--out", dir.resolve("a"), "--count", "2", "--size", "40x36x8", "--seed", "7");
		assertEquals(0, a.code(), a.err());
		assertEquals(0, CliTest.cli("phantom", "--out", dir.resolve("b"), "--count", "2", "--size", "40x36x8", "--seed", "7").code());
		for (String patient : List.of("PHANTOM01", "PHANTOM02")) {
			try (var files = Files.list(dir.resolve("a").resolve(patient))) {
				List<Path> slices = files.sorted().toList();
				assertEquals(8, slices.size());
				for (Path f : slices)
					assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(dir.resolve("b").resolve(patient).resolve(f.getFileName())), f.toString());
			}
		}
		ImageVolume v = ImageSources.read(org.segloop.core.dicom.DicomInputs.expand(List.of(dir.resolve("a/PHANTOM02")), dir.resolve("manifests"))
			.images().get(0));
		assertEquals(List.of(40, 36, 8), List.of(v.width(), v.height(), v.slices()));
	}

	@Test
	void phantomRefusesAMalformedSizeAsWrongUsageAndANonEmptyFolderAsAUserError() throws IOException {
		CliTest.Run bad = CliTest.cli("phantom", "--out", dir.resolve("x"), "--size", "128x128");
		assertEquals(2, bad.code(), bad.err());
		assertTrue(bad.err().contains("WIDTHxHEIGHTxSLICES"), bad.err());
		assertFalse(Files.exists(dir.resolve("x")));
		Files.createDirectories(dir.resolve("y/PHANTOM01"));
		Files.writeString(dir.resolve("y/PHANTOM01/notes.txt"), "mine");
		CliTest.Run taken = CliTest.cli("phantom", "--out", dir.resolve("y"), "--count", "1", "--size", "32x32x4");
		assertEquals(1, taken.code());
		assertTrue(taken.err().contains("PHANTOM01") && taken.err().contains("not empty"), taken.err());
	}
}
