package org.segloop.hostile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.segloop.core.image.LabelTiffReader.SampleType;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.LabelTiffs;
import org.segloop.testutil.LabelTiffs.Layout;
import org.segloop.testutil.TestModels;

/**
 * Hostile inputs, generated: model packages for {@code model check}, images for {@code segment}
 * and {@code init}, masks and tokens for {@code accept}, damaged project databases for
 * {@code status}. Each case writes its files into its own folder ("the world") and says which
 * command to run on them, which folder that command may write to, and what must come out: a
 * refusal naming the hostile file, or a correct result.
 */
final class HostileCorpus {

	/** A refusal (exit 1, "error: …" naming {@code named}) or a result (exit 0). */
	enum Expect { REFUSED, RESULT }

	/**
	 * @param args the command line, with {@code {world}}, {@code {model}}, {@code {project}}, {@code {id}} and {@code {token}} filled in by the test
	 * @param mayWrite folders (relative to the world) the command may create or change; nothing else may change
	 * @param named what a refusal must name (a file name)
	 */
	record Case(String name, String covers, Expect expect, String named, List<String> args, List<String> mayWrite, Setup setup) {

		@Override
		public String toString() {
			return name;
		}
	}

	@FunctionalInterface
	interface Setup {
		void write(Path world) throws IOException;
	}

	private HostileCorpus() {}

	static final int SIZE = 64;

	static List<Case> all() {
		List<Case> c = new ArrayList<>();
		c.addAll(packages());
		c.addAll(images());
		c.addAll(masks());
		c.addAll(projects());
		c.addAll(issueTwelve());
		return c;
	}

	// ---- model packages, through `model check`

	static List<Case> packages() {
		List<Case> c = new ArrayList<>();
		c.add(pkg("zip-slip entry", "zip entries leaving the unpack folder", "evil.zip", w -> zip(w.resolve("evil.zip"), "pkg/../../../escaped.txt", "gotcha".getBytes())));
		c.add(pkg("zip bomb", "compression ratio cap", "bomb.zip", w -> zip(w.resolve("bomb.zip"), "pkg/zeros.bin", new byte[64 << 20])));
		c.add(rdf("billion laughs", "YAML alias expansion", org.segloop.fuzz.SeedCorpus.laughs()));
		c.add(rdf("YAML type tag", "YAML tags that construct Java objects",
			"!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://localhost/\"]]]]\n"));
		c.add(rdf("rdf.yaml not YAML", "syntax errors", "inputs: [\n  - id: x\n  : : :\n"));
		c.add(rdf("huge rdf.yaml", "size cap of a description", "# " + "x".repeat(5 << 20) + "\n"));
		c.add(rdf("NUL in rdf.yaml", "YAML errors name the file", bundledRdf().replace("name: SegLoop nuclei", "name: SegLoop\0 nuclei")
			.replace("license:", "license: \u0000\nx:")));
		c.add(rdf("weights outside the package", "relative paths leaving the package", bundledRdf().replace("source: model.onnx", "source: ../../../../etc/passwd")));
		c.add(rdf("weights as a download", "URLs in rdf.yaml", bundledRdf().replace("source: model.onnx", "source: https://localhost/model.onnx")));
		c.add(rdf("wrong weights hash", "sha256 mismatch", bundledRdf().replaceFirst("sha256: e4a9", "sha256: 0000")));
		c.add(rdf("format 0.6", "unknown format versions", bundledRdf().replace("format_version: 0.5.3", "format_version: 0.6.0")));
		c.add(model("external data outside the package", "CVE-2024-27318 on initializers", "model.onnx",
			w -> TestModels.externalData(w.resolve("pkg/model.onnx"), "../../../../etc/passwd")));
		c.add(model("external data absolute", "absolute external-data paths", "model.onnx",
			w -> TestModels.externalData(w.resolve("pkg/model.onnx"), "/etc/passwd")));
		c.add(model("truncated model.onnx", "a cut-off download", "model.onnx", w -> {
			byte[] b = Files.readAllBytes(bundled().resolve("model.onnx"));
			Files.write(w.resolve("pkg/model.onnx"), Arrays.copyOf(b, b.length / 2));
		}));
		c.add(model("text as model.onnx", "a renamed text file", "model.onnx",
			w -> Files.writeString(w.resolve("pkg/model.onnx"), "<html>404 not found</html>\n")));
		c.add(model("test tensor of random bytes", "a damaged .npy", "test_input.npy", w -> {
			byte[] b = new byte[4096];
			new java.util.Random(7).nextBytes(b);
			Files.write(w.resolve("pkg/test_input.npy"), b);
		}));
		c.add(model("test tensor shape larger than its data", "declared sizes against the file", "test_input.npy",
			w -> replaceInFile(w.resolve("pkg/test_input.npy"), "(1, 1, 256, 256)", "(1, 1, 256, 999)")));
		c.add(new Case("the bundled package", "a valid package still passes", Expect.RESULT, "", List.of("model", "check", "{world}/pkg"), List.of("cache"),
			w -> copyBundled(w.resolve("pkg"), true)));
		return c;
	}

