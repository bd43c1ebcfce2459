package org.segloop.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The headless core (org.segloop.core and the CLI) must run without a display and must never
 * reach into ImageJ windows, the ROI Manager or Swing. This reads the constant pool of every
 * compiled class and fails on any reference to a GUI package or class.
 */
class HeadlessCoreTest {

	/** Class-name prefixes (internal form) the core may not use. */
	static final List<String> FORBIDDEN = List.of("javax/swing/", "java/awt/Window", "java/awt/Frame", "java/awt/Dialog",
		"java/awt/Component", "java/awt/Container", "java/awt/event/", "ij/gui/", "ij/plugin/frame/", "ij/WindowManager",
		"ij/IJ", "ij/ImageJ", "ij/Menus", "org/scijava/ui/", "org/segloop/fiji/");

	@Test
	void coreAndCliClassesReferenceNoWindowsRoiManagerOrSwing() throws IOException {
		Path classes = Path.of("target", "classes", "org", "segloop");
		List<Path> files = new ArrayList<>();
		for (String pkg : List.of("core", "cli")) try (Stream<Path> s = Files.walk(classes.resolve(pkg))) {
			s.filter(p -> p.toString().endsWith(".class")).forEach(files::add);
		}
		assertTrue(files.size() > 20, "expected the compiled core under " + classes);
		Set<String> violations = new TreeSet<>();
		for (Path f : files)
			for (String ref : classReferences(f))
				for (String bad : FORBIDDEN)
					if (bad.endsWith("/") ? ref.startsWith(bad) : ref.equals(bad) || ref.startsWith(bad + "$"))
						violations.add(f.getFileName() + " -> " + ref);
		assertTrue(violations.isEmpty(), "headless core uses GUI classes: " + violations);
	}

	@Test
	void theCheckerSeesGuiReferences() throws IOException {
		Path self = Path.of("target", "test-classes", "org", "segloop", "architecture", "HeadlessCoreTest$GuiUser.class");
		assertTrue(classReferences(self).contains("javax/swing/JFrame"));
	}

	/** A class that uses Swing, to prove the checker finds such references. */
	static final class GuiUser {
		Object frame() {
			return new javax.swing.JFrame();
		}
	}

	/** Class names (internal form) referenced from the constant pool, including in descriptors. */
	static Set<String> classReferences(Path classFile) throws IOException {
		Set<String> refs = new TreeSet<>();
		try (DataInputStream in = new DataInputStream(Files.newInputStream(classFile))) {
			in.readInt();
			in.readUnsignedShort();
			in.readUnsignedShort();
			int count = in.readUnsignedShort();
			for (int i = 1; i < count; i++) {
				int tag = in.readUnsignedByte();
				switch (tag) {
					case 1 -> {
						String utf = in.readUTF();
						// descriptors such as (Ljavax/swing/JFrame;)V and plain class names
						for (String part : utf.split("[;()\\[]"))
							refs.add(part.startsWith("L") && part.contains("/") ? part.substring(1) : part);
					}
					case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
					case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
					case 15 -> {
						in.readUnsignedByte();
						in.readUnsignedShort();
					}
					case 5, 6 -> {
						in.readLong();
						i++;
					}
					default -> throw new IOException("unknown constant pool tag " + tag + " in " + classFile);
				}
			}
		}
		return refs;
	}
}
