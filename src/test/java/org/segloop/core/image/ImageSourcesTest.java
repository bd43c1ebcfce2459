package org.segloop.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.SyntheticImageSource;
import org.segloop.testutil.SyntheticImages;

/** A project reads its images through the registered sources, the catch-all {@code files} last. */
class ImageSourcesTest {

	@TempDir
	Path dir;

	@Test
	void anAddedSourceIsAskedBeforeTheCatchAllFiles() throws IOException {
		assertEquals(List.of("files", "dicom-series", SyntheticImageSource.NAME), ImageSources.names());
		Path seeded = Files.writeString(dir.resolve("a.disks"), "7");
		assertArrayEquals((short[]) SyntheticImages.disks(SyntheticImageSource.WIDTH, SyntheticImageSource.HEIGHT, 1, 4, 7).image().plane(0, 0, 0),
			(short[]) ImageSources.read(seeded).plane(0, 0, 0));
		Path sample = Fixtures.BUNDLED_MODEL.resolve("samples/nuclei_01.tif");
		assertEquals(ImageReader.read(sample).width(), ImageSources.read(sample).width(), "other files are still ImageJ's");
	}

	@Test
	void whatNoSourceCanReadIsRefusedAsBefore() {
		ImageInputException e = assertThrows(ImageInputException.class, () -> ImageSources.read(dir));
		assertTrue(e.getMessage().contains("does not exist or is not a file"), e.getMessage());
	}

	@Test
	void registrationReadsImagesThroughTheSources() throws IOException {
		Path seeded = Files.writeString(dir.resolve("b.disks"), "3");
		try (ProjectStore p = ProjectSetup.init(dir.resolve("p"), Fixtures.BUNDLED_MODEL, List.of(seeded), ProjectSettings.defaults())) {
			assertEquals(SyntheticImageSource.WIDTH, p.images().all().get(0).width());
			assertEquals(SyntheticImageSource.HEIGHT, p.images().all().get(0).height());
		}
	}
}
