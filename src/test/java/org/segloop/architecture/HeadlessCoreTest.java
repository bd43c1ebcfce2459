package org.segloop.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The headless core (org.segloop.core) and the CLI must run without a display: no ImageJ windows,
 * no ROI Manager, no Swing, no AWT beyond off-screen drawing. This reads the constant pool of every
 * compiled class and fails on any class that is not on an allow-list, so a new kind of GUI use
 * ({@code java.awt.Robot}, {@code ij.text.TextWindow}, ...) fails without anyone listing it first.
 * A class the core needs and that is not a GUI goes onto the list here, with the reason.
 */
class HeadlessCoreTest {

	/** JDK and library packages without a GUI; an entry ending in / allows that package and those below it. */
	static final List<String> PLAIN_JAVA_AND_LIBRARIES = List.of("java/lang/", "java/util/", "java/io/", "java/nio/", "java/math/",
		"java/net/", "java/security/", "java/sql/", "java/text/", "java/time/", "javax/crypto/",
		"com/sun/management/OperatingSystemMXBean", // the benchmark reads the process's CPU time
		"ai/onnxruntime/", "ai/djl/", "org/sqlite/", "com/google/gson/", "org/yaml/snakeyaml/", "net/imglib2/",
		"com/pixelmed/"); // PixelMed: the DICOM codec

	/** Drawing into a BufferedImage and writing it (previews, the learning-curve plot): AWT without a window. */
	static final List<String> OFF_SCREEN_DRAWING = List.of("java/awt/image/", "java/awt/geom/", "java/awt/font/", "javax/imageio/",
		"java/awt/Graphics", "java/awt/Graphics2D", "java/awt/Color", "java/awt/Font", "java/awt/FontMetrics", "java/awt/BasicStroke",
		"java/awt/Stroke", "java/awt/RenderingHints", "java/awt/AlphaComposite", "java/awt/Composite", "java/awt/Shape",
		"java/awt/Rectangle", "java/awt/Point", "java/awt/Polygon", "java/awt/Image", "java/awt/Transparency");

	/**
	 * ImageJ's file readers and the image classes they return (core.image reads TIFF and DICOM with
	 * them). ij.Prefs holds the DICOM-scaling switches the reader sets around a read. Not ij.IJ,
	 * ij.gui, ij.plugin.frame, ij.text, ij.WindowManager: those open or find windows.
	 */
	static final List<String> IMAGEJ_READERS = List.of("ij/ImagePlus", "ij/ImageStack", "ij/Prefs", "ij/process/", "ij/io/Opener",
		"ij/io/FileInfo", "ij/io/FileOpener", "ij/io/ImageReader", "ij/io/TiffDecoder", "ij/measure/Calibration", "ij/plugin/DICOM");

	static final List<String> CORE_MAY_USE = concat(List.of("org/segloop/core/"), PLAIN_JAVA_AND_LIBRARIES, OFF_SCREEN_DRAWING,
		IMAGEJ_READERS);

	/** The CLI: the core's list, picocli, and sun.misc.Signal for Ctrl+C as a cancel. */
	static final List<String> CLI_MAY_USE = concat(CORE_MAY_USE, List.of("org/segloop/cli/", "picocli/", "sun/misc/Signal",
		"sun/misc/SignalHandler"));

	/** The core's list, with this package standing in for the core's own for the planted classes below. */
	static final List<String> PLANTED_MAY_USE = concat(CORE_MAY_USE, List.of("org/segloop/architecture/"));

	static final Path MAIN_CLASSES = Path.of("target", "classes", "org", "segloop");

	@Test
	void coreReferencesOnlyAllowedClasses() throws IOException {
		List<Path> core = ClassReferences.classFilesUnder(MAIN_CLASSES.resolve("core"));
		assertTrue(core.size() > 100, "expected the compiled core under " + MAIN_CLASSES + ", found " + core.size() + " classes");
		SortedMap<String, SortedSet<String>> disallowed = disallowed(CORE_MAY_USE, core);
		assertTrue(disallowed.isEmpty(), report("core", disallowed));
	}

	@Test
	void cliReferencesOnlyAllowedClasses() throws IOException {
		List<Path> cli = ClassReferences.classFilesUnder(MAIN_CLASSES.resolve("cli"));
		assertTrue(cli.size() > 20, "expected the compiled CLI under " + MAIN_CLASSES + ", found " + cli.size() + " classes");
		SortedMap<String, SortedSet<String>> disallowed = disallowed(CLI_MAY_USE, cli);
		assertTrue(disallowed.isEmpty(), report("cli", disallowed));
	}

