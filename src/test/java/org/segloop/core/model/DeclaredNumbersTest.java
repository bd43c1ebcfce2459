package org.segloop.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.IsolatedCache;

/**
 * Every number rdf.yaml declares is bounded by what it can mean before anything is sized by it,
 * and every parser failure names the rdf.yaml, the field and the fix.
 */
@ExtendWith(IsolatedCache.class)
class DeclaredNumbersTest {

	private static final String MIN = "size: {min: 64, step: 16}";
	private static final String REF = "size: {tensor_id: raw, axis_id: y}";

	@TempDir
	Path dir;

	@Test
	void aHaloOfTwoBillionIsRefusedAtOpening() throws IOException {
		// model check said PASSED and segment ran out of memory sizing a tile around it
		refused(edited("halo: 16", "halo: 2000000000"), "outputs[0].axes[2].halo");
	}

	@Test
	void aHaloNeedingATileLargerThanSegLoopRunsIsRefused() throws IOException {
		ModelPackageException e = refused(editedAll("halo: 16", "halo: 300000"), "halo");
		assertTrue(e.getMessage().contains("tile"), e.getMessage());
	}

	@Test
	void hugeSizesMinimaAndStepsAreRefusedByFieldNotByAnArithmeticOverflow() throws IOException {
		refused(edited(MIN, "size: {min: 2000000000, step: 16}"), "inputs[0].axes[2].size.min");
		refused(edited(MIN, "size: {min: 64, step: 2000000000}"), "inputs[0].axes[2].size.step");
		refused(edited(REF, "size: {tensor_id: raw, axis_id: y, offset: 2000000000}"), "outputs[0].axes[2].size.offset");
		refused(edited(MIN, "size: 3000000"), "inputs[0].axes[2].size");
	}

	@Test
	void aNumberBeyondTheIntegerRangeIsNotSilentlyWrappedAround() throws IOException {
		// 99999999999 was read as 1215752191
		refused(edited(MIN, "size: {min: 99999999999, step: 16}"), "inputs[0].axes[2].size.min");
		refused(edited("halo: 16", "halo: -99999999999"), "outputs[0].axes[2].halo");
	}

	@Test
	void fixedSizesWhoseTileHoldsMoreValuesThanSegLoopRunsAreRefused() throws IOException {
		// each axis is plausible on its own; together a tile of 10^11 values is not
		Path pkg = editedAll(MIN, "size: 400000");
		ModelPackageException e = refused(pkg, "tile");
		assertTrue(e.getMessage().contains("400000"), e.getMessage());
	}

	@Test
	void aNegativeOffsetThatLeavesNoOutputIsRefused() throws IOException {
		refused(edited(REF, "size: {tensor_id: raw, axis_id: y, offset: -64}"), "offset");
	}

	@Test
	void version04ShapesAreBoundedToo() throws IOException {
		Path pkg = Fixtures.copyBundledModel(Files.createTempDirectory(dir, "pkg"));
		String rdf = """
			format_version: 0.4.9
			type: model
			name: old
			inputs:
			  - name: raw
			    axes: bcyx
			    data_type: float32
			    shape: {min: [1, 1, 64, 1e12], step: [0, 0, 16, 16]}
			outputs:
			  - name: probabilities
			    axes: bcyx
			    shape: {reference_tensor: raw, scale: [1, 3, 1, 1], offset: [0, 0, 0, 0]}
			    halo: [0, 0, 16, 16]
			weights:
			  onnx: {source: model.onnx}
			""";
		Files.writeString(pkg.resolve("rdf.yaml"), rdf);
		refused(pkg, "inputs[0].shape.min[3]");
		Files.writeString(pkg.resolve("rdf.yaml"), rdf.replace("1e12", "64").replace("halo: [0, 0, 16, 16]", "halo: [0, 0, 16, 5e9]"));
		refused(pkg, "outputs[0].halo[3]");
	}

	@Test
	void textThatIsNotUtf8IsNamedWithItsPositionNotAsAJavaException() throws IOException {
		Path pkg = Fixtures.copyBundledModel(Files.createTempDirectory(dir, "pkg"));
		byte[] text = Files.readAllBytes(pkg.resolve("rdf.yaml"));
		byte[] latin1 = "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
		byte[] both = new byte[text.length + latin1.length];
		System.arraycopy(text, 0, both, 0, text.length);
		System.arraycopy(latin1, 0, both, text.length, latin1.length);
		Files.write(pkg.resolve("rdf.yaml"), both);
		ModelPackageException e = refused(pkg, "not UTF-8");
		assertFalse(e.getMessage().contains("MalformedInputException"), e.getMessage());
		assertTrue(e.getMessage().contains("byte " + (text.length + 10)), e.getMessage()); // 1-based, at the é
	}

	@Test
	void aNulCharacterInAFileNameIsNamedByField() throws IOException {
		// reached the user as 'Nul character not allowed: model .onnx'
		ModelPackageException e = refused(edited("source: model.onnx", "source: \"model\\0.onnx\""), "weights.onnx.source");
		assertTrue(e.getMessage().contains("control character"), e.getMessage());
	}

	@Test
	void aNulByteInTheFileIsNamedWithItsPosition() throws IOException {
		Path pkg = Fixtures.copyBundledModel(Files.createTempDirectory(dir, "pkg"));
		String text = Files.readString(pkg.resolve("rdf.yaml"));
		Files.writeString(pkg.resolve("rdf.yaml"), text.replace("name: SegLoop", "name: Seg\0Loop"));
		ModelPackageException e = refused(pkg, "is not valid YAML");
		assertTrue(e.getMessage().contains("line"), e.getMessage());
	}

	@Test
	void theBundledDescriptionStaysWithinEveryBound() {
		assertEquals(16, ModelPackage.open(Fixtures.BUNDLED_MODEL).description().output().axis("x").orElseThrow().halo());
	}

	private ModelPackageException refused(Path pkg, String fragment) {
		ModelPackageException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
			() -> assertThrows(ModelPackageException.class, () -> ModelPackage.open(pkg)));
		assertTrue(e.getMessage().contains(fragment), e.getMessage());
		assertTrue(e.getMessage().contains("rdf.yaml"), e.getMessage());
		assertFalse(e.fix().isBlank());
		return e;
	}

	private Path edited(String from, String to) throws IOException {
		Path pkg = Fixtures.copyBundledModel(Files.createTempDirectory(dir, "pkg"));
		Path rdf = pkg.resolve("rdf.yaml");
		String text = Files.readString(rdf);
		assertTrue(text.contains(from), from);
		Files.writeString(rdf, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
		return pkg;
	}

	private Path editedAll(String from, String to) throws IOException {
		Path pkg = edited(from, to);
		Path rdf = pkg.resolve("rdf.yaml");
		Files.writeString(rdf, Files.readString(rdf).replace(from, to));
		return pkg;
	}
}
