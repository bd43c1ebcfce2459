package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.QueueStatus;
import org.segloop.testutil.Fixtures;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A scorer from a jar that SegLoop's build never saw, as an outsider makes one with ARCHITECTURE.md's
 * recipe: compiled here against SegLoop's classes, jarred with its {@code META-INF/services} file,
 * and put on the class path of a CLI in a child JVM (SegLoop's test classes are not on it). Shows
 * that the jar extends the CLI, that a project made with it needs it again (and says so), and that
 * two jars of one name or a scorer that breaks its contract are typed errors naming the extension.
 */
class OutsideJarExtensionTest {

	@TempDir
	static Path dir;

	static Path extJar, duplicateJar, images;

	/** SegLoop and its dependencies as the launcher puts them on the class path: no test classes. */
	static final String SEGLOOP = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
		.filter(e -> !e.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));

	/** Uncertainty 1 − p_max², streamed like SegLoop's own scorers; and one that returns no map. */
	static final Map<String, String> EXTENSION = Map.of("org/example/PeakScorer.java", """
		package org.example;

		import java.util.List;
		import org.segloop.core.image.ImageVolume;
		import org.segloop.core.inference.*;
		import org.segloop.core.registry.NamedExtension;
		import org.segloop.core.uncertainty.*;
		import org.segloop.core.work.*;

		public final class PeakScorer extends NamedExtension implements ScorerFactory {
			public PeakScorer() { super("peak_sq", "one minus the squared peak probability (an outside scorer)"); }

			@Override public UncertaintyScorer create(Scorers.Options options) {
				return new UncertaintyScorer() {
					@Override public String name() { return "peak_sq"; }
					@Override public ScoredSegmentation score(SegmentationTool tool, ImageVolume image, ProgressListener progress, Cancellation cancel) {
						ScoreAccumulator scores = new ScoreAccumulator(options.topFraction());
						float[][][] map = new float[1][][];
						SegmentationGeometry[] geometry = new SegmentationGeometry[1];
						ProbabilitySink sink = new ProbabilitySink() {
							@Override public void begin(SegmentationGeometry g) {
								geometry[0] = g;
								map[0] = new float[g.slices() * g.frames()][g.width() * g.height()];
							}
							@Override public void accept(ProbabilityChunk chunk) {
								float[][] p = chunk.probabilities();
								int plane = chunk.rows() * chunk.width();
								for (int dz = 0; dz < chunk.depth(); dz++) {
									float[] target = map[0][geometry[0].planeIndex(chunk.z0() + dz, chunk.frame())];
									for (int k = 0; k < plane; k++) {
										int i = dz * plane + k;
										float peak = p.length == 1 ? Math.max(p[0][i], 1 - p[0][i]) : 0;
										for (float[] c : p) if (p.length > 1) peak = Math.max(peak, c[i]);
										float u = 1 - peak * peak;
										scores.add(u, ScoreAccumulator.isObject(p, i));
										target[chunk.y0() * chunk.width() + k] = u;
									}
								}
							}
						};
						SegmentationResult r = tool.segment(image, List.of(sink), progress, cancel);
						return new ScoredSegmentation(r, map[0], scores.scores(), "peak_sq");
					}
				};
			}
		}
		""", "org/example/NoMapScorer.java", """
		package org.example;

		import java.util.List;
		import org.segloop.core.image.ImageVolume;
		import org.segloop.core.inference.*;
		import org.segloop.core.registry.NamedExtension;
		import org.segloop.core.uncertainty.*;
		import org.segloop.core.work.*;

		public final class NoMapScorer extends NamedExtension implements ScorerFactory {
			public NoMapScorer() { super("no_map", "forgets its uncertainty map (a broken outside scorer)"); }

			@Override public UncertaintyScorer create(Scorers.Options options) {
				return new UncertaintyScorer() {
					@Override public String name() { return "no_map"; }
					@Override public ScoredSegmentation score(SegmentationTool tool, ImageVolume image, ProgressListener progress, Cancellation cancel) {
						return new ScoredSegmentation(tool.segment(image, List.of(), progress, cancel), null, new ImageScores(0.5, 0.5, 0.5, 1, 1), "no_map");
					}
				};
			}
		}
		""", "org/example/BrokenSource.java", """
		package org.example;

		import java.nio.file.Path;
		import org.segloop.core.image.*;
		import org.segloop.core.registry.NamedExtension;

		public final class BrokenSource extends NamedExtension implements ImageSource {
			public BrokenSource() { super("broken_source", "claims files named broken*, then fails (a broken outside source)"); }
			@Override public boolean canRead(Path path) { return path.getFileName().toString().startsWith("broken"); }
			@Override public ImageVolume read(Path path) { throw new IllegalStateException("no decoder for " + path.getFileName()); }
		}
		""");

	/** Another jar's scorer that took the same name. */
	static final Map<String, String> DUPLICATE = Map.of("org/other/AlsoPeak.java", """
		package org.other;

		import org.segloop.core.registry.NamedExtension;
		import org.segloop.core.uncertainty.*;

		public final class AlsoPeak extends NamedExtension implements ScorerFactory {
			public AlsoPeak() { super("peak_sq", "a second scorer of the same name"); }
			@Override public UncertaintyScorer create(Scorers.Options options) { throw new UnsupportedOperationException(); }
		}
		""");

	@BeforeAll
	static void buildTheJars() throws IOException {
		extJar = jar("ext", EXTENSION, Map.of("org.segloop.core.uncertainty.ScorerFactory", "org.example.PeakScorer\norg.example.NoMapScorer\n",
			"org.segloop.core.image.ImageSource", "org.example.BrokenSource\n"));
		duplicateJar = jar("duplicate", DUPLICATE, Map.of("org.segloop.core.uncertainty.ScorerFactory", "org.other.AlsoPeak\n"));
		images = Files.createDirectories(dir.resolve("images"));
		for (int i = 1; i <= 2; i++)
			Files.copy(Fixtures.BUNDLED_MODEL.resolve("samples").resolve(String.format("nuclei_%02d.tif", i)), images.resolve("n" + i + ".tif"));
	}

	@Test
	void aScorerFromAnOutsideJarIsOfferedUsedAndNeededAgainLater() throws Exception {
		CliTest.Run help = child(List.of(extJar), "init", "--help");
		assertEquals(0, help.code(), help.err());
		assertTrue(help.out().contains("peak_sq") && help.out().contains("one minus the squared peak probability"), help.out());
		assertFalse(child(List.of(), "init", "--help").out().contains("peak_sq"), "without the jar, no such scorer");

		Path project = dir.resolve("p");
		CliTest.Run init = child(List.of(extJar), "init", project, "--images", images, "--model", Fixtures.BUNDLED_MODEL, "--scorer", "peak_sq");
		assertEquals(0, init.code(), init.err());

		CliTest.Run withoutJar = child(List.of(), "predict", project);
		assertEquals(Main.USER_ERROR, withoutJar.code(), withoutJar.err());
		assertTrue(withoutJar.err().startsWith("error: " + project + ": uses the uncertainty scorer 'peak_sq', which is not installed")
			&& withoutJar.err().contains("install the extension that provides 'peak_sq' (the jar it came in)")
			&& withoutJar.err().contains("SEGLOOP_CLASSPATH"), withoutJar.err());
		assertFalse(withoutJar.err().contains("choose one of") || withoutJar.err().contains("internal error"), withoutJar.err());
		CliTest.Run status = child(List.of(), "status", project);
		assertEquals(0, status.code(), status.err());
		assertTrue(status.out().contains("scorer peak_sq (not installed)"), "status reads the stored name without the jar: " + status.out());
		CliTest.Run statusWithJar = child(List.of(extJar), "status", project);
		assertTrue(statusWithJar.out().contains("scorer peak_sq\n"), statusWithJar.out());

		CliTest.Run predict = child(List.of(extJar), "predict", project);
		assertEquals(0, predict.code(), predict.err());
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			assertEquals("peak_sq", p.settings().scorer(), "this JVM has no peak_sq, and still reads the settings");
			for (ImageRecord image : p.images().all()) {
				var stored = p.predictions().latest(image.id()).orElseThrow();
				assertEquals("peak_sq", stored.scorer());
				assertTrue(stored.scores().mean() > 0 && stored.scores().mean() < 1, "scored by the outside scorer: " + stored.scores());
			}
		}
	}

	@Test
	void twoJarsWithAScorerOfOneNameAreATypedErrorNamingBoth() throws Exception {
		CliTest.Run help = child(List.of(extJar, duplicateJar), "init", "--help");
		CliTest.Run json = child(List.of(extJar, duplicateJar), "init", dir.resolve("q"), "--images", images, "--model", Fixtures.BUNDLED_MODEL,
			"--json");
		for (CliTest.Run r : List.of(help, json)) {
			assertEquals(Main.USER_ERROR, r.code(), r.err());
			assertTrue(r.err().startsWith("error: two uncertainty scorer extensions are named 'peak_sq': org.example.PeakScorer in " + extJar
				+ " and org.other.AlsoPeak in " + duplicateJar) && r.err().contains("remove one of the two jars"), r.err());
			assertFalse(r.err().contains("internal error") || r.err().contains("Exception") || r.err().contains("Invalid value"), r.err());
		}
		JsonObject error = JsonParser.parseString(json.out()).getAsJsonObject();
		assertTrue(error.get("error").getAsString().contains("remove one of the two jars"), json.out());
		assertEquals(Main.USER_ERROR, error.get("exitCode").getAsInt());
		assertFalse(Files.exists(dir.resolve("q")), "no project was made");
	}

	@Test
	void aScorerThatReturnsNoMapStopsPredictWithATypedErrorNamingIt() throws Exception {
		Path project = dir.resolve("broken");
		CliTest.Run init = child(List.of(extJar), "init", project, "--images", images, "--model", Fixtures.BUNDLED_MODEL, "--scorer", "no_map");
		assertEquals(0, init.code(), init.err());
		CliTest.Run predict = child(List.of(extJar), "predict", project);
		assertEquals(Main.USER_ERROR, predict.code(), predict.err());
		assertTrue(predict.err().startsWith("error: ") && predict.err().contains("the uncertainty scorer 'no_map' (org.example.NoMapScorer$1 in " + extJar
			+ ") returned no uncertainty map (null) — fix or remove the extension that provides 'no_map'"), predict.err());
		assertFalse(predict.err().contains("internal error") || predict.err().contains("NullPointerException"), predict.err());
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY)) {
			assertEquals(0, p.queue().counts().get(QueueStatus.FAILED).intValue(), "the scorer's fault: no image is set aside as failed");
			assertEquals(2, p.predictions().pending(p.models().current().id()).size(), "nothing was recorded; a fixed scorer predicts both");
		}
	}

	@Test
	void anImageSourceThatThrowsIsNamedWithTheFileItWasReading() throws Exception {
		Path broken = Files.copy(images.resolve("n1.tif"), Files.createDirectories(dir.resolve("claimed")).resolve("broken.tif"));
		CliTest.Run init = child(List.of(extJar), "init", dir.resolve("r"), "--images", broken, "--model", Fixtures.BUNDLED_MODEL);
		assertEquals(Main.USER_ERROR, init.code(), init.err());
		assertTrue(init.err().contains(broken + ": the image source 'broken_source' (org.example.BrokenSource in " + extJar
			+ ") failed reading it: java.lang.IllegalStateException: no decoder for broken.tif — fix or remove the extension that provides 'broken_source'"),
			init.err());
		assertFalse(init.err().contains("internal error"), init.err());
	}

	/** Compiles the sources against SegLoop's classes and jars them with their services files (extension point → class names). */
	static Path jar(String name, Map<String, String> sources, Map<String, String> services) throws IOException {
		Path src = Files.createDirectories(dir.resolve(name + "-src")), classes = Files.createDirectories(dir.resolve(name + "-classes"));
		List<String> files = new ArrayList<>();
		for (Map.Entry<String, String> s : sources.entrySet()) {
			Path f = src.resolve(s.getKey());
			Files.createDirectories(f.getParent());
			Files.writeString(f, s.getValue());
			files.add(f.toString());
		}
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-cp", SEGLOOP, "-d", classes.toString()));
		args.addAll(files);
		assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "the extension compiles against SegLoop's classes");
		Path jar = dir.resolve(name + ".jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> all = Files.walk(classes)) {
			for (Path c : all.filter(Files::isRegularFile).toList()) add(out, classes.relativize(c).toString().replace(File.separatorChar, '/'),
				Files.readAllBytes(c));
			for (Map.Entry<String, String> s : services.entrySet())
				add(out, "META-INF/services/" + s.getKey(), s.getValue().getBytes(StandardCharsets.UTF_8));
		}
		return jar;
	}

	private static void add(JarOutputStream out, String entry, byte[] content) throws IOException {
		out.putNextEntry(new JarEntry(entry));
		out.write(content);
		out.closeEntry();
	}

	/** The CLI in a child JVM with SegLoop, its dependencies and {@code jars} on the class path, as {@code SEGLOOP_CLASSPATH} adds them. */
	static CliTest.Run child(List<Path> jars, Object... args) throws IOException, InterruptedException {
		String cp = Stream.concat(Stream.of(SEGLOOP), jars.stream().map(Path::toString)).collect(Collectors.joining(File.pathSeparator));
		List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
			"-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-Dai.djl.offline=true", "-cp", cp, Main.class.getName()));
		for (Object a : args) cmd.add(a.toString());
		Path out = Files.createTempFile(dir, "stdout", ".txt"), err = Files.createTempFile(dir, "stderr", ".txt");
		Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		try (OutputStream in = p.getOutputStream()) { /* no input */ }
		if (!p.waitFor(120, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			fail("timed out: " + cmd);
		}
		return new CliTest.Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
	}
}
