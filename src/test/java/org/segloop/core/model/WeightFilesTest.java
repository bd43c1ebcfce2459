package org.segloop.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.SegLoopException;

/** Fine-tuned weights on disk: exact round trip; damaged and hostile files are errors naming the file, never huge allocations. */
class WeightFilesTest {

	@TempDir
	Path dir;

	private static WeightSet sample() {
		Map<String, WeightSet.Tensor> t = new LinkedHashMap<>();
		t.put("enc1.0.weight", new WeightSet.Tensor(new long[] { 2, 1, 3, 3 }, floats(18)));
		t.put("enc1.0.bias", new WeightSet.Tensor(new long[] { 2 }, new float[] { -1.5f, Float.MIN_VALUE }));
		t.put("scalär", new WeightSet.Tensor(new long[] {}, new float[] { 42 }));
		return new WeightSet(t);
	}

	private static float[] floats(int n) {
		float[] f = new float[n];
		for (int i = 0; i < n; i++) f[i] = (float) Math.sin(i) * 1e-3f;
		return f;
	}

	@Test
	void weightsComeBackExactlyInTheirOrder() throws IOException {
		Path file = dir.resolve("w.bin");
		WeightFiles.write(sample(), file);
		WeightSet back = WeightFiles.read(file);
		assertEquals(sample().tensors().keySet().stream().toList(), back.tensors().keySet().stream().toList());
		for (String name : sample().tensors().keySet()) {
			assertArrayEquals(sample().tensors().get(name).shape(), back.tensors().get(name).shape());
			assertArrayEquals(sample().tensors().get(name).values(), back.tensors().get(name).values(), 0f);
		}
	}

	@Test
	void truncatedForeignAndHostileFilesAreRefusedByName() throws IOException {
		Path file = dir.resolve("w.bin");
		WeightFiles.write(sample(), file);
		byte[] bytes = Files.readAllBytes(file);
		Path cut = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(bytes, bytes.length - 5));
		SegLoopException e = assertThrows(SegLoopException.class, () -> WeightFiles.read(cut));
		assertTrue(e.getMessage().contains("cut.bin") && e.getMessage().contains("truncated"), e.getMessage());

		Path foreign = Files.writeString(dir.resolve("foreign.bin"), "PK\u0003\u0004 something else entirely");
		e = assertThrows(SegLoopException.class, () -> WeightFiles.read(foreign));
		assertTrue(e.getMessage().contains("not a SegLoop weights file"), e.getMessage());

		// one tensor whose dimensions declare 10^12 values in a file of a few dozen bytes
		ByteBuffer b = ByteBuffer.allocate(64);
		b.put("SEGLOOP-WEIGHTS-1".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(1).put((byte) 'w').putInt(2).putLong(1_000_000).putLong(1_000_000);
		Path hostile = Files.write(dir.resolve("hostile.bin"), Arrays.copyOf(b.array(), b.position()));
		e = assertThrows(SegLoopException.class, () -> WeightFiles.read(hostile));
		assertTrue(e.getMessage().contains("more values than it holds"), e.getMessage());
	}
}
