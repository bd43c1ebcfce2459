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

	@Test
	void contentAlreadyInTheProjectOrTwiceInOneBatchIsRefusedNamingBothFiles() throws IOException {
		Path a = sample("nuclei_01.tif"), b = sample("nuclei_02.tif");
		Path aCopy = Files.copy(a, dir.resolve("a-copy.tif")), bCopy = Files.copy(b, dir.resolve("b-copy.tif"));
		try (ProjectStore p = ProjectStore.create(dir.resolve("project"))) {
			p.images().add(List.of(a));
			ProjectException known = assertThrows(ProjectException.class, () -> p.images().add(List.of(aCopy)));
			assertTrue(known.getMessage().startsWith(aCopy.toRealPath() + ": has the same content as image 1 (" + a.toRealPath()), known.getMessage());
			ProjectException twice = assertThrows(ProjectException.class, () -> p.images().add(List.of(b, bCopy)));
			assertTrue(twice.getMessage().contains("b-copy.tif: has the same content as " + b.toRealPath()), twice.getMessage());
			assertEquals(1, p.images().all().size());
			assertEquals(2, p.images().add(List.of(b, dir.resolve("nuclei_02.tif"), a)).size(), "one file named twice is one file, not a duplicate");
			assertEquals(2, p.images().all().size());
		}
	}

	@Test
	void everyBadFileIsReportedAndSkipBadRegistersTheOthers() throws IOException {
		Path good = sample("nuclei_01.tif");
		Path text = Files.writeString(dir.resolve("text.tif"), "not an image");
		Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
		Path twin = Files.copy(good, dir.resolve("twin.tif"));
		Path missing = dir.resolve("missing.tif");
		try (ProjectStore p = ProjectStore.create(dir.resolve("project"))) {
			ImagesRefusedException e = assertThrows(ImagesRefusedException.class, () -> p.images().add(List.of(good, text, empty, twin, missing)));
			assertEquals(List.of("text.tif", "empty.png", "twin.tif", "missing.tif"),
				e.problems().stream().map(x -> x.file().getFileName().toString()).toList());
			assertTrue(e.getMessage().contains("cannot register 4 of 5 file(s), so nothing was added"), e.getMessage());
			assertEquals(0, p.images().all().size());

			ImageRegistry.Registration r = p.images().register(List.of(good, text, empty, twin, missing), true);
			assertEquals(List.of(good.toRealPath()), r.images().stream().map(ImageRegistry.ImageRecord::path).toList());
			assertEquals(4, r.leftOut().size());
			assertThrows(ImagesRefusedException.class, () -> p.images().register(List.of(text, empty), true), "with nothing good, skipping adds nothing");
		}
	}

	@Test
	void imagesTheModelCannotTakeAreRefusedWhenRegistered() throws IOException {
		java.awt.image.BufferedImage rgb = new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
		rgb.setRGB(3, 4, 0x336699);
		Path colour = dir.resolve("colour.png");
		javax.imageio.ImageIO.write(rgb, "png", colour.toFile());
		Path plane = sample("nuclei_01.tif");
		try (ProjectStore p = ProjectStore.create(dir.resolve("project"))) {
			p.models().useModel(org.segloop.core.model.ModelPackage.open(Fixtures.BUNDLED_MODEL), Fixtures.BUNDLED_MODEL);
			ImageInputException e = assertThrows(ImageInputException.class, () -> p.images().add(List.of(colour)));
			assertTrue(e.getMessage().contains("colour.png: has 3 channel(s) but the model 'SegLoop nuclei U-Net 2D' needs 1"), e.getMessage());
		}
		Path onnx = org.segloop.testutil.TestModels.volumetric(dir.resolve("vol/model.onnx"));
		org.segloop.core.model.StarterPackage.create(onnx, dir.resolve("volpkg"), "vol", f -> {});
		try (ProjectStore p = ProjectStore.create(dir.resolve("project3d"))) {
			p.models().useModel(org.segloop.core.model.ModelPackage.open(dir.resolve("volpkg")), dir.resolve("volpkg"));
			ImageInputException e = assertThrows(ImageInputException.class, () -> p.images().add(List.of(plane)));
			assertTrue(e.getMessage().contains("is a single plane but the model 'vol' is 3D"), e.getMessage());
			assertEquals(1, p.images().add(List.of(sample("nuclei_stack.tif"))).size(), "a stack suits the 3D model");
		}
	}

	@Test
	void aMovedModelPackageIsNamedWhenImagesCannotBeCheckedAgainstIt() throws IOException {
		Path model = dir.resolve("model");
		try (var files = Files.walk(Fixtures.BUNDLED_MODEL)) {
			for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(Fixtures.BUNDLED_MODEL.resolve("samples"))).toList())
				Files.copy(f, Files.createDirectories(model.resolve(Fixtures.BUNDLED_MODEL.relativize(f)).getParent()).resolve(f.getFileName()));
		}
		Path image = sample("nuclei_01.tif");
		try (ProjectStore p = ProjectStore.create(dir.resolve("project"))) {
			p.models().useModel(org.segloop.core.model.ModelPackage.open(model), model);
			org.segloop.core.util.Folders.deleteQuietly(model);
			ProjectException e = assertThrows(ProjectException.class, () -> p.images().add(List.of(image)));
			assertTrue(e.getMessage().contains("cannot check images against the project's model") && e.getMessage().contains("put the model package back at "
				+ model.toAbsolutePath()), e.getMessage());
		}
	}

	@Test
	void aSchemaFourProjectOpensAndMigratesWithItsQueueIntact() throws Exception {
		Path folder = dir.resolve("old");
		Files.createDirectories(folder);
		try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(ProjectStore.DATABASE)); var s = c.createStatement()) {
			for (int v = 1; v <= 4; v++)
				for (String sql : Schema.MIGRATIONS.get(v - 1)) s.execute(sql);
			s.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '4')");
			s.execute("INSERT INTO images(id, path, sha256, width, height, channels, slices, frames, added_at) VALUES (7, '/x/a.tif', 'ab', 4, 4, 1, 1, 1, 0)");
			s.execute("INSERT INTO queue(image_id, status, score, random_key, served_count) VALUES (7, 'skipped', 0.25, 99, 3)");
		}
		try (ProjectStore p = ProjectStore.open(folder, ProjectStore.Access.READ_WRITE)) {
			assertEquals(Schema.latest(), p.schemaVersion());
			assertEquals("ok", p.integrityCheck());
			ImageQueue.Entry e = p.queue().entry(7).orElseThrow();
			assertEquals(QueueStatus.SKIPPED, e.status());
			assertEquals(0.25, e.score());
			assertEquals(3, e.servedCount());
			p.queue().remove(List.of(7L), "ana");
			assertEquals(1L, p.queue().counts().get(QueueStatus.REMOVED), "the migrated queue takes the new states");
			for (String index : List.of("queue_by_score", "queue_by_random", "queue_by_order", "queue_by_served", "images_by_sha"))
				assertEquals(1, count(p, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '" + index + "'"), index);
		}
	}

	private static int count(ProjectStore p, String sql) throws java.sql.SQLException {
		try (var s = p.connection().createStatement(); var r = s.executeQuery(sql)) {
			return r.getInt(1);
		}
	}
}
