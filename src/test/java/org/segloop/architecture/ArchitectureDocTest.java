package org.segloop.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The map cannot drift from the code: every package under src/main has its package-info.java,
 * and every class, member and SegLoop package that ARCHITECTURE.md names in backticks exists.
 */
class ArchitectureDocTest {

	static final Path MAIN = Path.of("src", "main", "java"), TEST = Path.of("src", "test", "java");
	static final Path DOC = Path.of("ARCHITECTURE.md");

	/** {@code ImageQueue}, {@code ImageScores.Reduction}, {@code ImageQueue.next}, {@code FileStore.KEEP_SWEPT}, with an optional (). */
	private static final Pattern OUR_CLASS = Pattern.compile(
		"((?:[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)(?:\\.[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)*)(?:\\.([a-z][A-Za-z0-9]*|[A-Z][A-Z0-9_]*))?(?:\\(\\))?");
	/** {@code java.awt.image.BufferedImage}, {@code ij.plugin.DICOM}: a class of a library, by its full name. */
	private static final Pattern QUALIFIED_CLASS = Pattern.compile("[a-z]\\w*(?:\\.[a-z]\\w*)*(?:\\.[A-Z]\\w*)+");
	/** {@code core.project}, {@code fiji.imagej}, {@code org.segloop.cli}. */
	private static final Pattern OUR_PACKAGE = Pattern.compile("(?:org\\.segloop\\.)?(?:core|cli|fiji)(?:\\.[a-z]+)*");
	private static final Pattern DECLARATION = Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z]\\w*)");

	@Test
	void everyPackageHasAPackageInfo() throws IOException {
		List<Path> packages = new ArrayList<>();
		SortedSet<String> without = new TreeSet<>();
		try (Stream<Path> dirs = Files.walk(MAIN)) {
			for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
				try (Stream<Path> files = Files.list(dir)) {
					if (files.noneMatch(f -> f.toString().endsWith(".java"))) continue;
				}
				packages.add(dir);
				if (!Files.isRegularFile(dir.resolve("package-info.java"))) without.add(MAIN.relativize(dir).toString().replace('/', '.'));
			}
		}
		assertTrue(packages.size() >= 15, "expected SegLoop's packages under " + MAIN + ", found " + packages);
		assertTrue(without.isEmpty(), "packages without package-info.java (two or three sentences: what it is for, what it may use): " + without);
	}

	@Test
	void everyClassThatArchitectureMdNamesExists() throws IOException {
		List<String> named = backticked(Files.readString(DOC, StandardCharsets.UTF_8));
		Checked checked = check(named);
		assertTrue(checked.classes >= 60, "expected ARCHITECTURE.md to name SegLoop's classes in backticks; it named " + checked.classes);
		assertTrue(checked.missing.isEmpty(), "ARCHITECTURE.md names what the code does not have (renamed? update the doc): " + checked.missing);
	}

	@Test
	void theCheckerReportsNamesThatDoNotExist() throws IOException {
		String planted = "`ImageQueue` `ImageQueue.next` `ImageScores.Reduction` `FileStore.KEEP_SWEPT` `core.project` `ij.plugin.DICOM` "
			+ "`NoSuchClass` `ImageQueue.noSuchMethod` `ImageQueue.NoSuchInner` `core.nosuch` `java.awt.NoSuch` `segloop init`\n"
			+ "```\n`InAFence`\n```\n";
		Checked checked = check(backticked(planted));
		assertEquals(List.of("ImageQueue.NoSuchInner", "ImageQueue.noSuchMethod", "NoSuchClass", "core.nosuch", "java.awt.NoSuch"),
			List.copyOf(checked.missing));
	}

	record Checked(int classes, SortedSet<String> missing) {}

	/** Which of the names are SegLoop classes (with members), library classes or SegLoop packages that do not exist. */
	static Checked check(List<String> names) throws IOException {
		Map<String, List<Path>> declaredIn = declarations();
		SortedSet<String> missing = new TreeSet<>();
		int classes = 0;
		for (String name : names) {
			Matcher ours = OUR_CLASS.matcher(name);
			if (ours.matches()) {
				classes++;
				if (!exists(ours.group(1), ours.group(2), declaredIn)) missing.add(name);
			}
			else if (OUR_PACKAGE.matcher(name).matches()) {
				Path dir = MAIN.resolve("org/segloop/" + name.replaceFirst("^org\\.segloop\\.", "").replace('.', '/'));
				if (!Files.isDirectory(dir)) missing.add(name);
			}
			else if (QUALIFIED_CLASS.matcher(name).matches() && !libraryClassExists(name)) missing.add(name);
		}
		return new Checked(classes, missing);
	}

	/** Outer.Inner exists when one source file declares both; a member when that file mentions it as a word. */
	private static boolean exists(String classPath, String member, Map<String, List<Path>> declaredIn) throws IOException {
		String[] parts = classPath.split("\\.");
		for (Path file : declaredIn.getOrDefault(parts[0], List.of())) {
			String source = Files.readString(file, StandardCharsets.UTF_8);
			boolean nested = true;
			for (int i = 1; i < parts.length; i++)
				nested &= Pattern.compile("\\b(?:class|interface|record|enum)\\s+" + parts[i] + "\\b").matcher(source).find();
			if (nested && (member == null || Pattern.compile("\\b" + member + "\\b").matcher(source).find())) return true;
		}
		return false;
	}

	private static boolean libraryClassExists(String name) {
		String binary = name;
		while (true) {
			try {
				Class.forName(binary, false, ArchitectureDocTest.class.getClassLoader());
				return true;
			}
			catch (ClassNotFoundException e) {
				int dot = binary.lastIndexOf('.');
				// a nested class: java.awt.RenderingHints.Key is java.awt.RenderingHints$Key
				if (dot < 0 || !Character.isUpperCase(binary.charAt(binary.lastIndexOf('.', dot - 1) + 1))) return false;
				binary = binary.substring(0, dot) + '$' + binary.substring(dot + 1);
			}
		}
	}

	/** Simple type name → the source files (main and test) that declare a type of that name. */
	private static Map<String, List<Path>> declarations() throws IOException {
		Map<String, List<Path>> declaredIn = new HashMap<>();
		for (Path root : List.of(MAIN, TEST))
			try (Stream<Path> files = Files.walk(root)) {
				for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
					Matcher m = DECLARATION.matcher(Files.readString(file, StandardCharsets.UTF_8));
					while (m.find()) declaredIn.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(file);
				}
			}
		return declaredIn;
	}

	/** The text of every `span` outside fenced code blocks. */
	static List<String> backticked(String markdown) {
		List<String> spans = new ArrayList<>();
		boolean fenced = false;
		for (String line : markdown.split("\n")) {
			if (line.strip().startsWith("```")) {
				fenced = !fenced;
				continue;
			}
			if (fenced) continue;
			Matcher m = Pattern.compile("`([^`]+)`").matcher(line);
			while (m.find()) spans.add(m.group(1).strip());
		}
		return spans;
	}
}
