package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segloop.cli.CliTest.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.image.ImageReader;
import org.segloop.core.model.ModelPackage;
import org.segloop.testutil.TestModels;
import org.segloop.testutil.TestModels.Network;

/**
 * README's "bring your own model" steps, as written, on generated graphs shaped like public
 * segmentation networks: {@code model init}, edit the GUESS lines, {@code model record-tests},
 * {@code model check}, {@code segment}.
 */
class BringYourOwnModelTest {

	@TempDir
	Path dir;

	@Test
	void readmeStepsWorkOnAThreeClassRgbNetworkWithImageNetNormalisation() throws IOException {
		Path onnx = TestModels.rgbNetwork(dir.resolve("download/fcn.onnx"), Network.torchvisionLike());
		Path pkg = Path.of("").toAbsolutePath().relativize(dir.resolve("models/fcn")); // relative, as typed

		CliTest.Run init = cli("model", "init", onnx, "--out", pkg);
		assertEquals(0, init.code(), init.err());
		String rdf = Files.readString(pkg.resolve("rdf.yaml"));
		// what the graph and the test run determine is filled in: 3 output channels, the output at the input's size
		assertTrue(rdf.contains("channel_names: [background, class1, class2]"), rdf);
		assertTrue(rdf.contains("size: {tensor_id: input, axis_id: y}"), rdf);
		// every guess is marked: normalisation, class names, raw logits, which of the two outputs, instances
		assertGuess(rdf, "preprocessing:");
		assertGuess(rdf, "channel_names: [background, class1, class2]");
		assertGuess(rdf, "postprocessing:");
		assertGuess(rdf, "- id: \"out\"");
		assertTrue(line(rdf, "- id: \"out\"").contains("aux"), "names the other output: " + rdf);
		assertGuess(rdf, "instance_mode:");
		assertGuess(rdf, "size: {min: 64, step: 16}");
		assertEquals(0, cli("model", "check", pkg).code());

		// the user's edits: ImageNet normalisation of 0..255 RGB, and the class names
		String edited = rdf.substring(0, rdf.indexOf("    preprocessing:")) + """
			    preprocessing:  # as torchvision trains: RGB / 255, then ImageNet mean and std
			      - id: scale_linear
			        kwargs: {gain: 0.00392156862745098, offset: 0}
			      - id: fixed_zero_mean_unit_variance
			        kwargs: {mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], axis: channel}
			""".stripIndent() + rdf.substring(rdf.indexOf("outputs:"));
		edited = edited.replace("channel_names: [background, class1, class2]", "channel_names: [background, red_cell, green_cell]");
		Files.writeString(pkg.resolve("rdf.yaml"), edited);

		// the recorded test output came from the old normalisation: check says so and how to fix it
		CliTest.Run stale = cli("model", "check", pkg);
		assertEquals(1, stale.code(), stale.out());
		assertTrue((stale.out() + stale.err()).contains("segloop model record-tests " + pkg), stale.out() + stale.err());

		CliTest.Run record = cli("model", "record-tests", pkg);
		assertEquals(0, record.code(), record.err());
		String after = Files.readString(pkg.resolve("rdf.yaml"));
		assertTrue(after.contains("mean: [0.485, 0.456, 0.406]") && after.contains("red_cell, green_cell"), "edits kept: " + after);
		assertTrue(after.contains("# as torchvision trains"), "comments kept: " + after);
		ModelPackage.open(pkg); // every sha256 matches its file again

		CliTest.Run check = cli("model", "check", pkg, "--json");
		assertEquals(0, check.code(), check.out() + check.err());
		assertTrue(check.out().contains("\"passed\": true"), check.out());

		// an RGB photograph: red and green cells on a dark background
		int w = 300, h = 200;
		BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		int[] truth = new int[w * h];
		int[][] cells = { { 60, 60, 30, 1 }, { 170, 70, 35, 2 }, { 240, 150, 28, 1 }, { 90, 150, 25, 2 } };
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int colour = 0x141414;
				for (int[] c : cells)
					if ((x - c[0]) * (x - c[0]) + (y - c[1]) * (y - c[1]) < c[2] * c[2]) {
						truth[y * w + x] = c[3];
						colour = c[3] == 1 ? 0xDC2828 : 0x28DC28;
					}
				rgb.setRGB(x, y, colour);
			}
		ImageIO.write(rgb, "png", dir.resolve("cells.png").toFile());
		CliTest.Run seg = cli("segment", pkg, dir.resolve("cells.png"), "--out", dir.resolve("results"), "--json");
		assertEquals(0, seg.code(), seg.err());
		assertTrue(seg.out().contains("\"instances\": 4"), seg.out());
		byte[] classes = (byte[]) ImageReader.read(dir.resolve("results/cells_classes.tif")).plane(0, 0, 0);
		int wrong = 0;
		for (int i = 0; i < truth.length; i++) if (classes[i] != truth[i]) wrong++;
		assertTrue(wrong < 0.02 * truth.length, wrong + " of " + truth.length + " pixels in the wrong class");
	}

	@Test
	void aFixedSizeChannelsLastNetworkGetsItsAxesFromTheGraphAndSegmentsLargerImages() throws IOException {
		Path onnx = TestModels.rgbNetwork(dir.resolve("nhwc.onnx"), new Network(true, 96, false, 4, false));
		Path pkg = dir.resolve("nhwc");
		CliTest.Run init = cli("model", "init", onnx, "--out", pkg);
		assertEquals(0, init.code(), init.err());
		assertTrue(init.out().contains("input axes byxc, output axes byxc"), init.out());
		String rdf = Files.readString(pkg.resolve("rdf.yaml"));
		assertTrue(rdf.contains("size: 96"), rdf);
		assertFalse(rdf.contains("aux"), rdf);
		assertEquals(0, cli("model", "check", pkg).code());
		BufferedImage rgb = new BufferedImage(150, 130, BufferedImage.TYPE_INT_RGB);
		ImageIO.write(rgb, "png", dir.resolve("dark.png").toFile());
		CliTest.Run seg = cli("segment", pkg, dir.resolve("dark.png"), "--out", dir.resolve("out"), "--json");
		assertEquals(0, seg.code(), seg.err());
	}

	@Test
	void theSegmentationOutputIsFoundBehindAClassScoreOutput() throws IOException {
		Path onnx = TestModels.rgbNetwork(dir.resolve("smp.onnx"), new Network(false, 0, false, 8, true));
		Path pkg = dir.resolve("smp");
		CliTest.Run init = cli("model", "init", onnx, "--out", pkg);
		assertEquals(0, init.code(), init.err());
		assertTrue(init.out().contains("(graph output 'out')"), init.out());
		String rdf = Files.readString(pkg.resolve("rdf.yaml"));
		assertTrue(rdf.contains("- id: \"out\"\n"), "the only output at the input's size: no guess; " + rdf);
		assertEquals(0, cli("model", "check", pkg).code());
		BufferedImage rgb = new BufferedImage(90, 70, BufferedImage.TYPE_INT_RGB);
		ImageIO.write(rgb, "png", dir.resolve("dark.png").toFile());
		assertEquals(0, cli("segment", pkg, dir.resolve("dark.png"), "--out", dir.resolve("out")).code());
	}

	@Test
	void anOutputSmallerThanItsInputByValidConvolutionsGetsItsOffset() throws IOException {
		Path pkg = dir.resolve("valid");
		CliTest.Run init = cli("model", "init", TestModels.validConvolutions(dir.resolve("valid.onnx")), "--out", pkg);
		assertEquals(0, init.code(), init.err());
		String rdf = Files.readString(pkg.resolve("rdf.yaml"));
		assertTrue(rdf.contains("size: {tensor_id: input, axis_id: y, offset: -2}"), rdf);
		assertEquals(0, cli("model", "check", pkg).code());
		Path png = dir.resolve("gray.png");
		ImageIO.write(new BufferedImage(100, 80, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
		assertEquals(0, cli("segment", pkg, png, "--out", dir.resolve("o")).code());
		assertEquals(100, ImageReader.read(dir.resolve("o/gray_classes.tif")).width());
	}

	@Test
	void modelCheckRejectsWhatSegmentWouldReject() throws IOException {
		// class names that do not match the output's channels
		Path pkg = dir.resolve("fcn");
		assertEquals(0, cli("model", "init", TestModels.rgbNetwork(dir.resolve("fcn.onnx"), Network.torchvisionLike()), "--out", pkg).code());
		Path rdf = pkg.resolve("rdf.yaml");
		Files.writeString(rdf, Files.readString(rdf).replace("channel_names: [background, class1, class2]", "channel_names: [background, cell]"));
		BufferedImage rgb = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
		ImageIO.write(rgb, "png", dir.resolve("x.png").toFile());
		assertEquals(1, cli("segment", pkg, dir.resolve("x.png"), "--out", dir.resolve("o")).code());
		CliTest.Run check = cli("model", "check", pkg);
		assertEquals(1, check.code(), check.out());
		assertTrue(check.err().contains("3 channels") && check.err().contains("2 channel name"), check.err());
		String recorded = Files.readString(rdf);
		byte[] output = Files.readAllBytes(pkg.resolve("test_output.npy"));
		assertEquals(1, cli("model", "record-tests", pkg).code(), "re-recording does not paper over the contradiction");
		assertEquals(recorded, Files.readString(rdf));
		assertTrue(java.util.Arrays.equals(output, Files.readAllBytes(pkg.resolve("test_output.npy"))), "nothing written");

		// a size rule the model does not honour (it needs multiples of 32; the starter guessed steps of 16)
		Path strict = dir.resolve("strict");
		assertEquals(0, cli("model", "init", TestModels.needsMultiplesOf(dir.resolve("strict.onnx"), 32), "--out", strict).code());
		Path png = dir.resolve("gray.png");
		ImageIO.write(new BufferedImage(100, 100, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
		assertEquals(1, cli("segment", strict, png, "--out", dir.resolve("o2")).code());
		CliTest.Run strictCheck = cli("model", "check", strict);
		assertEquals(1, strictCheck.code(), strictCheck.out());
		assertTrue(strictCheck.err().contains("80") && strictCheck.err().contains("{min: 64, step: 16}"), strictCheck.err());
		Files.writeString(strict.resolve("rdf.yaml"), Files.readString(strict.resolve("rdf.yaml")).replace("{min: 64, step: 16}", "{min: 64, step: 32}"));
		assertEquals(0, cli("model", "record-tests", strict).code());
		assertEquals(0, cli("model", "check", strict).code());
		assertEquals(0, cli("segment", strict, png, "--out", dir.resolve("o3")).code());
	}

	@Test
	void inputChannelsAndSizesThatContradictTheGraphAreRejectedByCheckAndSegmentAlike() throws IOException {
		Path pkg = dir.resolve("nhwc");
		assertEquals(0, cli("model", "init", TestModels.rgbNetwork(dir.resolve("nhwc.onnx"), new Network(true, 96, false, 4, false)), "--out", pkg).code());
		Path rdf = pkg.resolve("rdf.yaml");
		String original = Files.readString(rdf);
		Path gray = dir.resolve("gray.png");
		ImageIO.write(new BufferedImage(100, 100, BufferedImage.TYPE_BYTE_GRAY), "png", gray.toFile());

		Files.writeString(rdf, original.replace("channel_names: [channel0, channel1, channel2]", "channel_names: [gray]"));
		CliTest.Run check = cli("model", "check", pkg);
		assertEquals(1, check.code());
		assertTrue(check.err().contains("1 channel name(s) [gray] but the ONNX graph takes 3 channels"), check.err());
		assertEquals(1, cli("segment", pkg, gray, "--out", dir.resolve("o")).code());

		Files.writeString(rdf, original.replaceFirst("size: 96", "size: {min: 64, step: 16}"));
		check = cli("model", "check", pkg);
		assertEquals(1, check.code());
		assertTrue(check.err().contains("the ONNX graph fixes it to 96") && check.err().contains("size: 96"), check.err());
	}

	@Test
	void modelInitDoesNotOverwriteEditsAndPointsAtRecordTests() throws IOException {
		Path onnx = TestModels.rgbNetwork(dir.resolve("fcn.onnx"), Network.torchvisionLike());
		Path pkg = dir.resolve("fcn");
		assertEquals(0, cli("model", "init", onnx, "--out", pkg).code());
		CliTest.Run again = cli("model", "init", onnx, "--out", pkg);
		assertEquals(1, again.code());
		assertTrue(again.err().contains("model record-tests"), again.err());
	}

	private static void assertGuess(String rdf, String text) {
		assertTrue(line(rdf, text).contains("GUESS"), "'" + text + "' is marked GUESS in:\n" + rdf);
	}

	private static String line(String rdf, String text) {
		return List.of(rdf.split("\n")).stream().filter(l -> l.contains(text)).findFirst().orElse("(missing: " + text + ")");
	}
}