	// ---- images, through `segment` and `init`

	static List<Case> images() {
		List<Case> c = new ArrayList<>();
		c.add(image("empty image", "0-byte files", "empty.tif", w -> Files.write(w.resolve("in/empty.tif"), new byte[0])));
		c.add(image("text as image", "a renamed text file", "text.tif", w -> Files.writeString(w.resolve("in/text.tif"), "not an image")));
		c.add(image("truncated TIFF", "a cut-off copy", "cut.tif", w -> {
			byte[] b = Files.readAllBytes(goodImage(w.resolve("in/full.tmp")));
			Files.delete(w.resolve("in/full.tmp"));
			Files.write(w.resolve("in/cut.tif"), Arrays.copyOf(b, b.length / 3));
		}));
		c.add(image("cyclic TIFF pages", "issue 12 item 9: IFD chain pointing back", "loop.tif", w -> {
			byte[] b = Files.readAllBytes(goodImage(w.resolve("in/full.tmp")));
			Files.delete(w.resolve("in/full.tmp"));
			Files.write(w.resolve("in/loop.tif"), org.segloop.fuzz.SeedCorpus.cyclic(b));
		}));
		c.add(image("TIFF declaring 60000² pixels", "huge headers", "huge.tif", w -> {
			byte[] b = Files.readAllBytes(goodImage(w.resolve("in/full.tmp")));
			Files.delete(w.resolve("in/full.tmp"));
			Files.write(w.resolve("in/huge.tif"), org.segloop.fuzz.SeedCorpus.hugeTiff(b));
		}));
		c.add(image("TIFF strip table of 2^28 entries", "a tag count ImageJ's decoder would allocate by (found by fuzzing)", "strips.tif", w -> {
			byte[] b = Files.readAllBytes(goodImage(w.resolve("in/full.tmp")));
			Files.delete(w.resolve("in/full.tmp"));
			Files.write(w.resolve("in/strips.tif"), hugeStripTable(b));
		}));
		c.add(image("PNG declaring 100000² pixels", "huge PNG header", "huge.png", w -> Files.write(w.resolve("in/huge.png"), org.segloop.fuzz.SeedCorpus.hugePngHeader())));
		c.add(image("BigTIFF header only", "a format ImageJ does not read", "big.tif",
			w -> Files.write(w.resolve("in/big.tif"), new byte[] { 'I', 'I', 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0 })));
		c.add(image("NaN pixels", "non-finite values", "nan.tif", w -> {
			double[] v = ramp();
			v[100] = Double.NaN;
			LabelTiffs.write(w.resolve("in/nan.tif"), SIZE, SIZE, SampleType.FLOAT32, Layout.plain(), v);
		}));
		c.add(image("truncated DICOM", "pixel data cut short", "cut.dcm", w -> {
			Path d = DicomSeriesMaker.writeSlice(dicomSlice(), 0, w.resolve("in/full.tmp"));
			byte[] b = Files.readAllBytes(d);
			Files.delete(d);
			Files.write(w.resolve("in/cut.dcm"), Arrays.copyOf(b, b.length - 2000));
		}));
		c.add(image("damaged JPEG 2000 DICOM", "compressed pixel data that do not decode", "j2k.dcm", w -> damagedJpeg2000(w.resolve("in/j2k.dcm"))));
		c.add(image("JPEG-LS DICOM", "a transfer syntax without a Java codec", "jls.dcm", w -> org.segloop.testutil.CompressedDicom.compress(
			DicomSeriesMaker.writeSlice(dicomSlice(), 0, w.resolve("raw.tmp")), w.resolve("in/jls.dcm"), org.segloop.testutil.CompressedDicom.Encoding.JPEG_LS_LOSSLESS)));
		c.add(new Case("a good image", "a valid image is still segmented", Expect.RESULT, "", List.of("segment", "{model}", "{world}/in", "--out", "{world}/out"),
			List.of("out"), w -> goodImage(w.resolve("in/good.tif"))));
		// the same hostile images handed to init: refused by name, nothing but the project folder written
		c.add(initCase("cyclic TIFF pages at init", "issue 12 item 9 through init", "loop.tif", w -> {
			byte[] b = Files.readAllBytes(goodImage(w.resolve("full.tmp")));
			Files.write(w.resolve("in/loop.tif"), org.segloop.fuzz.SeedCorpus.cyclic(b));
		}));
		c.add(initCase("truncated DICOM at init", "pixel data cut short, through init", "cut.dcm", w -> {
			Path d = DicomSeriesMaker.writeSlice(dicomSlice(), 0, w.resolve("full.tmp"));
			byte[] b = Files.readAllBytes(d);
			Files.write(w.resolve("in/cut.dcm"), Arrays.copyOf(b, b.length - 2000));
		}));
		c.add(initCase("huge PNG header at init", "huge headers, through init", "huge.png",
			w -> Files.write(w.resolve("in/huge.png"), org.segloop.fuzz.SeedCorpus.hugePngHeader())));
		return c;
	}

