package org.segloop.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.LabelTiffReader;
import org.segloop.core.image.LabelTiffReader.SampleType;
import org.segloop.core.loop.CorrectionIntake;
import org.segloop.core.loop.ProjectSetup;
import org.segloop.core.metrics.CorrectionMetrics.Kind;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ProjectSettings;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.ImageQueue;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.LabelTiffs;
import org.segloop.testutil.LabelTiffs.Compression;
import org.segloop.testutil.LabelTiffs.Layout;
import org.segloop.testutil.Projects;
import org.segloop.testutil.SyntheticImages;

/**
 * Correction masks of every pixel type (signed and unsigned 8/16/32-bit integers, 32/64-bit floats
 * holding whole numbers) in TIFF (both byte orders, strips, PackBits, LZW, Deflate, predictor) and
 * PNG (8/16-bit gray), accepted as instances and as classes: the stored labels equal the written
 * values bit for bit. Negative, fractional and too large values are refused naming the first bad pixel.
 */
class LabelTypesTest {

	private static final int W = 64, H = 64;

	@TempDir
	static Path dir;

	static ProjectStore project;

	@BeforeAll
	static void aProjectOfGeneratedImages() throws IOException {
		List<Path> files = new ArrayList<>();
		for (int i = 0; i < 21; i++) {
			Path f = dir.resolve(String.format("disks_%02d.tif", i));
			ImageFiles.write(SyntheticImages.disks(W, H, 1, 3, 100 + i).image(), f);
			files.add(f);
		}
		project = ProjectSetup.init(dir.resolve("project"), Fixtures.BUNDLED_MODEL, files, ProjectSettings.defaults());
		Projects.predict(project);
	}

	@AfterAll
	static void close() {
		project.close();
	}

	/** The label values of a type's test mask: its extremes that SegLoop stores, and ordinary labels. */
	private static double[] instanceValues(SampleType t) {
		return switch (t) {
			case INT8 -> new double[] { 0, 1, 5, 127 };
			case UINT8 -> new double[] { 0, 1, 200, 255 };
			case INT16 -> new double[] { 0, 1, 300, 32767 };
			case UINT16 -> new double[] { 0, 1, 40000, 65535 };
			case FLOAT32 -> new double[] { 0, 1, 70000, 16777216 };
			default -> new double[] { 0, 1, 16777217, Integer.MAX_VALUE }; // 32-bit integers and 64-bit floats: beyond float's 2^24
		};
	}

	private static double[] mask(double[] values) {
		double[] m = new double[W * H];
		for (int i = 0; i < m.length; i++) m[i] = values[((i % W) / 8 + (i / W) / 8) % values.length];
		return m;
	}

	private static Layout layout(int n, SampleType t) {
		Compression[] c = Compression.values();
		boolean integer = t != SampleType.FLOAT32 && t != SampleType.FLOAT64;
		Compression comp = c[n % c.length];
		boolean predictor = integer && (comp == Compression.LZW || comp == Compression.DEFLATE) && n % 3 == 0;
		return new Layout(n % 2 == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, comp, n % 4 == 0 ? 0 : 5 + n, predictor);
	}

	@Test
	void everyTiffTypeIsStoredWithItsTrueValuesAsInstancesAndAsClasses() throws IOException {
		int n = 0;
		for (SampleType t : SampleType.values())
			for (Kind kind : Kind.values()) {
				double[] written = mask(kind == Kind.INSTANCE ? instanceValues(t) : new double[] { 0, 1, 2 });
				Layout layout = layout(n++, t);
				Path file = LabelTiffs.write(dir.resolve("mask_" + t + "_" + kind + ".tif"), W, H, t, layout, written);
				assertStoredExactly(accept(file, kind), written, t + " " + kind + " " + layout);
			}
	}

	@Test
	void eightAndSixteenBitGrayPngsAreStoredWithTheirValues() throws IOException {
		for (int bits : new int[] { 8, 16 })
			for (Kind kind : Kind.values()) {
				double[] written = mask(kind == Kind.SEMANTIC ? new double[] { 0, 1, 2 } : bits == 8 ? new double[] { 0, 1, 128, 255 } : new double[] { 0, 1, 40000, 65535 });
				BufferedImage img = new BufferedImage(W, H, bits == 8 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_USHORT_GRAY);
				for (int i = 0; i < written.length; i++) img.getRaster().setSample(i % W, i / W, 0, (int) written[i]);
				Path file = dir.resolve("mask_" + bits + "_" + kind + ".png");
				assertTrue(ImageIO.write(img, "png", file.toFile()));
				assertStoredExactly(accept(file, kind), written, bits + "-bit PNG " + kind);
			}
	}

