package org.segloop.core.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.SegLoopException;
import org.segloop.core.dicom.deid.DeidOptions;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.Fixtures;

/** A refused addition leaves no series manifest and no de-identified copy behind. */
class ProjectInputsTest {

	@TempDir
	Path dir;

	@Test
	void aRefusedAdditionDiscardsTheManifestsAndCopiesItWrote() throws IOException {
		DicomSeriesMaker.writeSeries(DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.3", "1.2.826.0.1.3680043.9.7.3.1", 16, 16, 4), dir.resolve("good"),
			z -> "g" + z);
		DicomSeriesMaker.writeSeries(DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.4", "1.2.826.0.1.3680043.9.7.4.1", 16, 16, 5), dir.resolve("gap"),
			z -> "s" + z);
		Files.delete(dir.resolve("gap/s2"));
		for (ProjectDeidentification.Request deid : new ProjectDeidentification.Request[] { null,
			new ProjectDeidentification.Request(DeidOptions.basic(), false) })
		{
			Path folder = dir.resolve(deid == null ? "in-place" : "deidentified");
			try (ProjectStore p = ProjectSetup.create(folder, Fixtures.BUNDLED_MODEL, List.of(dir.resolve("good")), ProjectSettings.defaults(), false,
				deid).store())
			{
				Set<String> before = files(folder);
				ProjectInputs.Prepared inputs = ProjectInputs.prepare(p, List.of(dir.resolve("gap")), false, false);
				assertEquals(1, inputs.images().size());
				assertThrows(SegLoopException.class, () -> p.images().register(inputs.images(), false), "a series with a missing slice is refused");
				inputs.discardNewFiles();
				assertEquals(before, files(folder), (deid == null ? "in place" : "de-identified") + ": the project's files are as before");
				assertEquals(1, p.images().all().size());
			}
		}
	}

	@Test
	void aSeriesTheModelCannotTakeIsNamedByItsFolderNotByTheManifest(@TempDir Path other) throws IOException {
		org.segloop.testutil.CompressedDicom.writeColourJpeg(dir.resolve("us/colour.dcm"), 32, 24, (x, y) -> (x * 8) << 16 | (y * 8) << 8 | 60);
		SegLoopException e = assertThrows(SegLoopException.class,
			() -> ProjectSetup.init(other.resolve("p"), Fixtures.BUNDLED_MODEL, List.of(dir.resolve("us")), ProjectSettings.defaults()));
		assertTrue(e.getMessage().contains(dir.resolve("us").toString()) && e.getMessage().contains("3 channel"), e.getMessage());
		assertTrue(!e.getMessage().contains(".dcmseries"), "SegLoop's manifest is not what the user gave: " + e.getMessage());
	}

	private static Set<String> files(Path folder) throws IOException {
		try (Stream<Path> s = Files.walk(folder)) {
			return s.filter(f -> !f.equals(folder) && !f.getFileName().toString().startsWith("project.sqlite") && !f.toString().endsWith(".lock"))
				.map(f -> folder.relativize(f).toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
		}
	}
}