	// ---- masks and tokens, through `accept` on a project with one leased image

	static List<Case> masks() {
		List<Case> c = new ArrayList<>();
		c.add(mask("cyclic mask TIFF", "issue 12 item 9 through accept", "loop.tif", w -> {
			double[] l = new double[SIZE * SIZE];
			Path two = LabelTiffs.write(w.resolve("two.tmp"), SIZE, SIZE, SampleType.UINT8, Layout.plain(), l, l);
			Files.write(w.resolve("loop.tif"), org.segloop.fuzz.SeedCorpus.cyclic(Files.readAllBytes(two)));
		}));
		c.add(mask("mask strip table of 2^28 entries", "a tag count ImageJ's decoder would allocate by (found by fuzzing)", "strips.tif",
			w -> Files.write(w.resolve("strips.tif"), hugeStripTable(Files.readAllBytes(okMask(w.resolve("ok.tmp")))))));
		c.add(mask("negative label", "values below 0", "neg.tif", w -> {
			double[] l = new double[SIZE * SIZE];
			l[70] = -1;
			LabelTiffs.write(w.resolve("neg.tif"), SIZE, SIZE, SampleType.INT16, Layout.plain(), l);
		}));
		c.add(mask("fractional label", "values that are not whole numbers", "frac.tif", w -> {
			double[] l = new double[SIZE * SIZE];
			l[70] = 1.5;
			LabelTiffs.write(w.resolve("frac.tif"), SIZE, SIZE, SampleType.FLOAT32, Layout.plain(), l);
		}));
		c.add(mask("mask of the wrong size", "size against the image", "small.tif",
			w -> LabelTiffs.write(w.resolve("small.tif"), SIZE / 2, SIZE, SampleType.UINT8, Layout.plain(), new double[SIZE * SIZE / 2])));
		c.add(mask("RGB PNG mask", "several channels", "rgb.png", w -> {
			java.awt.image.BufferedImage rgb = new java.awt.image.BufferedImage(SIZE, SIZE, java.awt.image.BufferedImage.TYPE_INT_RGB);
			javax.imageio.ImageIO.write(rgb, "png", w.resolve("rgb.png").toFile());
		}));
		c.add(mask("empty mask", "0-byte files", "empty.tif", w -> Files.write(w.resolve("empty.tif"), new byte[0])));
		c.add(mask("mask declaring 60000² pixels", "huge headers", "huge.tif", w -> {
			Path t = LabelTiffs.write(w.resolve("t.tmp"), SIZE, SIZE, SampleType.UINT16, Layout.plain(), new double[SIZE * SIZE]);
			Files.write(w.resolve("huge.tif"), org.segloop.fuzz.SeedCorpus.hugeTiff(Files.readAllBytes(t)));
		}));
		c.add(mask("label above 2^31-1", "labels too large for the store", "huge-label.tif", w -> {
			double[] l = new double[SIZE * SIZE];
			l[70] = 4_000_000_000d;
			LabelTiffs.write(w.resolve("huge-label.tif"), SIZE, SIZE, SampleType.UINT32, Layout.plain(), l);
		}));
		c.add(new Case("wrong token", "a token that was never issued", Expect.REFUSED, "token", List.of("accept", "{project}", "{id}", "--mask", "{world}/ok.tif",
			"--token", "00000000-0000-0000-0000-000000000000"), List.of("project"), w -> okMask(w.resolve("ok.tif"))));
		c.add(new Case("second writer", "a project held open for writing by another process", Expect.REFUSED, "is open for writing by", List.of("accept", "{project}", "{id}",
			"--mask", "{world}/ok.tif", "--token", "{token}"), List.of("project"), w -> {
				okMask(w.resolve("ok.tif"));
				holdOpen(w.resolve("project"));
			}));
		c.add(new Case("label 2·10⁹", "issue 12 item 10: matching allocates by label value", Expect.RESULT, "", List.of("accept", "{project}", "{id}", "--mask",
			"{world}/big.tif", "--token", "{token}"), List.of("project"), w -> {
				double[] l = ramp();
				for (int i = 0; i < l.length; i++) l[i] = (i / SIZE) / 16 == 1 ? 2_000_000_000d : 0;
				LabelTiffs.write(w.resolve("big.tif"), SIZE, SIZE, SampleType.UINT32, Layout.plain(), l);
			}));
		c.add(new Case("a good mask", "a valid mask is still accepted", Expect.RESULT, "", List.of("accept", "{project}", "{id}", "--mask", "{world}/ok.tif",
			"--token", "{token}"), List.of("project"), w -> okMask(w.resolve("ok.tif"))));
		return c;
	}

