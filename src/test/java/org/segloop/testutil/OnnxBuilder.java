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
 * Every place a tensor can name external data can be written: initializers, sparse initializers,
 * tensor attributes (dense and sparse, one or many) and the sub-graphs of If, Loop and Scan.
 */
public final class OnnxBuilder {

	private final List<byte[]> nodes = new ArrayList<>();
	private final List<byte[]> initializers = new ArrayList<>();
	private final List<byte[]> inputs = new ArrayList<>();
	private final List<byte[]> outputs = new ArrayList<>();
	private final List<byte[]> sparseInitializers = new ArrayList<>();
	private final List<byte[]> trainingInfo = new ArrayList<>();
	private final List<byte[]> functions = new ArrayList<>();
	private int opset = 13;

	/** A float tensor attribute value whose data lives in {@code location} (null: its data is inline). */
	public record ExternalTensor(String location) {}

	/** A sparse float tensor attribute value; either part's data may live in an external file (null: inline). */
	public record ExternalSparseTensor(String valuesLocation, String indicesLocation) {}

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

	/**
	 * A sparse initializer (GraphProto field 15) of shape {@code dims} with one non-zero value; its
	 * values and indices each live in an external file, or inline when the location is null.
	 */
	public OnnxBuilder sparseInitializer(String name, long[] dims, String valuesLocation, String indicesLocation) {
		sparseInitializers.add(sparseTensor(name, dims, valuesLocation, indicesLocation));
		return this;
	}

	/** A ModelProto.training_info entry whose initialization graph is {@code initialization}. */
	public OnnxBuilder trainingInfo(OnnxBuilder initialization) {
		trainingInfo.add(new Msg().bytes(1, initialization.graphBytes()).toBytes());
		return this;
	}

	/** A model-local function (ModelProto.functions) named {@code name} in domain "local" whose nodes are {@code body}'s. */
	public OnnxBuilder function(String name, OnnxBuilder body) {
		Msg f = new Msg().string(1, name);
		body.nodes.forEach(n -> f.bytes(7, n));
		f.string(10, "local");
		functions.add(f.toBytes());
		return this;
	}

	/**
	 * Attributes as name/value pairs: Long → INT, long[] → INTS, Float → FLOAT, String → STRING,
	 * {@link ExternalTensor} → TENSOR, ExternalTensor[] → TENSORS, {@link ExternalSparseTensor} →
	 * SPARSE_TENSOR, ExternalSparseTensor[] → SPARSE_TENSORS, OnnxBuilder → GRAPH (its graph only),
	 * OnnxBuilder[] → GRAPHS. An input named "" is omitted.
	 */
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
			else if (v instanceof ExternalTensor t) a.bytes(5, tensor("", new long[] { 1 }, 1, t.location())).varint(20, 4);
			else if (v instanceof ExternalTensor[] ts) {
				for (ExternalTensor t : ts) a.bytes(10, tensor("", new long[] { 1 }, 1, t.location()));
				a.varint(20, 9);
			}
			else if (v instanceof ExternalSparseTensor t)
				a.bytes(22, sparseTensor("", new long[] { 4 }, t.valuesLocation(), t.indicesLocation())).varint(20, 11);
			else if (v instanceof ExternalSparseTensor[] ts) {
				for (ExternalSparseTensor t : ts) a.bytes(23, sparseTensor("", new long[] { 4 }, t.valuesLocation(), t.indicesLocation()));
				a.varint(20, 12);
			}
			else if (v instanceof OnnxBuilder g) a.bytes(6, g.graphBytes()).varint(20, 5);
			else if (v instanceof OnnxBuilder[] gs) {
				for (OnnxBuilder g : gs) a.bytes(11, g.graphBytes());
				a.varint(20, 10);
			}
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

	/** This builder's GraphProto alone, as a sub-graph of another builder's node. */
	public byte[] graphBytes() {
		Msg g = new Msg();
		nodes.forEach(n -> g.bytes(1, n));
		g.string(2, "test-graph");
		initializers.forEach(t -> g.bytes(5, t));
		inputs.forEach(v -> g.bytes(11, v));
		outputs.forEach(v -> g.bytes(12, v));
		sparseInitializers.forEach(t -> g.bytes(15, t));
		return g.toBytes();
	}

	public byte[] toBytes() {
		Msg m = new Msg().varint(1, 8).string(2, "segloop-tests");
		m.message(8, new Msg().string(1, "").varint(2, opset));
		m.bytes(7, graphBytes());
		trainingInfo.forEach(t -> m.bytes(20, t));
		functions.forEach(f -> m.bytes(25, f));
		return m.toBytes();
	}

	/** A TensorProto of type {@code dataType} (1 float, 7 int64) holding ones, or naming {@code location} for its data. */
	private static byte[] tensor(String name, long[] dims, int dataType, String location) {
		Msg t = new Msg();
		for (long d : dims) t.varint(1, d);
		t.varint(2, dataType);
		if (!name.isEmpty()) t.string(8, name);
		if (location == null) {
			long n = 1;
			for (long d : dims) n *= d;
			t.bytes(9, new byte[(int) n * (dataType == 7 ? 8 : 4)]);
		}
		else {
			t.message(13, new Msg().string(1, "location").string(2, location));
			t.varint(14, 1);
		}
		return t.toBytes();
	}

	/** A SparseTensorProto: values (field 1), indices (field 2), dims (field 3), one non-zero value. */
	private static byte[] sparseTensor(String name, long[] dims, String valuesLocation, String indicesLocation) {
		Msg s = new Msg();
		s.bytes(1, tensor(name, new long[] { 1 }, 1, valuesLocation));
		s.bytes(2, tensor("", new long[] { 1 }, 7, indicesLocation));
		for (long d : dims) s.varint(3, d);
		return s.toBytes();
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