	@Test
	void negativeFractionalAndTooLargeLabelsAreRefusedNamingTheFirstBadPixel() throws IOException {
		ImageQueue.Lease lease = project.queue().next("ana").orElseThrow();
		CorrectionIntake intake = new CorrectionIntake(project);
		double[] m = mask(new double[] { 0, 1, 2, 3 });
		m[5 * W + 9] = -1;
		m[7 * W + 3] = -2;
		Path negative = LabelTiffs.write(dir.resolve("negative.tif"), W, H, SampleType.INT16, Layout.plain(), m);
		String e = assertThrows(ImageInputException.class, () -> intake.accept(lease.imageId(), lease.token(), negative, Kind.INSTANCE, 1.0)).getMessage();
		assertTrue(e.contains("negative.tif") && e.contains("-1") && e.contains("(x 9, y 5)") && e.contains("negative"), e);

		double[] f = mask(new double[] { 0, 1, 2 });
		f[2 * W + 40] = 1.5;
		Path fractional = LabelTiffs.write(dir.resolve("fractional.tif"), W, H, SampleType.FLOAT64, Layout.plain(), f);
		e = assertThrows(ImageInputException.class, () -> intake.accept(lease.imageId(), lease.token(), fractional, Kind.SEMANTIC, 1.0)).getMessage();
		assertTrue(e.contains("fractional.tif") && e.contains("1.5") && e.contains("(x 40, y 2)") && e.contains("not a whole number"), e);

		double[] big = mask(new double[] { 0, 1 });
		big[W * H - 1] = 3_000_000_000.0;
		Path tooLarge = LabelTiffs.write(dir.resolve("large.tif"), W, H, SampleType.UINT32, Layout.plain(), big);
		e = assertThrows(ImageInputException.class, () -> intake.accept(lease.imageId(), lease.token(), tooLarge, Kind.INSTANCE, 1.0)).getMessage();
		assertTrue(e.contains("large.tif") && e.contains("3000000000") && e.contains("(x 63, y 63)") && e.contains("largest label"), e);

		double[] classes = mask(new double[] { 0, 1, 2 });
		classes[W + 1] = 7;
		Path beyond = LabelTiffs.write(dir.resolve("beyond.tif"), W, H, SampleType.INT8, Layout.plain(), classes);
		e = assertThrows(ImageInputException.class, () -> intake.accept(lease.imageId(), lease.token(), beyond, Kind.SEMANTIC, 1.0)).getMessage();
		assertTrue(e.contains("beyond.tif") && e.contains("label 7") && e.contains("(x 1, y 1)") && e.contains("0 to 2"), e);
		int[] painted = new int[W * H];
		painted[3 * W + 4] = -5;
		var inMemory = new org.segloop.core.metrics.LabelVolume(W, H, 1, 1, new int[][] { painted }, new double[] { 1, 1, 1 });
		e = assertThrows(ImageInputException.class, () -> intake.accept(lease.imageId(), lease.token(), inMemory, Kind.INSTANCE, 1.0)).getMessage();
		assertTrue(e.contains("-5") && e.contains("(x 4, y 3)"), "labels painted in memory name the pixel too: " + e);
		assertEquals(0, project.corrections().all().stream().filter(c -> c.imageId() == lease.imageId()).count(), "nothing was stored");
		assertFalse(e.contains("Exception"), e);
	}