	// ---- project databases, through `status`

	static List<Case> projects() {
		List<Case> c = new ArrayList<>();
		c.add(new Case("random bytes as the database", "a database that is not SQLite", Expect.REFUSED, "project", List.of("status", "{project}"),
			List.of("project"), w -> {
				byte[] b = new byte[64 << 10];
				new java.util.Random(3).nextBytes(b);
				Files.write(w.resolve("project/project.sqlite"), b);
			}));
		c.add(new Case("empty database", "issue 12 item 1: an empty database is not a new project", Expect.REFUSED, "project.sqlite",
			List.of("status", "{project}"), List.of("project"), w -> Files.write(w.resolve("project/project.sqlite"), new byte[0])));
		c.add(new Case("status of a sound project", "a valid project still reads", Expect.RESULT, "", List.of("status", "{project}"), List.of("project"), w -> {}));
		return c;
	}

	/**
	 * The cases issue 12 found (sparse initializers, links and named pipes, declared sizes, parser
	 * messages, an empty database): their reproducers and what they did before the fixes are in
	 * src/test/resources/hostile/findings/.
	 */
	static List<Case> issueTwelve() {
		List<Case> c = new ArrayList<>();
		c.add(pkg("zip without rdf.yaml", "every message names its file (the zip, not the cache folder)", "empty.zip",
			w -> zip(w.resolve("empty.zip"), "pkg/readme.txt", "hello".getBytes())));
		c.add(model("sparse initializer outside the package", "issue 12 item 6: external data of sparse_initializer", "etc/passwd", w -> {
			byte[] valid = Files.readAllBytes(bundled().resolve("model.onnx"));
			Files.write(w.resolve("pkg/model.onnx"), withSparseInitializer(valid, "../../../../etc/passwd"));
		}));
		c.add(model("symlinked model.onnx", "issue 12 item 7: symbolic links leaving the package", "model.onnx", w -> {
			Files.move(w.resolve("pkg/model.onnx"), w.resolve("elsewhere.onnx"));
			Files.createSymbolicLink(w.resolve("pkg/model.onnx"), w.resolve("elsewhere.onnx"));
		}));
		c.add(new Case("rdf.yaml that is a FIFO", "issue 12 item 7: special files hang the reader", Expect.REFUSED, "rdf.yaml", List.of("model", "check", "{world}/pkg/rdf.yaml"),
			List.of("cache"), w -> {
				copyBundled(w.resolve("pkg"), false);
				Files.delete(w.resolve("pkg/rdf.yaml"));
				try {
					if (new ProcessBuilder("mkfifo", w.resolve("pkg/rdf.yaml").toString()).start().waitFor() != 0) throw new IOException("mkfifo failed");
				}
				catch (InterruptedException e) {
					throw new IOException(e);
				}
			}));
		c.add(model("test tensor of dtype <f0 and a huge shape", "issue 12 item 10: OutOfMemoryError from a declared shape", "test_input.npy",
			w -> Files.write(w.resolve("pkg/test_input.npy"), org.segloop.fuzz.SeedCorpus.npyBytes(1, "'<f0'", "(1, 1, 40000, 40000)", new byte[0]))));
		c.add(model("test tensor shape 1L", "issue 12 item 12: parser messages name file and field", "test_input.npy",
			w -> Files.write(w.resolve("pkg/test_input.npy"), org.segloop.fuzz.SeedCorpus.npyBytes(1, "'<f4'", "(1L, 1L, 2L, 2L)", new byte[16]))));
		c.add(rdf("halo 2·10⁹", "issue 12 item 10: declared sizes bounded", bundledRdf().replace("halo: 16", "halo: 2000000000")));
		c.add(rdf("size step 2·10⁹", "issue 12 item 10: ArithmeticException from rdf sizes",
			bundledRdf().replace("size: {min: 64, step: 16}", "size: {min: 2000000000, step: 2000000000}")));
		c.add(new Case("empty database, add", "issue 12 item 1: an empty database is not a new project", Expect.REFUSED, "project.sqlite",
			List.of("add", "{project}", "{world}/more.tif"), List.of("project"), w -> {
				goodImage(w.resolve("more.tif"));
				Files.write(w.resolve("project/project.sqlite"), new byte[0]);
			}));
		return c;
	}