	@Test
	void theCheckerReportsGuiClassesThatNoDenyListNamed() throws IOException {
		SortedMap<String, SortedSet<String>> found = disallowed(PLANTED_MAY_USE, List.of(plantedClassFile(PlantedGuiUse.class)));
		assertEquals(new TreeSet<>(List.of("java/awt/AWTException", "java/awt/Component", "java/awt/FileDialog", "java/awt/Frame", "java/awt/GraphicsEnvironment", "java/awt/Panel",
			"java/awt/Robot", "java/awt/Toolkit", "javax/swing/JOptionPane", "ij/IJ", "ij/WindowManager", "ij/gui/Roi", "ij/plugin/frame/RoiManager",
			"ij/text/TextWindow", "org/segloop/fiji/SegLoopService")), found.keySet(), report("planted", found));
		assertEquals(Set.of(PlantedGuiUse.class.getName().replace('.', '/') + ".class"), Set.copyOf(found.get("java/awt/Robot")),
			"each finding names the class that uses it");
	}

	@Test
	void theCheckerAllowsOffScreenDrawingImageJReadersAndMessagesThatNameGuiClasses() throws IOException {
		SortedMap<String, SortedSet<String>> found = disallowed(PLANTED_MAY_USE, List.of(plantedClassFile(PlantedHeadlessUse.class)));
		assertTrue(found.isEmpty(), report("planted", found));
		Set<String> seen = ClassReferences.of(plantedClassFile(PlantedHeadlessUse.class));
		assertTrue(seen.containsAll(List.of("java/awt/image/BufferedImage", "java/awt/Graphics2D", "java/awt/Font", "java/awt/RenderingHints$Key",
			"ij/ImagePlus", "ij/io/Opener", "ij/process/ImageProcessor", "java/util/List")), "the reader sees what it allows: " + seen);
	}

	/** Each class on the allow-list's far side, with the classes (file paths under their root) that use it. */
	static SortedMap<String, SortedSet<String>> disallowed(List<String> allowed, List<Path> classFiles) throws IOException {
		SortedMap<String, SortedSet<String>> found = new TreeMap<>();
		for (Path file : classFiles)
			for (String ref : ClassReferences.of(file))
				if (!allows(allowed, ref)) found.computeIfAbsent(ref, r -> new TreeSet<>()).add(user(file));
		return found;
	}

	/** An entry ending in / allows its package and those below; any other allows that class and its nested classes. */
	static boolean allows(List<String> allowed, String ref) {
		for (String entry : allowed)
			if (entry.endsWith("/") ? ref.startsWith(entry) : ref.equals(entry) || ref.startsWith(entry + "$")) return true;
		return false;
	}

	static String report(String layer, Map<String, SortedSet<String>> disallowed) {
		return layer + " uses " + disallowed.size() + " classes not on its allow-list (a GUI? if not, allow it in HeadlessCoreTest):\n"
			+ disallowed.entrySet().stream().map(e -> "  " + e.getKey() + "  <- " + e.getValue()).collect(Collectors.joining("\n"));
	}

	static Path plantedClassFile(Class<?> planted) {
		return Path.of("target", "test-classes").resolve(planted.getName().replace('.', '/') + ".class");
	}

	private static String user(Path classFile) {
		Path root = classFile.toString().contains("test-classes") ? Path.of("target", "test-classes") : Path.of("target", "classes");
		return root.relativize(classFile).toString();
	}

	@SafeVarargs
	private static List<String> concat(List<String>... lists) {
		List<String> all = new ArrayList<>();
		for (List<String> l : lists) all.addAll(l);
		return List.copyOf(all);
	}

	/**
	 * Planted in the test classes (which the real checks do not read): GUI uses the old deny-list let
	 * through, beside ones it caught, to prove the allow-list reports each of them.
	 */
	@SuppressWarnings("unused")
	static final class PlantedGuiUse {
		java.awt.Panel panel;
		java.util.List<java.awt.FileDialog> dialogs;

		Object[] gui() throws java.awt.AWTException {
			java.awt.Toolkit.getDefaultToolkit().beep();
			ij.IJ.log("x");
			ij.WindowManager.getCurrentImage();
			javax.swing.JOptionPane.showMessageDialog(null, "x");
			return new Object[] { new java.awt.Robot(), java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment(),
				new ij.text.TextWindow("t", "x", 1, 1), new ij.gui.Roi(0, 0, 1, 1), ij.plugin.frame.RoiManager.getInstance(), (java.awt.Frame) null,
				(org.segloop.fiji.SegLoopService) null };
		}
	}

	/** Planted: what the core may do, and a message that names a GUI class without using it. */
	@SuppressWarnings("unused")
	static final class PlantedHeadlessUse {
		static final String MESSAGE = "not java.awt.Robot, nor Ljava/awt/Robot; nor javax/swing/JFrame";

		java.util.List<java.awt.image.BufferedImage> plot() {
			java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
			java.awt.Graphics2D g = image.createGraphics();
			g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
			java.awt.RenderingHints.Key key = java.awt.RenderingHints.KEY_ANTIALIASING;
			g.setRenderingHint(key, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
			g.dispose();
			return java.util.List.of(image);
		}

		ij.process.ImageProcessor read(String path) {
			ij.ImagePlus imp = new ij.io.Opener().openImage(path);
			return imp.getProcessor();
		}
	}
}
