package org.segloop.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The classes a compiled class refers to, read from its constant pool (JVMS §4.4): the names of its
 * Class entries, and every class named in a field, method, generic-signature or annotation
 * descriptor. String literals are left out, so a message that mentions a class is not a use of it.
 * Java 17 has no class-file API and ASM is not on our class path; the format is small enough to read.
 */
final class ClassReferences {

	/** A class in a descriptor or signature: {@code Ljava/awt/Robot;} or {@code Ljava/util/List<...>;}. */
	private static final Pattern DESCRIBED_CLASS = Pattern.compile("L([\\w$]+(?:/[\\w$]+)+)[;<]");

	private ClassReferences() {}

	/** Internal names (java/awt/Robot) of the classes {@code classFile} refers to, nested ones with their $. */
	static Set<String> of(Path classFile) throws IOException {
		List<String> utf8 = new ArrayList<>();
		Set<Integer> classNames = new HashSet<>();
		Set<Integer> stringLiterals = new HashSet<>();
		try (DataInputStream in = new DataInputStream(Files.newInputStream(classFile))) {
			if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file: " + classFile);
			in.readUnsignedShort();
			in.readUnsignedShort();
			int count = in.readUnsignedShort();
			utf8.add(null); // the pool counts from 1
			for (int i = 1; i < count; i++) {
				int tag = in.readUnsignedByte();
				String text = null;
				switch (tag) {
					case 1 -> text = in.readUTF();
					case 7 -> classNames.add(in.readUnsignedShort());
					case 8 -> stringLiterals.add(in.readUnsignedShort());
					case 16, 19, 20 -> in.readUnsignedShort();
					case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
					case 15 -> {
						in.readUnsignedByte();
						in.readUnsignedShort();
					}
					case 5, 6 -> { // a long or a double takes two entries
						in.readLong();
						utf8.add(null);
						i++;
					}
					default -> throw new IOException("unknown constant pool tag " + tag + " in " + classFile);
				}
				utf8.add(text);
			}
		}
		Set<String> refs = new TreeSet<>();
		for (int i = 1; i < utf8.size(); i++) {
			String text = utf8.get(i);
			if (text == null) continue;
			boolean className = classNames.contains(i);
			if (className && !text.startsWith("[")) refs.add(text);
			if (!className && stringLiterals.contains(i)) continue;
			Matcher described = DESCRIBED_CLASS.matcher(text); // also finds the element class of [Ljava/awt/Robot;
			while (described.find()) refs.add(described.group(1));
		}
		return refs;
	}

	/** The .class files under {@code dir} (none if it does not exist). */
	static List<Path> classFilesUnder(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) return List.of();
		try (Stream<Path> s = Files.walk(dir)) {
			return s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
		}
	}
}