	@Test
	void tiffVariantsThatCannotBeReadExactlyAreRefusedByNameAndALoopingFileDoesNotHang() throws IOException {
		double[] m = mask(new double[] { 0, 1, 2 });
		Path jpeg = patchFirstPage(LabelTiffs.write(dir.resolve("jpeg.tif"), W, H, SampleType.UINT8, Layout.plain(), m), 259, 7);
		String e = assertThrows(ImageInputException.class, () -> LabelTiffReader.read(jpeg)).getMessage();
		assertTrue(e.contains("jpeg.tif") && e.contains("compressed with JPEG") && e.contains("LZW"), e);
		Path floatPredictor = patchFirstPage(LabelTiffs.write(dir.resolve("fp.tif"), W, H, SampleType.FLOAT32,
			new Layout(ByteOrder.LITTLE_ENDIAN, Compression.DEFLATE, 0, false), m), 317, 3);
		e = assertThrows(ImageInputException.class, () -> LabelTiffReader.read(floatPredictor)).getMessage();
		assertTrue(e.contains("fp.tif") && e.contains("predictor 3"), e);
		Path twelveBit = patchFirstPage(LabelTiffs.write(dir.resolve("twelve.tif"), W, H, SampleType.UINT16, Layout.plain(), m), 258, 12);
		e = assertThrows(ImageInputException.class, () -> LabelTiffReader.read(twelveBit)).getMessage();
		assertTrue(e.contains("twelve.tif") && e.contains("12-bit"), e);

		Path noCounts = LabelTiffs.write(dir.resolve("nocounts.tif"), W, H, SampleType.UINT16, new Layout(ByteOrder.LITTLE_ENDIAN, Compression.NONE, 9, false), m);
		byte[] nc = java.nio.file.Files.readAllBytes(noCounts);
		java.nio.ByteBuffer nb = java.nio.ByteBuffer.wrap(nc).order(ByteOrder.LITTLE_ENDIAN);
		int first = nb.getInt(4);
		for (int i = 0; i < (nb.getShort(first) & 0xffff); i++)
			if ((nb.getShort(first + 2 + 12 * i) & 0xffff) == 279) nb.putShort(first + 2 + 12 * i, (short) 0x8001); // StripByteCounts left out
		java.nio.file.Files.write(noCounts, nc);
		LabelTiffReader.Pages read = LabelTiffReader.read(noCounts);
		for (int i = 0; i < m.length; i++) assertEquals(m[i], read.value(0, i), "uncompressed strips without byte counts are read by their size");

		Path loop = LabelTiffs.write(dir.resolve("loop.tif"), W, H, SampleType.UINT8, Layout.plain(), m);
		byte[] b = java.nio.file.Files.readAllBytes(loop);
		java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		int ifd = bb.getInt(4);
		bb.putInt(ifd + 2 + 12 * (bb.getShort(ifd) & 0xffff), ifd); // the page's "next page" is itself
		java.nio.file.Files.write(loop, b);
		e = assertThrows(ImageInputException.class, () -> LabelTiffReader.read(loop)).getMessage();
		assertTrue(e.contains("loop.tif") && e.contains("points back"), e);
	}

	@Test
	void aStackKeepsItsSlicesAndSpacingAsImageJReadsThem() throws IOException {
		int[][] planes = new int[3][W * H];
		for (int z = 0; z < 3; z++) planes[z][z * 10 + 5] = 70000 + z; // above 16 bits: stored as 32-bit integers
		Path file = dir.resolve("stack.tif");
		org.segloop.core.image.Calibration cal = new org.segloop.core.image.Calibration(0.5, 0.25, 2.5, "micron", 0, 1, "");
		LabelFiles.write(new org.segloop.core.metrics.LabelVolume(W, H, 3, 1, planes, LabelFiles.spacing(cal)), file, cal);
		var record = new org.segloop.core.project.ImageRegistry.ImageRecord(1, file, "", W, H, 1, 3, 1, 0);
		LabelFiles.Calibrated read = LabelFiles.readWithCalibration(file, record, -1, "mask");
		for (int z = 0; z < 3; z++) org.junit.jupiter.api.Assertions.assertArrayEquals(planes[z], read.labels().labels()[z]);
		org.segloop.core.image.Calibration byImageJ = org.segloop.core.image.ImageReader.read(file).calibration();
		assertEquals(byImageJ.withoutValueFunction(), read.calibration());
		assertEquals(cal, read.calibration());
	}

	/** Sets a SHORT tag of the first page (little-endian file) to {@code value}. */
	private static Path patchFirstPage(Path file, int tag, int value) throws IOException {
		byte[] b = java.nio.file.Files.readAllBytes(file);
		java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		int ifd = bb.getInt(4);
		for (int i = 0; i < (bb.getShort(ifd) & 0xffff); i++) {
			int at = ifd + 2 + 12 * i;
			if ((bb.getShort(at) & 0xffff) == tag) bb.putShort(at + 8, (short) value);
		}
		return java.nio.file.Files.write(file, b);
	}

	private static Correction accept(Path mask, Kind kind) {
		ImageQueue.Lease lease = project.queue().next("ana").orElseThrow();
		return new CorrectionIntake(project).accept(lease.imageId(), lease.token(), mask, kind, 5.0);
	}

	private static void assertStoredExactly(Correction c, double[] written, String what) {
		LabelTiffReader.Pages stored = LabelTiffReader.read(project.files().resolve(c.maskFile()));
		assertEquals(1, stored.planes().size());
		for (int i = 0; i < written.length; i++)
			if (stored.value(0, i) != written[i]) throw new AssertionError(what + ": pixel " + i + " was written as " + (long) written[i]
				+ " but stored as " + (long) stored.value(0, i) + " (stored as " + stored.type() + ")");
	}
}