	/**
	 * The model with a second GraphProto record (protobuf merges repeated embedded messages) holding
	 * a sparse_initializer (field 15) whose values live in external data at {@code location}.
	 */
	static byte[] withSparseInitializer(byte[] model, String location) {
		byte[] entry = concat(bytesField(1, "location".getBytes(StandardCharsets.UTF_8)), bytesField(2, location.getBytes(StandardCharsets.UTF_8)));
		byte[] values = concat(varintField(1, 1), varintField(2, 1), bytesField(8, "sparse_w".getBytes(StandardCharsets.UTF_8)), bytesField(13, entry), varintField(14, 1));
		byte[] indices = concat(varintField(1, 1), varintField(2, 7), bytesField(9, new byte[8]));
		byte[] sparse = concat(bytesField(1, values), bytesField(2, indices), varintField(3, 2), varintField(3, 2));
		return concat(model, bytesField(7, bytesField(15, sparse)));
	}

	private static byte[] varintField(int field, long v) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		varint(out, (long) field << 3);
		varint(out, v);
		return out.toByteArray();
	}

	private static byte[] bytesField(int field, byte[] payload) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		varint(out, (long) field << 3 | 2);
		varint(out, payload.length);
		out.writeBytes(payload);
		return out.toByteArray();
	}

	private static void varint(java.io.ByteArrayOutputStream out, long v) {
		while ((v & ~0x7FL) != 0) {
			out.write((int) ((v & 0x7F) | 0x80));
			v >>>= 7;
		}
		out.write((int) v);
	}

	private static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (byte[] p : parts) out.writeBytes(p);
		return out.toByteArray();
	}

	// ---- builders

	private static Case pkg(String name, String covers, String named, Setup setup) {
		return new Case(name, covers, Expect.REFUSED, named, List.of("model", "check", "{world}/" + named), List.of("cache"), setup);
	}

	/** The bundled package with its rdf.yaml replaced. */
	private static Case rdf(String name, String covers, String text) {
		return new Case(name, covers, Expect.REFUSED, "rdf.yaml", List.of("model", "check", "{world}/pkg"), List.of("cache"), w -> {
			copyBundled(w.resolve("pkg"), false);
			Files.writeString(w.resolve("pkg/rdf.yaml"), text, StandardCharsets.UTF_8);
		});
	}

	/** The bundled package, its hashes dropped, with one file replaced. */
	private static Case model(String name, String covers, String named, Setup replace) {
		return new Case(name, covers, Expect.REFUSED, named, List.of("model", "check", "{world}/pkg"), List.of("cache"), w -> {
			copyBundled(w.resolve("pkg"), false);
			Files.writeString(w.resolve("pkg/rdf.yaml"), bundledRdf().replaceAll("(?m)^\\s*sha256: .*\\n", ""));
			replace.write(w);
		});
	}

	private static DicomSeriesMaker.Spec dicomSlice() {
		return DicomSeriesMaker.ct("1.2.826.0.1.3680043.9.7.80", "1.2.826.0.1.3680043.9.7.80.1", SIZE, SIZE, 1).withVoxels((xy, z) -> 0);
	}

	/** A CT slice whose JPEG 2000 pixel data (encapsulated by PixelMed) is four bytes that no decoder makes sense of. */
	private static void damagedJpeg2000(Path file) throws IOException {
		Path raw = DicomSeriesMaker.writeSlice(dicomSlice(), 0, file.resolveSibling("raw.tmp"));
		try {
			com.pixelmed.dicom.AttributeList a = new com.pixelmed.dicom.AttributeList();
			a.read(raw.toFile());
			a.remove(com.pixelmed.dicom.TagFromName.PixelData);
			a.remove(com.pixelmed.dicom.TagFromName.TransferSyntaxUID);
			a.put(new com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames(com.pixelmed.dicom.TagFromName.PixelData, new byte[][] { { 1, 2, 3, 4 } }));
			com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(a, "1.2.840.10008.1.2.4.90", "SEGLOOPTEST");
			a.write(file.toFile(), "1.2.840.10008.1.2.4.90", true, true);
		}
		catch (com.pixelmed.dicom.DicomException e) {
			throw new IOException(e);
		}
		finally {
			Files.delete(raw);
		}
	}

	private static Case image(String name, String covers, String named, Setup setup) {
		return new Case(name, covers, Expect.REFUSED, named, List.of("segment", "{model}", "{world}/in", "--out", "{world}/out"), List.of("out"), w -> {
			Files.createDirectories(w.resolve("in"));
			setup.write(w);
		});
	}

	private static Case initCase(String name, String covers, String named, Setup setup) {
		return new Case(name, covers, Expect.REFUSED, named, List.of("init", "{world}/new", "--images", "{world}/in", "--model", "{model}"), List.of("new"), w -> {
			Files.createDirectories(w.resolve("in"));
			goodImage(w.resolve("in/good.tif"));
			setup.write(w);
		});
	}

	private static Case mask(String name, String covers, String named, Setup setup) {
		return new Case(name, covers, Expect.REFUSED, named, List.of("accept", "{project}", "{id}", "--mask", "{world}/" + named, "--token", "{token}"),
			List.of("project"), setup);
	}

	// ---- files

	static Path bundled() {
		return Path.of("models", "nuclei-unet2d").toAbsolutePath();
	}

	static String bundledRdf() {
		try {
			return Files.readString(bundled().resolve("rdf.yaml"));
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private static void copyBundled(Path to, boolean all) throws IOException {
		Files.createDirectories(to);
		for (String f : List.of("rdf.yaml", "model.onnx", "test_input.npy", "test_output.npy"))
			Files.copy(bundled().resolve(f), to.resolve(f));
		if (all) Files.copy(bundled().resolve("model.pt"), to.resolve("model.pt"));
	}

	private static double[] ramp() {
		double[] v = new double[SIZE * SIZE];
		for (int i = 0; i < v.length; i++) {
			int x = i % SIZE, y = i / SIZE;
			v[i] = (x - 20) * (x - 20) + (y - 30) * (y - 30) < 100 || (x - 45) * (x - 45) + (y - 40) * (y - 40) < 64 ? 3000 : 200;
		}
		return v;
	}

	/** A 64×64 16-bit image with two bright disks. */
	static Path goodImage(Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		return LabelTiffs.write(file, SIZE, SIZE, SampleType.UINT16, new Layout(ByteOrder.LITTLE_ENDIAN, LabelTiffs.Compression.NONE, 0, false), ramp());
	}

	static Path okMask(Path file) throws IOException {
		double[] v = ramp();
		for (int i = 0; i < v.length; i++) v[i] = v[i] > 1000 ? (i % SIZE < 32 ? 1 : 2) : 0;
		return LabelTiffs.write(file, SIZE, SIZE, SampleType.UINT16, Layout.plain(), v);
	}

	/** The same classic little-endian TIFF whose first page's StripOffsets tag claims 2^28 values. */
	static byte[] hugeStripTable(byte[] tif) {
		java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(tif.clone()).order(ByteOrder.LITTLE_ENDIAN);
		int ifd = b.getInt(4);
		int n = b.getShort(ifd) & 0xffff;
		for (int i = 0; i < n; i++) {
			int at = ifd + 2 + 12 * i;
			if ((b.getShort(at) & 0xffff) == 273) b.putShort(at + 2, (short) 4).putInt(at + 4, 1 << 28).putInt(at + 8, 8);
		}
		return b.array();
	}

	/** Processes holding a project open for the current case; the test ends them after the case. */
	static final List<Process> HOLDERS = new ArrayList<>();

	/** Opens the project for writing in another JVM and returns once it holds it. */
	private static void holdOpen(Path project) throws IOException {
		Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
			org.segloop.testutil.HoldProjectMain.class.getName(), project.toString()).redirectErrorStream(true).start();
		HOLDERS.add(p);
		String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
		if (!"LOCKED".equals(line)) throw new IllegalStateException("the holder did not open " + project + ": " + line);
	}

	private static void zip(Path file, String entry, byte[] content) throws IOException {
		try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
			z.putNextEntry(new ZipEntry(entry));
			z.write(content);
			z.closeEntry();
		}
	}

	private static void replaceInFile(Path file, String from, String to) throws IOException {
		String s = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
		if (!s.contains(from)) throw new IllegalStateException(file + " does not hold " + from);
		Files.write(file, s.replace(from, to).getBytes(StandardCharsets.ISO_8859_1));
	}
}
