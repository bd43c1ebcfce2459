package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.project.ProjectAudit;
import org.segloop.core.project.ProjectStore;
import org.segloop.testutil.CompressedDicom;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.DicomSeriesMaker.NonImage;
import org.segloop.testutil.DicomSeriesMaker.Spec;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.SyntheticImageSource;

/**
 * A radiology folder through `init` and `add`: a refused series is named with what is wrong and
 * nothing is registered (a failed init leaves no project folder, a failed add no manifest);
 * {@code --skip-bad} registers the good series and lists the refused ones; accepted warnings and
 * objects left out are notices on stderr.
 */
class SeriesInputCliTest {

	@TempDir
	Path dir;

	private static final String STUDY = "1.2.826.0.1.3680043.9.7.300";

	private final Spec good = DicomSeriesMaker.ct(STUDY, STUDY + ".1", 48, 40, 5);

	/** A study folder: a good series, one with a missing slice, a tilted one, a SEG and a JPEG-LS series. */
	private Path studyFolder() throws IOException {
		Path in = dir.resolve("study");
		DicomSeriesMaker.writeSeries(good, in.resolve("good"), z -> "IM" + z);
		Spec gap = good.withSeries(STUDY + ".2");
		DicomSeriesMaker.writeSeries(gap, in.resolve("gap"), z -> "IM" + z);
		Files.delete(in.resolve("gap/IM2"));
		Spec tilt = good.withSeries(STUDY + ".3");
		for (int z = 0; z < 5; z++)
			DicomSeriesMaker.writeSlice(tilt.shifted(new double[] { 0, z * tilt.sliceSpacing() * Math.tan(Math.toRadians(20)), 0 }), z,
				in.resolve("tilt/IM" + z));
		DicomSeriesMaker.writeNonImage(good, NonImage.SEG, in.resolve("seg/SEG1"), true);
		CompressedDicom.writeSeries(good.withSeries(STUDY + ".4"), in.resolve("jpegls"), z -> "IM" + z, CompressedDicom.Encoding.JPEG_LS_LOSSLESS);
		return in;
	}

	@Test
	void initRefusesTheWholeFolderNamingEachBadSeriesAndLeavesNoProject() throws IOException {
		Path in = studyFolder();
		Path project = dir.resolve("p");
		CliTest.Run r = CliTest.cli("init", project, "--images", in, "--model", Fixtures.BUNDLED_MODEL);
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().contains("missing 1 slice between IM1 and IM3"), r.err());
		assertTrue(r.err().contains("JPEG-LS Lossless") && r.err().contains("1.2.840.10008.1.2.4.80"), "the transfer syntax is named: " + r.err());
		assertFalse(r.err().contains("Exception"), r.err());
		assertFalse(Files.exists(project), "nothing half-written: no project folder");
	}

	@Test
	void initWithSkipBadRegistersTheGoodSeriesWithNoticesForTheRest() throws IOException {
		Path in = studyFolder();
		Path project = dir.resolve("p");
		CliTest.Run r = CliTest.cli("init", project, "--images", in, "--model", Fixtures.BUNDLED_MODEL, "--skip-bad");
		assertEquals(0, r.code(), r.err());
		assertTrue(r.out().contains("2 image(s)"), "the good and the tilted series: " + r.out());
		assertTrue(r.err().contains("left out: ") && r.err().contains("missing 1 slice"), r.err());
		assertTrue(r.err().contains("JPEG-LS Lossless"), r.err());
		assertTrue(r.err().contains("note: ") && r.err().contains("gantry tilt of 20.0°"), "an accepted warning is visible: " + r.err());
		assertTrue(r.err().contains("note: left out SEG1: it is a DICOM Segmentation object"), r.err());
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			assertEquals(List.of(5, 5), p.images().all().stream().map(i -> i.slices()).toList());
			assertEquals(2, manifests(p.seriesFolder()), "refused series leave no manifest");
			assertEquals(List.of(), ProjectAudit.run(p));
		}
	}

	@Test
	void addOfASeriesWithATruncatedSliceChangesNothing() throws IOException {
		Path project = dir.resolve("p");
		DicomSeriesMaker.writeSeries(good, dir.resolve("first"), z -> "IM" + z);
		assertEquals(0, CliTest.cli("init", project, "--images", dir.resolve("first"), "--model", Fixtures.BUNDLED_MODEL).code());
		Spec second = good.withSeries(STUDY + ".5");
		List<Path> files = DicomSeriesMaker.writeSeries(second, dir.resolve("second"), z -> "IM" + z);
		byte[] b = Files.readAllBytes(files.get(3));
		Files.write(files.get(3), Arrays.copyOf(b, b.length - 48 * 40)); // half of the pixel data is missing
		long events;
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			events = p.events().size();
		}
		CliTest.Run r = CliTest.cli("add", project, dir.resolve("second"));
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().startsWith("error: ") && r.err().contains("IM3") && r.err().contains("is truncated"), r.err());
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			assertEquals(1, p.images().all().size(), "nothing registered");
			assertEquals(events, p.events().size(), "the journal is unchanged");
			assertEquals(1, manifests(p.seriesFolder()), "no manifest of the refused series");
			assertEquals(List.of(), ProjectAudit.run(p));
		}
		r = CliTest.cli("add", project, dir.resolve("second"), "--skip-bad");
		assertEquals(1, r.code(), "with --skip-bad too, when nothing at all is good: " + r.err());
	}

	@Test
	void aReaderThatCrashesWithAnErrorLeavesNoHalfMadeProjectAndAnAddChangesNothing() throws IOException {
		DicomSeriesMaker.writeSeries(good, dir.resolve("first"), z -> "IM" + z);
		Path crash = Files.writeString(dir.resolve("broken.disks"), SyntheticImageSource.CRASH);
		Path project = dir.resolve("p");
		// an Error, not an exception (as an OutOfMemoryError or a StackOverflowError in a reader): it still cleans up
		assertThrows(InternalError.class, () -> CliTest.cli("init", project, "--images", dir.resolve("first"), crash, "--model", Fixtures.BUNDLED_MODEL));
		assertFalse(Files.exists(project), "no half-made project folder");

		assertEquals(0, CliTest.cli("init", project, "--images", dir.resolve("first"), "--model", Fixtures.BUNDLED_MODEL).code());
		DicomSeriesMaker.writeSeries(good.withSeries(STUDY + ".6"), dir.resolve("second"), z -> "IM" + z);
		assertThrows(InternalError.class, () -> CliTest.cli("add", project, dir.resolve("second"), crash));
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			assertEquals(1, p.images().all().size(), "nothing registered");
			assertEquals(1, manifests(p.seriesFolder()), "no manifest of the series the crashed add prepared");
			assertEquals(List.of(), ProjectAudit.run(p));
		}
	}

	private static long manifests(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) return 0;
		try (Stream<Path> s = Files.list(folder)) {
			return s.filter(f -> f.toString().endsWith(".dcmseries")).count();
		}
	}
}
