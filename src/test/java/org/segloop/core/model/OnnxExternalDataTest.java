package org.segloop.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.segloop.testutil.OnnxBuilder;
import org.segloop.testutil.OnnxBuilder.ExternalSparseTensor;
import org.segloop.testutil.OnnxBuilder.ExternalTensor;

/**
 * Every tensor of an ONNX file that can keep its data in another file is found, wherever it sits,
 * so that ONNX Runtime is never asked to open a file outside the model folder (CVE-2024-27318):
 * with a sparse initializer pointing at ../../../../etc/passwd, ORT opened it and
 * 'model check' said PASSED.
 */
class OnnxExternalDataTest {

	private static final String OUTSIDE = "../../../../etc/passwd";

	@TempDir
	Path dir;

	/** Each case builds a model whose only external tensor names {@code location}. */
	static Stream<Arguments> placesATensorCanNameExternalData() {
		return Stream.of(
			place("an initializer", at -> graph().externalInitializer("w2", new long[] { 1 }, at)),
			place("a sparse initializer's values", at -> graph().sparseInitializer("s", new long[] { 4 }, at, null)),
			place("a sparse initializer's indices", at -> graph().sparseInitializer("s", new long[] { 4 }, null, at)),
			place("a Constant's tensor attribute", at -> graph().node("Constant", List.of(), List.of("c"), "value", new ExternalTensor(at))),
			place("a tensors attribute", at -> graph().node("Custom", List.of(), List.of("c"), "values",
				new ExternalTensor[] { new ExternalTensor(null), new ExternalTensor(at) })),
			place("a Constant's sparse tensor attribute's values", at -> graph().node("Constant", List.of(), List.of("c"), "sparse_value",
				new ExternalSparseTensor(at, null))),
			place("a Constant's sparse tensor attribute's indices", at -> graph().node("Constant", List.of(), List.of("c"), "sparse_value",
				new ExternalSparseTensor(null, at))),
			place("a sparse tensors attribute", at -> graph().node("Custom", List.of(), List.of("c"), "values",
				new ExternalSparseTensor[] { new ExternalSparseTensor(null, null), new ExternalSparseTensor(at, null) })),
			place("an initializer of an If's then branch", at -> graph().node("If", List.of("cond"), List.of("c"),
				"then_branch", branch().externalInitializer("w2", new long[] { 1 }, at), "else_branch", branch())),
			place("a sparse initializer of an If's else branch", at -> graph().node("If", List.of("cond"), List.of("c"),
				"then_branch", branch(), "else_branch", branch().sparseInitializer("s", new long[] { 4 }, at, null))),
			place("a Constant inside a Loop's body", at -> graph().node("Loop", List.of("n", "cond"), List.of("c"),
				"body", branch().node("Constant", List.of(), List.of("k"), "value", new ExternalTensor(at)))),
			place("a Scan's body", at -> graph().node("Scan", List.of("x"), List.of("c"), "num_scan_inputs", 1L,
				"body", branch().sparseInitializer("s", new long[] { 4 }, null, at))),
			place("an If inside a Loop inside a Scan", at -> graph().node("Scan", List.of("x"), List.of("c"), "num_scan_inputs", 1L,
				"body", branch().node("Loop", List.of("n", "cond"), List.of("l"), "body", branch().node("If", List.of("cond"), List.of("i"),
					"then_branch", branch().node("Constant", List.of(), List.of("k"), "value", new ExternalTensor(at)), "else_branch", branch())))),
			place("a graphs attribute", at -> graph().node("Custom", List.of(), List.of("c"), "bodies",
				new OnnxBuilder[] { branch(), branch().externalInitializer("w2", new long[] { 1 }, at) })),
			place("a node of a model-local function", at -> graph().function("f",
				branch().node("Constant", List.of(), List.of("k"), "value", new ExternalTensor(at)))),
			place("the model's training information", at -> graph().trainingInfo(branch().externalInitializer("w2", new long[] { 1 }, at))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("placesATensorCanNameExternalData")
	void externalDataOutsideTheModelFolderIsRefusedWhereverTheTensorSits(String where, Function<String, OnnxBuilder> model) throws IOException {
		Path onnx = model.apply(OUTSIDE).write(dir.resolve("pkg/model.onnx"));
		OnnxFileScanner.Summary summary = OnnxFileScanner.scan(onnx);
		ModelPackageException e = assertThrows(ModelPackageException.class, () -> OnnxFileScanner.checkExternalData(onnx, summary), where);
		assertTrue(e.getMessage().contains("'" + OUTSIDE + "', outside the model folder"), e.getMessage());
		assertEquals(onnx, e.file());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("placesATensorCanNameExternalData")
	void externalDataBesideTheModelIsFoundAndAccepted(String where, Function<String, OnnxBuilder> model) throws IOException {
		Path onnx = model.apply("weights.bin").write(dir.resolve("pkg/model.onnx"));
		OnnxFileScanner.Summary summary = OnnxFileScanner.scan(onnx);
		assertEquals(List.of("weights.bin"), summary.externalLocations(), where);
		ModelPackageException missing = assertThrows(ModelPackageException.class, () -> OnnxFileScanner.checkExternalData(onnx, summary));
		assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
		Files.write(dir.resolve("pkg/weights.bin"), new byte[8]);
		OnnxFileScanner.checkExternalData(onnx, summary);
	}

	@Test
	void subGraphsNestedWithoutEndAreRefusedAtABoundedDepth() throws IOException {
		OnnxBuilder inner = branch();
		for (int i = 0; i < 40; i++) inner = branch().node("If", List.of("cond"), List.of("i"), "then_branch", inner, "else_branch", branch());
		Path onnx = graph().node("Loop", List.of("n", "cond"), List.of("c"), "body", inner).write(dir.resolve("deep/model.onnx"));
		ModelPackageException e = assertThrows(ModelPackageException.class, () -> OnnxFileScanner.scan(onnx));
		assertTrue(e.getMessage().contains("nests messages more than"), e.getMessage());
	}

	private static Arguments place(String where, Function<String, OnnxBuilder> model) {
		return Arguments.of(where, model);
	}

	private static OnnxBuilder graph() {
		return new OnnxBuilder().input("x", 1L, 1L, "h", "w").output("y", 1L, 1L, "h", "w")
			.initializer("w", new long[] { 1, 1, 1, 1 }, new float[] { 1 })
			.node("Conv", List.of("x", "w"), List.of("y"), "kernel_shape", new long[] { 1, 1 });
	}

	private static OnnxBuilder branch() {
		return new OnnxBuilder().output("b", 1L);
	}
}
