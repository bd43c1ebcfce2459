package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageReader;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.image.TiffWriter;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.SyntheticImages;
import org.segloop.testutil.TestModels;

/** The command line as a user runs it: exit codes, files written, messages. */
class CliTest {

	@TempDir
	Path dir;

	record Run(int code, String out, String err) {}

	static Run cli(Object... args) {
		StringWriter out = new StringWriter(), err = new StringWriter();
		List<String> a = new ArrayList<>();
		for (Object o : args) a.add(o.toString());
		int code = Main.run(a.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
		return new Run(code, out.toString(), err.toString());
	}

	@Test
	void modelCheckPassesOnTheBundledModel() {
		Run r = cli("model", "check", Fixtures.BUNDLED_MODEL, "--json");
		assertEquals(0, r.code(), r.err());
		assertTrue(r.out().contains("\"passed\": true"), r.out());
	}

	@Test
	void segmentWritesMasksForAPngATiffStackAndADicom() throws IOException {
		SyntheticImages.Disks disks = SyntheticImages.disks(160, 120, 3, 6, 7);
		Path stack = dir.resolve("in/stack.tif");
		try (TiffWriter w = new TiffWriter(stack, 160, 120, 1, 3, 1, TiffWriter.PixelType.UINT16, Calibration.none())) {
			for (int z = 0; z < 3; z++) w.writePage(z, disks.image().plane(0, z, 0));
			w.commit();
		}
		BufferedImage png = new BufferedImage(160, 120, BufferedImage.TYPE_BYTE_GRAY);
		short[] first = (short[]) disks.image().plane(0, 0, 0);
		for (int i = 0; i < first.length; i++) png.getRaster().setSample(i % 160, i / 160, 0, Math.min(255, (first[i] & 0xffff) / 16));
		ImageIO.write(png, "png", dir.resolve("in/plane.png").toFile());
		DicomSeriesMaker.writeSlice(DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.50", "1.2.826.0.1.3680043.9.7.50.1", 160, 120, 1)
			.withGeometry(0.5, 2, new double[] { 1, 0, 0 }, new double[] { 0, 1, 0 }, new double[] { 0, 0, 0 }).withVoxels((xy, z) -> first[xy] & 0xffff),
			0, dir.resolve("in/ct.dcm"));

		Run r = cli("segment", Fixtures.BUNDLED_MODEL, dir.resolve("in"), "--out", dir.resolve("out"), "--probabilities", "uint8");
		assertEquals(0, r.code(), r.err());
		for (String name : List.of("stack", "plane", "ct")) {
			ImageVolume classes = ImageReader.read(dir.resolve("out/" + name + "_classes.tif"));
			ImageVolume instances = ImageReader.read(dir.resolve("out/" + name + "_instances.tif"));
			ImageVolume prob = ImageReader.read(dir.resolve("out/" + name + "_probabilities.tif"));
			assertEquals(160, classes.width());
			assertEquals(3, prob.channels());
			assertEquals(name.equals("stack") ? 3 : 1, instances.slices());
			int objects = 0;
			short[] labels = (short[]) instances.plane(0, 0, 0);
			for (short l : labels) objects = Math.max(objects, l);
			assertEquals(disks.truth()[0].length > 0 ? countInstances(disks.truth()[0]) : 0, objects, name);
		}
	}

	@Test
	void imagesOfOneBatchThatShareANameGetResultsOfTheirOwn() throws IOException {
		SyntheticImages.Disks few = SyntheticImages.disks(96, 80, 1, 2, 3), many = SyntheticImages.disks(96, 80, 1, 7, 4);
		for (var e : java.util.Map.of("d1/x.tif", few, "d2/x.tif", many, "d2/X.png", few).entrySet()) {
			Path file = dir.resolve(e.getKey());
			Files.createDirectories(file.getParent());
			if (file.toString().endsWith(".png")) ImageIO.write(gray8(e.getValue()), "png", file.toFile());
			else try (TiffWriter w = new TiffWriter(file, 96, 80, 1, 1, 1, TiffWriter.PixelType.UINT16, Calibration.none())) {
				w.writePage(0, e.getValue().image().plane(0, 0, 0));
				w.commit();
			}
		}
		Run r = cli("segment", Fixtures.BUNDLED_MODEL, dir.resolve("d1/x.tif"), dir.resolve("d2/x.tif"), dir.resolve("d2/X.png"),
			"--out", dir.resolve("out"), "--probabilities", "none", "--json");
		assertEquals(0, r.code(), r.err());
		assertTrue(r.out().contains("x_classes.tif") && r.out().contains("x-2_classes.tif") && r.out().contains("X-3_classes.tif"), r.out());
		assertEquals(countInstances(few.truth()[0]), maxLabel(dir.resolve("out/x_instances.tif")), "the first x.tif keeps its name");
		assertEquals(countInstances(many.truth()[0]), maxLabel(dir.resolve("out/x-2_instances.tif")), "the second is not overwritten by it");
		assertTrue(Files.exists(dir.resolve("out/X-3_instances.tif")), "names differing only in case do not collide either");
	}

	private static BufferedImage gray8(SyntheticImages.Disks disks) {
		BufferedImage png = new BufferedImage(disks.image().width(), disks.image().height(), BufferedImage.TYPE_BYTE_GRAY);
		short[] p = (short[]) disks.image().plane(0, 0, 0);
		for (int i = 0; i < p.length; i++) png.getRaster().setSample(i % png.getWidth(), i / png.getWidth(), 0, Math.min(255, (p[i] & 0xffff) / 16));
		return png;
	}

	private static int maxLabel(Path file) {
		int max = 0;
		for (short l : (short[]) ImageReader.read(file).plane(0, 0, 0)) max = Math.max(max, l & 0xffff);
		return max;
	}

	@Test
	void aBadImageAmongGoodOnesFailsWithExitCodeOneAndNamesTheFile() throws IOException {
		Files.createDirectories(dir.resolve("in"));
		Files.writeString(dir.resolve("in/broken.tif"), "not a tiff");
		Run r = cli("segment", Fixtures.BUNDLED_MODEL, dir.resolve("in/broken.tif"), "--out", dir.resolve("out"));
		assertEquals(1, r.code());
		assertTrue(r.err().contains("broken.tif"), r.err());
	}

	@Test
	void wrongUsageExitsWithTwo() {
		assertEquals(2, cli("segment", "--no-such-option").code());
	}

	@Test
	void aForeignRgbChannelsLastModelRunsAfterModelInit() throws IOException {
		Path onnx = TestModels.rgbChannelsLast(dir.resolve("foreign/rgb.onnx"));
		Run init = cli("model", "init", onnx, "--out", dir.resolve("rgbpkg"));
		assertEquals(0, init.code(), init.err());
		assertTrue(init.out().contains("byxc"), init.out());
		assertEquals(0, cli("model", "check", dir.resolve("rgbpkg")).code());

		BufferedImage rgb = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
		int truth = 0;
		for (int y = 0; y < 150; y++)
			for (int x = 0; x < 200; x++) {
				boolean in = (x - 60) * (x - 60) + (y - 70) * (y - 70) < 400 || (x - 150) * (x - 150) + (y - 80) * (y - 80) < 300;
				rgb.setRGB(x, y, in ? 0xE0D0C0 : 0x201810);
				if (in) truth++;
			}
		ImageIO.write(rgb, "png", dir.resolve("rgb.png").toFile());
		Run seg = cli("segment", dir.resolve("rgbpkg"), dir.resolve("rgb.png"), "--out", dir.resolve("rgbout"), "--json");
		assertEquals(0, seg.code(), seg.err());
		byte[] mask = (byte[]) ImageReader.read(dir.resolve("rgbout/rgb_classes.tif")).plane(0, 0, 0);
		int fg = 0;
		for (byte b : mask) fg += b;
		assertEquals(truth, fg, 0.02 * truth);
		assertTrue(seg.out().contains("\"instances\": 2"), seg.out());
	}

	@Test
	void aThreeDimensionalModelSegmentsAStackInThreeDimensionalTiles() throws IOException {
		Path onnx = TestModels.volumetric(dir.resolve("vol/model.onnx"));
		assertEquals(0, cli("model", "init", onnx, "--out", dir.resolve("volpkg")).code());
		Path rdf = dir.resolve("volpkg/rdf.yaml");
		// the user's small edit: this model takes any size; z tiles of 8 with a 1-voxel halo
		String text = Files.readString(rdf).replace("size: {min: 64, step: 16}", "size: {min: 8, step: 1}")
			.replace("size: {tensor_id: input, axis_id: z}", "size: {tensor_id: input, axis_id: z}\n        halo: 1");
		Files.writeString(rdf, text);
		SyntheticImages.Disks disks = SyntheticImages.disks(48, 40, 20, 3, 9);
		Path stack = dir.resolve("vol.tif");
		try (TiffWriter w = new TiffWriter(stack, 48, 40, 1, 20, 1, TiffWriter.PixelType.UINT16, Calibration.none())) {
			for (int z = 0; z < 20; z++) w.writePage(z, disks.image().plane(0, z, 0));
			w.commit();
		}
		Run seg = cli("segment", dir.resolve("volpkg"), stack, "--out", dir.resolve("volout"), "--tile-z", "8", "--json");
		assertEquals(0, seg.code(), seg.err());
		ImageVolume classes = ImageReader.read(dir.resolve("volout/vol_classes.tif"));
		assertEquals(20, classes.slices());
		assertTrue(seg.out().contains("\"tiles\": 4"), seg.out());
	}

	@Test
	void aMissingModelPackageIsAUserError() {
		Run r = cli("model", "check", dir.resolve("nothing-here"));
		assertEquals(1, r.code());
		assertTrue(r.err().contains("nothing-here") && r.err().contains("does not exist"), r.err());
	}

	private static int countInstances(int[] truth) {
		int max = 0;
		for (int t : truth) max = Math.max(max, t);
		return max;
	}
}
