package org.segloop.core.model;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Runs a bare ONNX graph once on a seeded input to learn what its declared shapes hide: the real
 * shape (and values) of every output. Dynamic space axes are tried at 128, 256 and 512 (z: 16,
 * 32, 64) until the model runs; a dynamic channel axis gets 1 channel.
 */
final class GraphTrial {

	/** The input shape that ran, and per graph output (in graph order) its shape and float values (null if not float). */
	record Outcome(long[] input, Map<String, long[]> outputs, Map<String, float[]> values) {}

	private GraphTrial() {}

	static Outcome run(OrtSession session, Path onnx, String inputName, long[] declared, String axes) {
		OrtEnvironment env = OrtEnvironment.getEnvironment();
		String lastError = "";
		long[] shape = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			shape = new long[declared.length];
			for (int i = 0; i < shape.length; i++) {
				char a = axes.charAt(i);
				shape[i] = a == 'b' ? 1 : declared[i] > 0 ? declared[i] : a == 'c' ? 1 : (a == 'z' ? 16 : 128) << attempt;
			}
			int n = Math.toIntExact(Arrays.stream(shape).reduce(1, (x, y) -> x * y));
			float[] data = new float[n];
			Random rnd = new Random(42);
			for (int i = 0; i < n; i++) data[i] = rnd.nextFloat();
			try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
				OrtSession.Result r = session.run(Map.of(inputName, in)))
			{
				Map<String, long[]> shapes = new LinkedHashMap<>();
				Map<String, float[]> values = new LinkedHashMap<>();
				for (Map.Entry<String, OnnxValue> e : r) {
					if (!(e.getValue() instanceof OnnxTensor t)) continue;
					shapes.put(e.getKey(), t.getInfo().getShape());
					if (t.getInfo().type == OnnxJavaType.FLOAT) {
						FloatBuffer b = t.getFloatBuffer();
						float[] v = new float[b.remaining()];
						b.get(v);
						values.put(e.getKey(), v);
					}
				}
				return new Outcome(shape, shapes, values);
			}
			catch (OrtException e) {
				lastError = firstLine(e.getMessage());
				if (Arrays.stream(declared).allMatch(d -> d > 0)) break; // fixed sizes: nothing else to try
			}
		}
		throw new ModelPackageException(onnx, "does not run on a test input of shape " + Arrays.toString(shape) + ": " + lastError,
			"check that the model runs in onnxruntime; if it needs particular sizes, write rdf.yaml by hand");
	}

	/** Whether the values are already probabilities over the channel axis: in [0, 1] and summing to 1 per pixel. */
	static boolean looksLikeProbabilities(float[] values, long[] shape, int channelAxis) {
		if (values == null || channelAxis < 0 || shape[channelAxis] < 2) return false;
		int inner = 1;
		for (int i = channelAxis + 1; i < shape.length; i++) inner *= (int) shape[i];
		int channels = (int) shape[channelAxis];
		double[] sums = new double[values.length / channels];
		for (int i = 0; i < values.length; i++) {
			float v = values[i];
			if (!(v >= 0 && v <= 1)) return false;
			int outer = i / (inner * channels);
			sums[outer * inner + i % inner] += v;
		}
		for (double s : sums) if (Math.abs(s - 1) > 1e-3) return false;
		return true;
	}

	private static String firstLine(String s) {
		if (s == null) return "";
		int nl = s.indexOf('\n');
		return nl < 0 ? s : s.substring(0, nl);
	}
}
