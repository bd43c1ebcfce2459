package org.segloop.testutil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ONNX models by encoding the protobuf directly, so tests can make models that no
 * exporter in this project produces: channels-last RGB inputs, fixed sizes, 3D convolutions,
 * external-data references, wrong output shapes, several outputs, and the shape arithmetic
 * (Shape, Slice, Concat) that exported networks use to {@code Resize} logits back to the input size.
 */
public final class OnnxBuilder {

	private final List<byte[]> nodes = new ArrayList<>();
	private final List<byte[]> initializers = new ArrayList<>();
	private final List<byte[]> inputs = new ArrayList<>();
	private final List<byte[]> outputs = new ArrayList<>();
	private int opset = 13;

	/** Dimensions: Long for a fixed size, String for a named dynamic one. */
	public OnnxBuilder input(String name, Object... dims) {
		inputs.add(valueInfo(name, dims));
		return this;
	}

	public OnnxBuilder output(String name, Object... dims) {
		outputs.add(valueInfo(name, dims));
		return this;
	}

	public OnnxBuilder initializer(String name, long[] dims, float[] values) {
		Msg t = new Msg();
		for (long d : dims) t.varint(1, d);
		t.varint(2, 1);
		t.string(8, name);
		ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		for (float v : values) b.putFloat(v);
		t.bytes(9, b.array());
		initializers.add(t.toBytes());
		return this;
	}

	/** An int64 initializer (shapes, sizes, slice bounds). */
	public OnnxBuilder initializer(String name, long[] dims, long[] values) {
		Msg t = new Msg();
		for (long d : dims) t.varint(1, d);
		t.varint(2, 7);
		t.string(8, name);
		ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
		for (long v : values) b.putLong(v);
		t.bytes(9, b.array());
		initializers.add(t.toBytes());
		return this;
	}

	/** An initializer whose data lives in another file, as large models do. */
	public OnnxBuilder externalInitializer(String name, long[] dims, String location) {
		Msg t = new Msg();
		for (long d : dims) t.varint(1, d);
		t.varint(2, 1);
		t.string(8, name);
		t.message(13, new Msg().string(1, "location").string(2, location));
		t.varint(14, 1);
		initializers.add(t.toBytes());
		return this;
	}

	/** Attributes as name/value pairs: Long → INT, long[] → INTS, Float → FLOAT, String → STRING. An input named "" is omitted. */
	public OnnxBuilder node(String opType, List<String> in, List<String> out, Object... attributes) {
		Msg n = new Msg();
		in.forEach(s -> n.string(1, s));
		out.forEach(s -> n.string(2, s));
		n.string(3, opType + nodes.size());
		n.string(4, opType);
		for (int i = 0; i < attributes.length; i += 2) {
			Msg a = new Msg().string(1, (String) attributes[i]);
			Object v = attributes[i + 1];
			if (v instanceof Long l) a.varint(3, l).varint(20, 2);
			else if (v instanceof long[] ls) {
				for (long l : ls) a.varint(8, l);
				a.varint(20, 7);
			}
			else if (v instanceof Float f) a.fixed32(2, Float.floatToIntBits(f)).varint(20, 1);
			else if (v instanceof String str) a.string(4, str).varint(20, 3);
			else throw new IllegalArgumentException("attribute type " + v);
			n.message(5, a);
		}
		nodes.add(n.toBytes());
		return this;
	}

	public OnnxBuilder opset(int version) {
		opset = version;
		return this;
	}

	public byte[] toBytes() {
		Msg g = new Msg();
		nodes.forEach(n -> g.bytes(1, n));
		g.string(2, "test-graph");
		initializers.forEach(t -> g.bytes(5, t));
		inputs.forEach(v -> g.bytes(11, v));
		outputs.forEach(v -> g.bytes(12, v));
		Msg m = new Msg().varint(1, 8).string(2, "segloop-tests");
		m.message(8, new Msg().string(1, "").varint(2, opset));
		m.message(7, g);
		return m.toBytes();
	}

	public Path write(Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		return Files.write(file, toBytes());
	}

	private static byte[] valueInfo(String name, Object... dims) {
		Msg shape = new Msg();
		for (Object d : dims) {
			Msg dim = new Msg();
			if (d instanceof String s) dim.string(2, s);
			else dim.varint(1, ((Number) d).longValue());
			shape.message(1, dim);
		}
		Msg tensor = new Msg().varint(1, 1).message(2, shape);
		return new Msg().string(1, name).message(2, new Msg().message(1, tensor)).toBytes();
	}

	/** A protobuf message being encoded. */
	private static final class Msg {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		Msg varint(int field, long v) {
			key(field, 0);
			raw(v);
			return this;
		}

		Msg fixed32(int field, int v) {
			key(field, 5);
			for (int i = 0; i < 4; i++) out.write(v >>> (8 * i));
			return this;
		}

		Msg bytes(int field, byte[] b) {
			key(field, 2);
			raw(b.length);
			out.writeBytes(b);
			return this;
		}

		Msg string(int field, String s) {
			return bytes(field, s.getBytes(StandardCharsets.UTF_8));
		}

		Msg message(int field, Msg m) {
			return bytes(field, m.toBytes());
		}

		private void key(int field, int wire) {
			raw((long) field << 3 | wire);
		}

		private void raw(long v) {
			while ((v & ~0x7FL) != 0) {
				out.write((int) ((v & 0x7F) | 0x80));
				v >>>= 7;
			}
			out.write((int) v);
		}

		byte[] toBytes() {
			return out.toByteArray();
		}
	}
}
