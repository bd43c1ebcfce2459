package org.segloop.core.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.segloop.core.SegLoopException;

/**
 * A {@link WeightSet} as one file: the magic {@code SEGLOOP-WEIGHTS-1}, the tensor count, then per
 * tensor its UTF-8 name, rank, dimensions and float32 values (big-endian). Reading checks every
 * length against the file's size before allocating, so a damaged or hostile file is an error, not
 * an OutOfMemoryError. Writers put it in the project's content-addressed file store, which gives it
 * its sha256 name.
 */
public final class WeightFiles {

	private static final String MAGIC = "SEGLOOP-WEIGHTS-1";
	private static final int MAX_NAME = 4096, MAX_RANK = 8;

	private WeightFiles() {}

	public static void write(WeightSet weights, Path file) throws IOException {
		try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
			out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
			out.writeInt(weights.tensors().size());
			for (Map.Entry<String, WeightSet.Tensor> e : weights.tensors().entrySet()) {
				byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
				out.writeInt(name.length);
				out.write(name);
				long[] shape = e.getValue().shape();
				out.writeInt(shape.length);
				for (long d : shape) out.writeLong(d);
				for (float v : e.getValue().values()) out.writeFloat(v);
			}
		}
	}

	/** @throws SegLoopException naming the file when it is not a complete weights file */
	public static WeightSet read(Path file) {
		try {
			long size = Files.size(file);
			try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
				byte[] magic = new byte[MAGIC.length()];
				in.readFully(magic);
				if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) throw damaged(file, "is not a SegLoop weights file");
				int count = in.readInt();
				if (count < 0 || count > size / 8) throw damaged(file, "declares " + count + " tensors");
				Map<String, WeightSet.Tensor> tensors = new LinkedHashMap<>();
				for (int t = 0; t < count; t++) {
					int nameLength = in.readInt();
					if (nameLength < 0 || nameLength > MAX_NAME) throw damaged(file, "has a tensor name of " + nameLength + " bytes");
					byte[] name = new byte[nameLength];
					in.readFully(name);
					int rank = in.readInt();
					if (rank < 0 || rank > MAX_RANK) throw damaged(file, "has a tensor of rank " + rank);
					long[] shape = new long[rank];
					long values = 1;
					for (int d = 0; d < rank; d++) {
						shape[d] = in.readLong();
						if (shape[d] < 0 || (values *= Math.max(1, shape[d])) > size / 4) throw damaged(file, "declares more values than it holds");
					}
					values = java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
					float[] v = new float[(int) values];
					for (int i = 0; i < v.length; i++) v[i] = in.readFloat();
					tensors.put(new String(name, StandardCharsets.UTF_8), new WeightSet.Tensor(shape, v));
				}
				if (in.read() != -1) throw damaged(file, "has data after its last tensor");
				return new WeightSet(tensors);
			}
		}
		catch (EOFException e) {
			throw damaged(file, "ends early (truncated)");
		}
		catch (IOException e) {
			throw new SegLoopException(file, "cannot be read: " + e.getMessage(), "check the file exists and is readable", e);
		}
	}

	private static SegLoopException damaged(Path file, String problem) {
		return new SegLoopException(file, problem, "the weights file is damaged; use the project's other model versions or fine-tune again");
	}
}
