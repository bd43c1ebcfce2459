package org.segloop.core.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.SegLoopException;

/** Hostile .npy headers: every declared number is checked against the file before it is used, and every message names the file. */
class NpyTest {

	@TempDir
	Path dir;

	@Test
	void aWrittenArrayReadsBackExactly() throws IOException {
		Path file = dir.resolve("ok.npy");
		Npy.write(file, new long[] { 1, 2, 3 }, new float[] { 0, 1, 2, 3, 4.5f, -6 });
		Npy.Array a = Npy.read(file);
		assertArrayEquals(new long[] { 1, 2, 3 }, a.shape());
		assertArrayEquals(new float[] { 0, 1, 2, 3, 4.5f, -6 }, a.data());
	}

	@Test
	void aZeroByteDataTypeWithAHugeShapeIsRefusedWithoutAllocatingIt() throws IOException {
		// '<f0' made the length check pass (n × 0 bytes) and then allocated 10^9 floats
		Path file = npy("f0.npy", "{'descr': '<f0', 'fortran_order': False, 'shape': (1, 1, 40000, 25000), }", new byte[0]);
		SegLoopException e = refused(file, "data type <f0");
		assertTrue(e.getMessage().contains("f0.npy"), e.getMessage());
	}

	@Test
	void aShapeTheDataDoNotFillIsRefused() throws IOException {
		refused(npy("short.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1000, 1000), }", new byte[16]), "cut short");
		refused(npy("long.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", new byte[4 * 4 + 4000]), "4000 bytes more");
	}

	@Test
	void pythonTwoLongSuffixesAndOddWidthsAreNamedByField() throws IOException {
		// these reached the user as 'For input string: "1L"'
		SegLoopException e = refused(npy("py2.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1L, 64L), }", new byte[256]), "'shape'");
		assertTrue(e.getMessage().contains("1L"), e.getMessage());
		refused(npy("wide.npy", "{'descr': '<f99999999999', 'fortran_order': False, 'shape': (1,), }", new byte[8]), "data type <f99999999999");
		refused(npy("f16.npy", "{'descr': '<f16', 'fortran_order': False, 'shape': (1,), }", new byte[16]), "data type <f16");
		refused(npy("hugedim.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999, 1), }", new byte[4]), "'shape'");
	}

	@Test
	void aHeaderLengthBeyondTheFileIsRefused() throws IOException {
		Path file = dir.resolve("v2.npy");
		ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 2).put((byte) 0).putInt(Integer.MAX_VALUE);
		Files.write(file, b.array());
		refused(file, "cut short in its header");
	}

	private SegLoopException refused(Path file, String fragment) {
		SegLoopException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(SegLoopException.class, () -> Npy.read(file)));
		assertEquals(file, e.file());
		assertTrue(e.getMessage().contains(fragment), e.getMessage());
		assertTrue(!e.fix().isBlank());
		return e;
	}

	private Path npy(String name, String header, byte[] data) throws IOException {
		int pad = 64 - (10 + header.length() + 1) % 64;
		String h = header + " ".repeat(pad % 64) + "\n";
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(0x93);
		out.write("NUMPY".getBytes(StandardCharsets.ISO_8859_1));
		out.write(1);
		out.write(0);
		out.write(h.length() & 0xff);
		out.write(h.length() >> 8);
		out.write(h.getBytes(StandardCharsets.ISO_8859_1));
		out.write(data);
		Path file = dir.resolve(name);
		Files.write(file, out.toByteArray());
		return file;
	}
}
