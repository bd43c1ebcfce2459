package org.segloop.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageInputException;
import org.segloop.testutil.Fixtures;

class ImageRegistryTest {

	@TempDir
	Path dir;

	private Path sample(String name) throws IOException {
		return Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples").resolve(name), dir.resolve(name));
	}

	@Test
	void imagesAreRegisteredInPlaceWithTheirSizeOnceEach() throws IOException {
		Path a = sample("nuclei_01.tif"), stack = sample("nuclei_stack.tif");
		try (ProjectStore p = ProjectStore.create(dir.resolve("project"))) {
			List<ImageRegistry.ImageRecord> added = p.images().add(List.of(a, stack));
			assertEquals(384, added.get(0).width());
			assertEquals(6, added.get(1).slices());
			assertEquals(added, p.images().add(List.of(a, stack)), "adding again changes nothing");
			assertEquals(2, p.images().all().size());
			assertEquals(a.toRealPath(), p.images().all().get(0).path());
		}
	}

	@Test
	void aCorruptFileAmongGoodOnesLeavesTheProjectUnchanged() throws IOException {
		Path good = sample("nuclei_01.tif");
		Path bad = Files.writeString(dir.resolve("bad.tif"), "not an image");
		try (ProjectStore p = ProjectStore.create(dir.resolve("project"))) {
			ImageInputException e = assertThrows(ImageInputException.class, () -> p.images().add(List.of(good, bad)));
			assertTrue(e.getMessage().contains("bad.tif"), e.getMessage());
			assertEquals(0, p.images().all().size());
		}
	}

	@Test
	void aFileChangedAfterRegistrationIsNoticed() throws IOException {
		Path a = sample("nuclei_02.tif");
		try (ProjectStore p = ProjectStore.create(dir.resolve("project"))) {
			ImageRegistry.ImageRecord r = p.images().add(List.of(a)).get(0);
			p.images().verify(r);
			byte[] bytes = Files.readAllBytes(a);
			bytes[bytes.length - 1] ^= 1;
			Files.write(a, bytes);
			ProjectException e = assertThrows(ProjectException.class, () -> p.images().verify(r));
			assertTrue(e.getMessage().contains("changed after it was registered"), e.getMessage());
			assertThrows(ProjectException.class, () -> p.images().add(List.of(a)));
			Files.delete(a);
			e = assertThrows(ProjectException.class, () -> p.images().verify(r));
			assertTrue(e.getMessage().contains("gone"), e.getMessage());
		}
	}
}
