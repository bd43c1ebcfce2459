package org.segloop.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.segloop.core.SegLoopException;
import org.segloop.core.util.Npy;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The .npy reader (test tensors of model packages) on arbitrary bytes. */
class NpyFuzzTest {

	private static final Path DIR = FuzzFiles.folder("npy");

	@FuzzTest
	@Timeout(value = 10, unit = TimeUnit.SECONDS)
	void npy(byte[] bytes) {
		Path file = FuzzFiles.write(DIR.resolve("tensor.npy"), bytes);
		try {
			Npy.Array a = Npy.read(file);
			assertEquals(a.size(), a.data().length, "the values read are as many as the shape declares");
		}
		catch (SegLoopException e) {
			FuzzFiles.assertNamesFile(e, file);
		}
	}
}
