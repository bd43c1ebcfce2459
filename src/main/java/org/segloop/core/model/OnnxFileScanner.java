package org.segloop.core.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks an ONNX file's protobuf structure before ONNX Runtime sees it. It rejects files that are not
 * well-formed protobuf (a text file renamed .onnx, a truncated download) with a clear message, and
 * collects every tensor whose data lives in an external file, so that locations outside the model
 * folder (CVE-2024-27318) are refused before the runtime would read them.
 *
 * <p>Only the messages that can hold tensors are descended into: ModelProto.graph, functions and
 * training_info, GraphProto initializers, sparse initializers and nodes, NodeProto attributes,
 * AttributeProto tensors, sparse tensors and sub-graphs (If, Loop, Scan — recursively, to a bounded
 * depth), FunctionProto nodes and attribute defaults, and both halves (values, indices) of every
 * SparseTensorProto. Everything else is skipped by wire type, which still proves it well-formed.
 */
final class OnnxFileScanner {

	/**
	 * What the scan found.
	 *
	 * @param producers for each output of the main graph, the operator that computes it (e.g. "Softmax")
	 * @param graphField where ModelProto.graph sits in the file: key offset, payload start, payload end
	 */
	record Summary(long irVersion, long opsetVersion, List<String> externalLocations, int initializerCount,
		java.util.Map<String, String> producers, int[] graphField, java.util.Map<String, long[]> initializerShapes,
		java.util.Map<String, InitializerData> initializerData) {}

	/**
	 * Where a main-graph initializer's values sit in the file: payload offset and length in bytes,
	 * the TensorProto field holding them (9 raw_data, 4 packed float_data) and the data type (1 = float).
	 */
	record InitializerData(int offset, int length, int field, int dataType) {}

	private static final int MAX_DEPTH = 64;

	private final Path file;
	private final List<String> external = new ArrayList<>();
	private long irVersion = -1;
	private long opset = -1;
	private int initializers;
	private boolean hasGraph;
	private int[] graphField;
	private final java.util.Map<String, String> producerOf = new java.util.HashMap<>();
	private final List<String> graphOutputs = new ArrayList<>();
	private final java.util.Map<String, long[]> initializerShapes = new java.util.LinkedHashMap<>();
	private final java.util.Map<String, InitializerData> initializerData = new java.util.LinkedHashMap<>();

	private OnnxFileScanner(Path file) {
		this.file = file;
	}

	static Summary scan(Path onnx) {
		OnnxFileScanner s = new OnnxFileScanner(onnx);
		PackageFiles.requireRegular(onnx); // opening a named pipe would wait for a writer for ever
		try (FileChannel ch = FileChannel.open(onnx, StandardOpenOption.READ)) {
			long size = ch.size();
			if (size < 16) throw s.invalid("is only " + size + " bytes long");
			if (size > Integer.MAX_VALUE) throw new ModelPackageException(onnx,
				"is larger than 2 GiB; ONNX files that big must keep weights in external data", "re-export with external data");
			MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
			s.model(buf, 0, (int) size);
		}
		catch (IOException e) {
			throw new ModelPackageException(onnx, "cannot be read: " + e.getMessage(), "check the file exists and is readable", e);
		}
		if (s.irVersion < 0) throw s.invalid("has no ir_version");
		if (!s.hasGraph) throw s.invalid("has no graph");
		java.util.Map<String, String> producers = new java.util.LinkedHashMap<>();
		for (String out : s.graphOutputs) producers.put(out, s.producerOf.getOrDefault(out, ""));
		return new Summary(s.irVersion, s.opset, List.copyOf(s.external), s.initializers, producers, s.graphField,
			java.util.Collections.unmodifiableMap(s.initializerShapes), java.util.Collections.unmodifiableMap(s.initializerData));
	}

	/**
	 * Checks external-data locations against the folder the model lives in (ONNX Runtime resolves
	 * them there): by name, then by real path (no link leading out), and each must be a regular file.
	 */
	static void checkExternalData(Path onnx, Summary summary) {
		Path dir = onnx.toAbsolutePath().normalize().getParent();
		Path realDir = null;
		for (String location : summary.externalLocations()) {
			// a NUL would make the name unusable as a path (and C code would cut it short there)
			Path p = location.isEmpty() || location.indexOf('\0') >= 0 ? dir : dir.resolve(location).normalize();
			if (p.equals(dir) || Path.of(location).isAbsolute() || !p.startsWith(dir))
				throw new ModelPackageException(onnx, "refers to external weight data at '" + location + "', outside the model folder",
					"this model is malformed or hostile; only use ONNX files whose external data sits next to them");
			if (!Files.exists(p) && !Files.isSymbolicLink(p)) throw new ModelPackageException(onnx,
				"refers to external weight data '" + location + "', which is missing", "copy that file next to the ONNX file");
			if (realDir == null) realDir = PackageFiles.realFolder(dir);
			PackageFiles.requireInside(p, realDir, "external weight data of " + onnx.getFileName(), "model folder");
		}
	}

