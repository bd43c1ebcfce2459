package org.segloop.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.util.Hashing;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.IsolatedCache;
import org.segloop.testutil.TestModels;

@ExtendWith(IsolatedCache.class)
class ModelPackageTest {

	@TempDir
	Path dir;

	@Test
	void theBundledPackageDescribesABoundaryAwareTwoDimensionalModel() {
		ModelPackage pkg = Fixtures.bundledModel();
		ModelDescription d = pkg.description();
		assertEquals("0.5.3", d.formatVersion());
		assertEquals(List.of("y", "x"), d.input().spatialAxes().stream().map(AxisDescription::id).toList());
		assertEquals(new AxisSize.Parameterized(64, 16), d.input().axis("x").orElseThrow().size());
		assertEquals(16, d.output().axis("y").orElseThrow().halo());
		assertEquals(3, d.output().channelCount());
		assertTrue(d.output().processing().get(0) instanceof ProcessingStep.Softmax);
		assertEquals(SegLoopSettings.InstanceMode.BOUNDARY, d.settings().instanceMode());
		assertEquals(2, d.settings().boundaryChannel());
		assertNotNull(d.torchscript());
		assertEquals(13, pkg.opsetVersion());
	}

	@Test
	void aZippedPackageOpensFromTheCache() throws IOException {
		Path zip = dir.resolve("model.zip");
		try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.list(Fixtures.BUNDLED_MODEL)) {
			for (Path f : files.filter(Files::isRegularFile).toList()) {
				z.putNextEntry(new ZipEntry("nuclei/" + f.getFileName()));
				Files.copy(f, z);
			}
		}
		ModelPackage pkg = ModelPackage.open(zip);
		assertTrue(pkg.onnxFile().startsWith(IsolatedCache.folder()));
		assertEquals(Fixtures.bundledModel().name(), pkg.name());
	}

	@Test
	void aTextFileRenamedOnnxIsRejectedBeforeOnnxRuntimeSeesIt() throws IOException {
		Path pkg = Fixtures.copyBundledModel(Files.createTempDirectory(dir, "pkg"));
		Files.writeString(pkg.resolve("model.onnx"), "I am a text file, not a neural network.\n".repeat(5));
		updateSha(pkg);
		ModelPackageException e = expectError(pkg, "not a valid ONNX model file");
		assertEquals(pkg.resolve("model.onnx"), e.file());
	}

	@Test
	void aTruncatedOnnxIsRejected() throws IOException {
		Path pkg = Fixtures.copyBundledModel(Files.createTempDirectory(dir, "pkg"));
		byte[] onnx = Files.readAllBytes(pkg.resolve("model.onnx"));
		Files.write(pkg.resolve("model.onnx"), Arrays.copyOf(onnx, onnx.length / 2));
		updateSha(pkg);
		expectError(pkg, "cut short");
	}

	@Test
	void aChangedWeightsFileFailsItsSha256() throws IOException {
		Path pkg = Fixtures.copyBundledModel(Files.createTempDirectory(dir, "pkg"));
		byte[] onnx = Files.readAllBytes(pkg.resolve("model.onnx"));
		onnx[onnx.length - 10] ^= 1;
		Files.write(pkg.resolve("model.onnx"), onnx);
		expectError(pkg, "sha256");
	}

	@Test
	void missingAndMistypedFieldsAreNamedByTheirPath() throws IOException {
		Path pkg = Fixtures.copyBundledModel(Files.createTempDirectory(dir, "pkg"));
		Fixtures.editRdf(pkg, "inputs:", "inputz:");
		expectError(pkg, "'inputs' is missing");
		pkg = Fixtures.copyBundledModel(Files.createTempDirectory(dir, "pkg"));
		Fixtures.editRdf(pkg, "size: {min: 64, step: 16}", "size: {min: sixty-four, step: 16}");
		expectError(pkg, "'inputs[0].axes[2].size.min' must be an integer");
		pkg = Fixtures.copyBundledModel(Files.createTempDirectory(dir, "pkg"));
		Fixtures.editRdf(pkg, "format_version: 0.5.3", "format_version: 0.9.0");
		expectError(pkg, "format_version");
	}

	@Test
	void anUnknownProcessingIdListsTheSupportedOnes() throws IOException {
		Path pkg = Fixtures.copyBundledModel(Files.createTempDirectory(dir, "pkg"));
		Fixtures.editRdf(pkg, "id: scale_range", "id: magic_normalize");
		ModelPackageException e = expectError(pkg, "magic_normalize");
		assertTrue(e.fix().contains("zero_mean_unit_variance"), e.fix());
	}

	@Test
	void filesOutsideThePackageAndDownloadsAreRefused() throws IOException {
		Path pkg = Fixtures.copyBundledModel(Files.createTempDirectory(dir, "pkg"));
		Fixtures.editRdf(pkg, "source: model.onnx", "source: ../../model.onnx");
		expectError(pkg, "outside the package");
		pkg = Fixtures.copyBundledModel(Files.createTempDirectory(dir, "pkg"));
		Fixtures.editRdf(pkg, "source: model.onnx", "source: https://example.org/model.onnx");
		expectError(pkg, "download");
	}

	@Test
	void zipEntriesEscapingTheFolderAreRefused() throws IOException {
		Path zip = dir.resolve("slip.zip");
		try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
			z.putNextEntry(new ZipEntry("rdf.yaml"));
			z.write("type: model\n".getBytes(StandardCharsets.UTF_8));
			z.putNextEntry(new ZipEntry("../../evil.sh"));
			z.write("echo pwned".getBytes(StandardCharsets.UTF_8));
		}
		ModelPackageException e = assertThrows(ModelPackageException.class, () -> ModelPackage.open(zip));
		assertTrue(e.getMessage().contains("outside the package folder"), e.getMessage());
		assertTrue(Files.notExists(dir.resolve("evil.sh")) && Files.notExists(IsolatedCache.folder().resolve("evil.sh")));
	}

	@Test
	void aZipBombStopsAfterAFewMegabytes() throws IOException {
		Path zip = dir.resolve("bomb.zip");
		try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
			z.putNextEntry(new ZipEntry("model.onnx"));
			byte[] zeros = new byte[1 << 20];
			for (int i = 0; i < 64; i++) z.write(zeros);
		}
		ModelPackageException e = assertThrows(ModelPackageException.class, () -> ModelPackage.open(zip));
		assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
	}

	@Test
	void externalWeightDataOutsideTheModelFolderIsRefused() throws IOException {
		Path onnx = TestModels.externalData(dir.resolve("ext/model.onnx"), "../../../etc/passwd");
		ModelPackageException e = assertThrows(ModelPackageException.class, () -> OnnxFileScanner.checkExternalData(onnx, OnnxFileScanner.scan(onnx)));
		assertTrue(e.getMessage().contains("outside the model folder"), e.getMessage());
		Path inside = TestModels.externalData(dir.resolve("ext2/model.onnx"), "weights.bin");
		e = assertThrows(ModelPackageException.class, () -> OnnxFileScanner.checkExternalData(inside, OnnxFileScanner.scan(inside)));
		assertTrue(e.getMessage().contains("missing"), e.getMessage());
		Files.write(dir.resolve("ext2/weights.bin"), new byte[4]);
		OnnxFileScanner.checkExternalData(inside, OnnxFileScanner.scan(inside));
	}

	@Test
	void aVersion04DescriptionIsReadToo() throws IOException {
		Path pkg = Fixtures.copyBundledModel(Files.createTempDirectory(dir, "pkg"));
		String rdf04 = """
			format_version: 0.4.10
			type: model
			name: old style
			inputs:
			  - name: raw
			    axes: bcyx
			    data_type: float32
			    shape: {min: [1, 1, 64, 64], step: [0, 0, 16, 16]}
			    preprocessing:
			      - name: scale_range
			        kwargs: {mode: per_sample, axes: xy, min_percentile: 1.0, max_percentile: 99.8}
			outputs:
			  - name: probabilities
			    axes: bcyx
			    shape: {reference_tensor: raw, scale: [1, 1, 1, 1], offset: [0, 1, 0, 0]}
			    halo: [0, 0, 16, 16]
			    postprocessing:
			      - name: softmax
			test_inputs: [test_input.npy]
			test_outputs: [test_output.npy]
			weights:
			  onnx: {source: model.onnx}
			""";
		Files.writeString(pkg.resolve("rdf.yaml"), rdf04);
		ModelDescription d = ModelPackage.open(pkg).description();
		assertEquals(List.of("x", "y"), ((ProcessingStep.ScaleRange) d.input().processing().get(0)).axes());
		assertEquals(16, d.output().axis("x").orElseThrow().halo());
		assertEquals(new AxisSize.Parameterized(64, 16), d.input().axis("y").orElseThrow().size());
		assertEquals(3, d.output().channelCount());
	}

	@Test
	void anEmptyChannelNameListIsRefusedAtOpening() throws IOException {
		// once written by 'model init' for outputs whose size the graph hid; every segment then failed
		Path pkg = Fixtures.copyBundledModel(Files.createTempDirectory(dir, "pkg"));
		Fixtures.editRdf(pkg, "channel_names: [background, nucleus, boundary]", "channel_names: []");
		expectError(pkg, "outputs[0].axes[1].channel_names' is empty");
	}

	@Test
	void processingOnTheWrongSideIsRefusedAtOpeningNotInTheMiddleOfSegment() throws IOException {
		Path pkg = Fixtures.copyBundledModel(Files.createTempDirectory(dir, "pkg"));
		Fixtures.editRdf(pkg, "      - id: softmax", "      - id: zero_mean_unit_variance");
		expectError(pkg, "outputs[0].postprocessing[0]' is ZeroMeanUnitVariance, which SegLoop applies only as preprocessing");
	}

	@Test
	void recordingTestTensorsChangesOnlyTheirEntriesInRdfYaml() {
		String rdf = """
			inputs:
			  - id: raw  # the image
			    axes: [{type: channel, channel_names: [raw]}]
			    test_tensor: {source: in.npy, sha256: 0000}
			    preprocessing:
			      - id: raw
			outputs:
			  - id: "probs"
			    axes: [{type: channel, channel_names: [a, b]}]
			    postprocessing:  # edited by hand
			      - id: softmax
			    test_tensor:
			      sha256: 1111
			      source: old.npy

			    data: {type: float32}
			weights: {}
			""".stripIndent();
		String once = TestTensorEntries.set(rdf, "inputs", "raw", "test_input.npy", "aaaa");
		String twice = TestTensorEntries.set(once, "outputs", "probs", "test_output.npy", "bbbb");
		assertEquals("""
			inputs:
			  - id: raw  # the image
			    axes: [{type: channel, channel_names: [raw]}]
			    test_tensor:
			      source: test_input.npy
			      sha256: aaaa
			    preprocessing:
			      - id: raw
			outputs:
			  - id: "probs"
			    axes: [{type: channel, channel_names: [a, b]}]
			    postprocessing:  # edited by hand
			      - id: softmax
			    test_tensor:
			      source: test_output.npy
			      sha256: bbbb

			    data: {type: float32}
			weights: {}
			""".stripIndent(), twice);
		// a tensor without an entry gets one under its id line
		String added = TestTensorEntries.set(rdf.replace("    test_tensor: {source: in.npy, sha256: 0000}\n", ""), "inputs", "raw", "t.npy", "cccc");
		assertTrue(added.contains("  - id: raw  # the image\n    test_tensor:\n      source: t.npy\n      sha256: cccc\n    axes:"), added);
	}

	private ModelPackageException expectError(Path pkg, String fragment) {
		ModelPackageException e = assertThrows(ModelPackageException.class, () -> ModelPackage.open(pkg));
		assertTrue(e.getMessage().contains(fragment), e.getMessage());
		assertTrue(!e.fix().isBlank());
		return e;
	}

	private static void updateSha(Path pkg) throws IOException {
		String text = Files.readString(pkg.resolve("rdf.yaml"));
		String old = text.substring(text.indexOf("source: model.onnx"));
		String oldSha = old.substring(old.indexOf("sha256: ") + 8, old.indexOf("sha256: ") + 8 + 64);
		Files.writeString(pkg.resolve("rdf.yaml"), text.replace(oldSha, Hashing.sha256(pkg.resolve("model.onnx"))));
	}

}
