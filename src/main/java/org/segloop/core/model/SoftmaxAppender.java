package org.segloop.core.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Appends a Softmax node to an ONNX graph, in memory, so that a model whose package declares softmax
 * postprocessing gets it computed inside ONNX Runtime: vectorised and spread over the intra-op
 * threads instead of on the Java thread between tiles. The original output stays in the graph; the
 * new output is named {@code <output>_segloop_softmax}.
 *
 * <p>Protobuf lets repeated fields be appended to a message, so the edit is the original bytes with
 * the graph field's length rewritten and one node and one output added after its payload.
 * Only done where the meaning is certain: opset 13 or newer (older Softmax flattens the trailing
 * axes) and no external weight data (the edited bytes have no folder to resolve it from).
 */
final class SoftmaxAppender {

	static final String SUFFIX = "_segloop_softmax";

	private SoftmaxAppender() {}

	static Optional<byte[]> append(Path onnx, OnnxFileScanner.Summary summary, String output, int axis) {
		try {
			return append(Files.readAllBytes(onnx), summary, output, axis);
		}
		catch (IOException e) {
			return Optional.empty(); // the caller falls back to the Java softmax
		}
	}

	/** As above, on the file's bytes (or bytes of the same layout, e.g. with weights rewritten in place). */
	static Optional<byte[]> append(byte[] original, OnnxFileScanner.Summary summary, String output, int axis) {
		if (summary.opsetVersion() < 13 || !summary.externalLocations().isEmpty() || summary.graphField() == null
			|| !summary.producers().containsKey(output) || "Softmax".equals(summary.producers().get(output)))
			return Optional.empty();
		int keyStart = summary.graphField()[0], payloadStart = summary.graphField()[1], payloadEnd = summary.graphField()[2];
		byte[] extra = cat(field(1, node(output, output + SUFFIX, axis)), field(12, floatOutput(output + SUFFIX)));
		ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + extra.length + 16);
		out.write(original, 0, keyStart);
		writeKey(out, 7, 2);
		writeVarint(out, (long) payloadEnd - payloadStart + extra.length);
		out.write(original, payloadStart, payloadEnd - payloadStart);
		out.writeBytes(extra);
		out.write(original, payloadEnd, original.length - payloadEnd);
		return Optional.of(out.toByteArray());
	}

	/** NodeProto: input, output, name, op_type, attribute axis (INT). */
	private static byte[] node(String input, String output, int axis) {
		ByteArrayOutputStream attr = new ByteArrayOutputStream();
		attr.writeBytes(string(1, "axis"));
		writeKey(attr, 3, 0);
		writeVarint(attr, axis);
		writeKey(attr, 20, 0);
		writeVarint(attr, 2); // AttributeType.INT
		return cat(string(1, input), string(2, output), string(3, "segloop_softmax"), string(4, "Softmax"), field(5, attr.toByteArray()));
	}

	/** ValueInfoProto of a float tensor of unspecified shape. */
	private static byte[] floatOutput(String name) {
		ByteArrayOutputStream elemType = new ByteArrayOutputStream();
		writeKey(elemType, 1, 0);
		writeVarint(elemType, 1); // TensorProto.FLOAT
		return cat(string(1, name), field(2, field(1, elemType.toByteArray())));
	}

	private static byte[] string(int field, String s) {
		return field(field, s.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] field(int field, byte[] payload) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 8);
		writeKey(out, field, 2);
		writeVarint(out, payload.length);
		out.writeBytes(payload);
		return out.toByteArray();
	}

	private static byte[] cat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] p : parts) out.writeBytes(p);
		return out.toByteArray();
	}

	private static void writeKey(ByteArrayOutputStream out, int field, int wire) {
		writeVarint(out, (long) field << 3 | wire);
	}

	private static void writeVarint(ByteArrayOutputStream out, long v) {
		while ((v & ~0x7FL) != 0) {
			out.write((int) (v & 0x7F) | 0x80);
			v >>>= 7;
		}
		out.write((int) v);
	}
}