	private ModelPackageException invalid(String what) {
		return new ModelPackageException(file, what + " — it is not a valid ONNX model file",
			"export the model again, or re-download it; text files or truncated copies cannot be loaded");
	}

	private void model(ByteBuffer b, int start, int end) {
		walk(b, start, end, 0, (field, wire, pos, len) -> {
			if (field == 1 && wire == 0) irVersion = lastVarint;
			else if (field == 8 && wire == 2) opsetImport(b, pos, pos + len);
			else if (field == 7 && wire == 2) {
				hasGraph = true;
				graphField = new int[] { fieldStart, pos, pos + len };
				graph(b, pos, pos + len, 1);
			}
			else if (field == 25 && wire == 2) function(b, pos, pos + len, 1);
			else if (field == 20 && wire == 2) trainingInfo(b, pos, pos + len, 1);
		});
	}

	/** TrainingInfoProto: its initialization (1) and algorithm (2) graphs. */
	private void trainingInfo(ByteBuffer b, int start, int end, int depth) {
		walk(b, start, end, depth, (field, wire, pos, len) -> {
			if ((field == 1 || field == 2) && wire == 2) graph(b, pos, pos + len, depth + 1);
		});
	}

	/** SparseTensorProto: values (1) and indices (2) are TensorProtos, each of which may name external data. */
	private void sparseTensor(ByteBuffer b, int start, int end, int depth) {
		walk(b, start, end, depth, (field, wire, pos, len) -> {
			if ((field == 1 || field == 2) && wire == 2) tensor(b, pos, pos + len, depth + 1, false);
		});
	}

	private void opsetImport(ByteBuffer b, int start, int end) {
		String[] domain = { "" };
		long[] version = { -1 };
		walk(b, start, end, 1, (field, wire, pos, len) -> {
			if (field == 1 && wire == 2) domain[0] = string(b, pos, len);
			else if (field == 2 && wire == 0) version[0] = lastVarint;
		});
		if ((domain[0].isEmpty() || domain[0].equals("ai.onnx")) && version[0] > opset) opset = version[0];
	}

	private void graph(ByteBuffer b, int start, int end, int depth) {
		walk(b, start, end, depth, (field, wire, pos, len) -> {
			if (wire != 2) return;
			if (field == 5) {
				initializers++;
				tensor(b, pos, pos + len, depth + 1, depth == 1);
			}
			else if (field == 15) sparseTensor(b, pos, pos + len, depth + 1);
			else if (field == 1) node(b, pos, pos + len, depth + 1, depth == 1);
			else if (field == 12 && depth == 1) graphOutputs.add(name(b, pos, pos + len, depth + 1));
		});
	}

	/** The name (field 1) of a ValueInfoProto. */
	private String name(ByteBuffer b, int start, int end, int depth) {
		String[] name = { "" };
		walk(b, start, end, depth, (field, wire, pos, len) -> {
			if (field == 1 && wire == 2) name[0] = string(b, pos, len);
		});
		return name[0];
	}

	private void function(ByteBuffer b, int start, int end, int depth) {
		walk(b, start, end, depth, (field, wire, pos, len) -> {
			if (field == 7 && wire == 2) node(b, pos, pos + len, depth + 1, false);
			else if (field == 11 && wire == 2) attribute(b, pos, pos + len, depth + 1);
		});
	}

	private void node(ByteBuffer b, int start, int end, int depth, boolean mainGraph) {
		String[] opType = { "" };
		List<String> outputs = new ArrayList<>();
		walk(b, start, end, depth, (field, wire, pos, len) -> {
			if (field == 5 && wire == 2) attribute(b, pos, pos + len, depth + 1);
			else if (mainGraph && field == 2 && wire == 2) outputs.add(string(b, pos, len));
			else if (mainGraph && field == 4 && wire == 2) opType[0] = string(b, pos, len);
		});
		for (String o : outputs) producerOf.put(o, opType[0]);
	}

