package org.segloop.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.segloop.core.SegLoopException;
import org.segloop.core.model.ModelPackage;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The ONNX file scanner (structure, external-data locations, initializer table), reached as every
 * user reaches it: by opening a package whose model.onnx is the fuzzer's bytes. Nothing here runs
 * ONNX Runtime: a file the scanner lets through must at least not name data outside the package.
 */
class OnnxScannerFuzzTest {

	private static final Path DIR = FuzzFiles.folder("onnx");

	/** A valid description of a one-channel, two-class model, without hashes, so any model.onnx is opened. */
	static final String RDF = """
		type: model
		format_version: 0.5.3
		name: fuzzed
		inputs:
		  - id: x
		    axes:
		      - type: batch
		      - type: channel
		        channel_names: [raw]
		      - {type: space, id: y, size: {min: 16, step: 16}}
		      - {type: space, id: x, size: {min: 16, step: 16}}
		outputs:
		  - id: y
		    axes:
		      - type: batch
		      - type: channel
		        channel_names: [background, object]
		      - {type: space, id: y, size: {tensor_id: x, axis_id: y}}
		      - {type: space, id: x, size: {tensor_id: x, axis_id: x}}
		weights:
		  onnx:
		    source: model.onnx
		""";

	static {
		FuzzFiles.write(DIR.resolve("package/rdf.yaml"), RDF.getBytes(StandardCharsets.UTF_8));
	}

	@FuzzTest
	@Timeout(value = 10, unit = TimeUnit.SECONDS)
	void onnxFile(byte[] bytes) {
		Path onnx = FuzzFiles.write(DIR.resolve("package/model.onnx"), bytes);
		try {
			ModelPackage p = ModelPackage.open(DIR.resolve("package"));
			p.initializerShapes(); // the table the fine-tuning maps weights by
		}
		catch (SegLoopException e) {
			FuzzFiles.assertNamesFile(e, onnx);
		}
	}
}
