package org.segloop.fuzz;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.segloop.core.SegLoopException;
import org.segloop.core.model.ModelDescription;
import org.segloop.core.model.RdfReader;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The rdf.yaml reader on arbitrary bytes written into a package folder. */
class RdfReaderFuzzTest {

	private static final Path DIR = FuzzFiles.folder("rdf");

	@FuzzTest
	@Timeout(value = 10, unit = TimeUnit.SECONDS)
	void rdfYaml(byte[] bytes) {
		Path rdf = FuzzFiles.write(DIR.resolve("package/rdf.yaml"), bytes);
		try {
			ModelDescription d = RdfReader.read(rdf);
			// what it returns is usable: one input, an ONNX file inside the package
			if (d.inputs().size() != 1 || !d.onnx().source().toAbsolutePath().normalize().startsWith(DIR.toAbsolutePath().normalize().resolve("package")))
				throw new AssertionError("RdfReader returned a description it should have refused: " + d.inputs() + " " + d.onnx().source());
		}
		catch (SegLoopException e) {
			FuzzFiles.assertNamesFile(e, rdf);
		}
	}
}
