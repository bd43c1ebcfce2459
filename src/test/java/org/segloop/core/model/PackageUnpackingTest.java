package org.segloop.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.IsolatedCache;

/**
 * A zipped package is unpacked within caps on its total size and on how much it grows, counted on
 * the bytes written (headers can lie), and a refused package leaves nothing in the cache. A 9 MB
 * zip once unpacked 1.1 GB: it grew 120 times, under the old cap of 200.
 */
@ExtendWith(IsolatedCache.class)
class PackageUnpackingTest {

	@TempDir
	Path dir;

	@AfterEach
	void clearLimits() {
		System.clearProperty(SafeUnzip.MAX_UNPACKED_MIB);
		System.clearProperty(SafeUnzip.MAX_RATIO);
	}

	@Test
	void aZipThatGrowsAHundredFoldIsRefusedAndLeavesNothingInTheCache() throws IOException {
		Path zip = dir.resolve("grows.zip");
		long written = writeCompressible(zip, 160 << 20, 1024); // one random byte per KiB: about 120 times smaller
		long ratio = written / Files.size(zip);
		assertTrue(ratio > 60 && ratio < 200, "the archive grows " + ratio + " times"); // the old cap let it through
		ModelPackageException e = assertThrows(ModelPackageException.class, () -> ModelPackage.open(zip));
		assertTrue(e.getMessage().contains("more than 20 times its own size"), e.getMessage());
		assertTrue(e.fix().contains(SafeUnzip.MAX_RATIO), e.fix());
		assertCacheHoldsNoPackage();
	}

	@Test
	void theCapOnTheTotalSizeIsConfigurableAndCountedOnTheBytesWritten() throws IOException {
		Path zip = zipOfBundledModel();
		System.setProperty(SafeUnzip.MAX_UNPACKED_MIB, "1");
		ModelPackageException e = assertThrows(ModelPackageException.class, () -> ModelPackage.open(zip));
		assertTrue(e.getMessage().contains("unpacks to more than 1 MiB"), e.getMessage());
		assertTrue(e.fix().contains("-D" + SafeUnzip.MAX_UNPACKED_MIB), e.fix());
		assertCacheHoldsNoPackage();

		System.setProperty(SafeUnzip.MAX_UNPACKED_MIB, "8");
		assertEquals(Fixtures.bundledModel().name(), ModelPackage.open(zip).name());
	}

	@Test
	void aDeclaredEntrySizeAboveTheCapIsRefusedBeforeWriting() throws IOException {
		Path zip = dir.resolve("declared.zip");
		try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
			ZipEntry e = new ZipEntry("model.onnx");
			byte[] data = new byte[3 << 20];
			new Random(1).nextBytes(data);
			e.setMethod(ZipEntry.STORED);
			e.setSize(data.length);
			java.util.zip.CRC32 crc = new java.util.zip.CRC32();
			crc.update(data);
			e.setCrc(crc.getValue());
			z.putNextEntry(e);
			z.write(data);
		}
		System.setProperty(SafeUnzip.MAX_UNPACKED_MIB, "2");
		ModelPackageException e = assertThrows(ModelPackageException.class, () -> ModelPackage.open(zip));
		assertTrue(e.getMessage().contains("'model.onnx' declares 3 MiB"), e.getMessage());
		assertCacheHoldsNoPackage();
	}

	@Test
	void aZipThatHoldsNoPackageIsNotKeptInTheCache() throws IOException {
		Path zip = dir.resolve("photos.zip");
		writeCompressible(zip, 4 << 20, 4);
		ModelPackageException e = assertThrows(ModelPackageException.class, () -> ModelPackage.open(zip));
		assertTrue(e.getMessage().contains("contains no rdf.yaml"), e.getMessage());
		assertEquals(zip, e.file());
		assertCacheHoldsNoPackage();
	}

	@Test
	void aMalformedLimitIsNamedWithItsProperty() throws IOException {
		Path zip = zipOfBundledModel();
		System.setProperty(SafeUnzip.MAX_RATIO, "lots");
		ModelPackageException e = assertThrows(ModelPackageException.class, () -> ModelPackage.open(zip));
		assertTrue(e.getMessage().contains(SafeUnzip.MAX_RATIO + "=lots"), e.getMessage());
	}

	/** Writes {@code size} bytes of zeros with one random byte every {@code every} bytes; returns the size. */
	private static long writeCompressible(Path zip, int size, int every) throws IOException {
		Random random = new Random(7);
		byte[] block = new byte[1 << 20];
		try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
			z.putNextEntry(new ZipEntry("pkg/model.onnx"));
			for (int written = 0; written < size; written += block.length) {
				java.util.Arrays.fill(block, (byte) 0);
				for (int i = 0; i < block.length; i += every) block[i + random.nextInt(every)] = (byte) random.nextInt(256);
				z.write(block);
			}
		}
		return size;
	}

	private Path zipOfBundledModel() throws IOException {
		Path zip = dir.resolve("model.zip");
		try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.list(Fixtures.BUNDLED_MODEL)) {
			for (Path f : files.filter(Files::isRegularFile).toList()) {
				z.putNextEntry(new ZipEntry("nuclei/" + f.getFileName()));
				Files.copy(f, z);
			}
		}
		return zip;
	}

	private static void assertCacheHoldsNoPackage() throws IOException {
		Path packages = IsolatedCache.folder().resolve("packages");
		if (!Files.exists(packages)) return;
		try (Stream<Path> s = Files.list(packages)) {
			List<Path> left = s.toList();
			assertTrue(left.isEmpty(), "left in the cache: " + left);
		}
	}
}