	private void attribute(ByteBuffer b, int start, int end, int depth) {
		walk(b, start, end, depth, (field, wire, pos, len) -> {
			if (wire != 2) return;
			if (field == 5 || field == 10) tensor(b, pos, pos + len, depth + 1, false);
			else if (field == 6 || field == 11) graph(b, pos, pos + len, depth + 1);
			else if (field == 22 || field == 23) sparseTensor(b, pos, pos + len, depth + 1);
		});
	}

	/** A TensorProto; for the main graph's initializers, records name (field 8) and dims (field 1, packed or not). */
	private void tensor(ByteBuffer b, int start, int end, int depth, boolean mainInitializer) {
		boolean[] externalFlag = { false };
		List<String> locations = new ArrayList<>();
		String[] name = { null };
		List<Long> dims = new ArrayList<>();
		int[] data = { -1, 0, 0, 0 }; // offset, length, field, data type
		walk(b, start, end, depth, (field, wire, pos, len) -> {
			if (mainInitializer && field == 8 && wire == 2) name[0] = string(b, pos, len);
			else if (mainInitializer && field == 2 && wire == 0) data[3] = (int) lastVarint;
			else if (mainInitializer && (field == 9 || field == 4) && wire == 2) {
				data[0] = pos;
				data[1] = len;
				data[2] = field;
			}
			else if (mainInitializer && field == 1 && wire == 0) dims.add(lastVarint);
			else if (mainInitializer && field == 1 && wire == 2) {
				int[] p = { pos };
				while (p[0] < pos + len) dims.add(varint(b, p, pos + len));
			}
			else if (field == 14 && wire == 0) externalFlag[0] = lastVarint == 1;
			else if (field == 13 && wire == 2) {
				String[] kv = { null, null };
				walk(b, pos, pos + len, depth + 1, (f2, w2, p2, l2) -> {
					if (w2 == 2 && (f2 == 1 || f2 == 2)) kv[f2 - 1] = string(b, p2, l2);
				});
				if ("location".equals(kv[0]) && kv[1] != null) locations.add(kv[1]);
			}
		});
		if (externalFlag[0] || !locations.isEmpty()) {
			if (locations.isEmpty()) throw invalid("has a tensor marked as external without a location");
			external.addAll(locations);
		}
		if (mainInitializer && name[0] != null) {
			initializerShapes.put(name[0], dims.stream().mapToLong(Long::longValue).toArray());
			if (data[0] >= 0) initializerData.put(name[0], new InitializerData(data[0], data[1], data[2], data[3]));
		}
	}

	@FunctionalInterface
	private interface FieldVisitor {
		/** For wire type 2, pos/len is the payload; for varints, the value is in lastVarint. */
		void visit(int field, int wire, int pos, int len);
	}

	private long lastVarint;
	private int fieldStart; // offset of the key of the field being visited

	private void walk(ByteBuffer b, int start, int end, int depth, FieldVisitor visitor) {
		if (depth > MAX_DEPTH) throw invalid("nests messages more than " + MAX_DEPTH + " deep");
		int[] pos = { start };
		while (pos[0] < end) {
			fieldStart = pos[0];
			long key = varint(b, pos, end);
			int field = (int) (key >>> 3);
			int wire = (int) (key & 7);
			if (field == 0) throw invalid("has a protobuf field number 0 at byte " + pos[0]);
			switch (wire) {
				case 0 -> {
					lastVarint = varint(b, pos, end);
					visitor.visit(field, 0, pos[0], 0);
				}
				case 1 -> skip(pos, 8, end);
				case 5 -> skip(pos, 4, end);
				case 2 -> {
					long len = varint(b, pos, end);
					if (len < 0 || len > end - pos[0]) throw invalid("is cut short (a field runs past the end of the file)");
					int p = pos[0];
					pos[0] += (int) len;
					visitor.visit(field, 2, p, (int) len);
				}
				default -> throw invalid("has protobuf wire type " + wire + " at byte " + pos[0]);
			}
		}
	}

	private void skip(int[] pos, int n, int end) {
		if (pos[0] + n > end) throw invalid("is cut short");
		pos[0] += n;
	}

	private long varint(ByteBuffer b, int[] pos, int end) {
		long result = 0;
		for (int shift = 0; shift < 64; shift += 7) {
			if (pos[0] >= end) throw invalid("is cut short (a number runs past the end)");
			byte x = b.get(pos[0]++);
			result |= (long) (x & 0x7f) << shift;
			if ((x & 0x80) == 0) return result;
		}
		throw invalid("has a malformed protobuf number");
	}

	private static String string(ByteBuffer b, int pos, int len) {
		byte[] bytes = new byte[len];
		b.get(pos, bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}
}
