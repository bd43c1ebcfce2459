package org.segloop.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.segloop.cli.Main;

import picocli.CommandLine;

/**
 * Core messages are read word for word in Fiji as well as on the command line, so no string in
 * the compiled core names a CLI command ("segloop predict") or one of its options
 * ("--min-corrections"): the core says what to do, and each surface adds how. The names come
 * from the CLI's own picocli model, so a new command or option is covered at once. String
 * constants are read from the class files' constant pools (the pieces of every concatenation
 * are constants there too; comments are not), so a comment may still mention the CLI.
 */
class SurfaceNeutralCoreMessagesTest {

	private static final Pattern CLI_NAMES = cliNames();

	@Test
	void noStringInTheCoreNamesACliCommandOrOption() throws IOException {
		Path core = Path.of("target", "classes", "org", "segloop", "core");
		List<Path> classes;
		try (Stream<Path> s = Files.walk(core)) {
			classes = s.filter(p -> p.toString().endsWith(".class")).toList();
		}
		assertTrue(classes.size() > 50, "expected the compiled core under " + core);
		Set<String> found = new TreeSet<>();
		for (Path c : classes)
			for (String text : stringConstants(c))
				if (!cliNamesIn(text).isEmpty()) found.add(core.relativize(c) + ": " + text.replace('\u0001', '…'));
		assertEquals(Set.of(), found, "core strings that name the CLI's commands or options");
	}

	@Test
	void theScanFindsCommandsAndOptionsInATextAndLeavesOtherDashesAlone() {
		assertEquals(List.of("segloop predict"), cliNamesIn("image 4 has no proposal — run 'segloop predict' first"));
		assertEquals(List.of("segloop next", "segloop accept", "--min-corrections"),
			cliNamesIn("correct 2 more images ('segloop next', then 'segloop accept'), or lower --min-corrections"));
		assertEquals(List.of("--skip-bad"), cliNamesIn("or register the others with --skip-bad"));
		assertEquals(List.of(), cliNamesIn("decompress it first, e.g. `gdcmconv --raw in.dcm out.dcm` (GDCM)"), "not a SegLoop option");
		assertEquals(List.of(), cliNamesIn("-Dsegloop.cache=/tmp/c"), "a system property, not a command");
		assertEquals(List.of(), cliNamesIn("correct 2 more images, or lower the minimum number of corrected images"));
	}

	@Test
	void theScanReadsTheStringsOfACompiledClass() throws IOException {
		Path planted = Path.of("target", "test-classes", "org", "segloop", "architecture", "SurfaceNeutralCoreMessagesTest$Planted.class");
		List<String> named = stringConstants(planted).stream().flatMap(s -> cliNamesIn(s).stream()).toList();
		assertTrue(named.containsAll(List.of("segloop remove", "--replace")), "found in the planted class: " + named);
	}

	/** A class whose messages name the CLI, as core messages once did: the scan must see them. */
	static final class Planted {
		static String fix(long id, Path file) {
			return "take it out with 'segloop remove " + id + "', or re-register it with --replace " + file;
		}
	}

	/** The CLI's commands ("segloop NAME") and long options ("--name") that {@code text} names, in order. */
	static List<String> cliNamesIn(String text) {
		List<String> names = new ArrayList<>();
		Matcher m = CLI_NAMES.matcher(text);
		while (m.find()) names.add(m.group());
		return names;
	}

	private static Pattern cliNames() {
		CommandLine cli = new CommandLine(new Main());
		Set<String> options = new TreeSet<>();
		collectOptions(cli, options);
		String commands = cli.getSubcommands().keySet().stream().map(Pattern::quote).collect(Collectors.joining("|"));
		String flags = options.stream().map(Pattern::quote).collect(Collectors.joining("|"));
		return Pattern.compile("\\bsegloop (?:" + commands + ")\\b|(?<![\\w-])(?:" + flags + ")(?![\\w-])");
	}

	private static void collectOptions(CommandLine c, Set<String> into) {
		c.getCommandSpec().options().forEach(o -> Stream.of(o.names()).filter(n -> n.startsWith("--")).forEach(into::add));
		c.getSubcommands().values().forEach(sub -> collectOptions(sub, into));
	}

	/** The string constants of a class file: the literals, and the constant pieces of its concatenations. */
	static List<String> stringConstants(Path classFile) throws IOException {
		try (DataInputStream in = new DataInputStream(Files.newInputStream(classFile))) {
			in.skipBytes(8); // magic, minor and major version
			int count = in.readUnsignedShort();
			String[] utf8 = new String[count];
			List<Integer> strings = new ArrayList<>();
			for (int i = 1; i < count; i++) {
				int tag = in.readUnsignedByte();
				switch (tag) {
					case 1 -> utf8[i] = in.readUTF();
					case 8 -> strings.add(in.readUnsignedShort());
					case 7, 16, 19, 20 -> in.skipBytes(2);
					case 15 -> in.skipBytes(3);
					case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
					case 5, 6 -> {
						in.skipBytes(8);
						i++; // takes two slots
					}
					default -> throw new IOException(classFile + ": unknown constant pool tag " + tag);
				}
			}
			return strings.stream().map(i -> utf8[i]).toList();
		}
	}
}
