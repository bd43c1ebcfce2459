package org.segloop.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The core's packages form no loop: each can be understood (and one day split out) with only the
 * packages below it. A loop between two packages means a class sits in the wrong one, as the
 * cache folder once did in core.model (used by core.util) and ONNX Runtime's environment in
 * core.inference (used by core.model).
 */
class CorePackageCyclesTest {

	@Test
	void theCorePackagesDependOnEachOtherWithoutALoop() throws IOException {
		SortedMap<String, SortedSet<String>> uses = new TreeMap<>();
		List<Path> all = ClassReferences.classFilesUnder(HeadlessCoreTest.MAIN_CLASSES.resolve("core"));
		assertTrue(all.size() > 150, "expected the compiled core classes under " + HeadlessCoreTest.MAIN_CLASSES);
		for (Path file : all) {
			String from = packageOf(HeadlessCoreTest.MAIN_CLASSES.getParent().getParent().relativize(file).toString().replace('\\', '/'));
			SortedSet<String> targets = uses.computeIfAbsent(from, k -> new TreeSet<>());
			for (String ref : ClassReferences.of(file)) {
				if (!ref.startsWith("org/segloop/core/")) continue;
				String to = packageOf(ref);
				if (!to.equals(from)) targets.add(to);
			}
		}
		assertEquals(List.of(), loops(uses), "core packages that use each other (move the class that closes the loop):\n" + uses);
	}

	@Test
	void theCheckFindsALoopThroughSeveralPackages() {
		Map<String, Set<String>> uses = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of(), "e", Set.of("d"));
		assertEquals(List.of(List.of("a", "b", "c")), loops(uses));
	}

	/** "org/segloop/core/model/X" -> "core.model"; a class directly in org.segloop.core -> "core". */
	static String packageOf(String internalName) {
		String pkg = internalName.substring(0, internalName.lastIndexOf('/')).replace('/', '.');
		return pkg.substring("org.segloop.".length());
	}

	/** The strongly connected groups of more than one package (Tarjan), each sorted, in sorted order. */
	static List<List<String>> loops(Map<String, ? extends Set<String>> uses) {
		Tarjan t = new Tarjan(uses);
		for (String node : new TreeSet<>(uses.keySet())) if (!t.index.containsKey(node)) t.visit(node);
		t.groups.sort((x, y) -> x.get(0).compareTo(y.get(0)));
		return t.groups;
	}

	private static final class Tarjan {
		final Map<String, ? extends Set<String>> uses;
		final Map<String, Integer> index = new TreeMap<>(), low = new TreeMap<>();
		final Deque<String> stack = new ArrayDeque<>();
		final List<List<String>> groups = new ArrayList<>();

		Tarjan(Map<String, ? extends Set<String>> uses) {
			this.uses = uses;
		}

		void visit(String v) {
			index.put(v, index.size());
			low.put(v, index.get(v));
			stack.push(v);
			Set<String> targets = uses.containsKey(v) ? uses.get(v) : Set.of();
			for (String w : targets) {
				if (!index.containsKey(w)) {
					visit(w);
					low.put(v, Math.min(low.get(v), low.get(w)));
				}
				else if (stack.contains(w)) low.put(v, Math.min(low.get(v), index.get(w)));
			}
			if (low.get(v).equals(index.get(v))) {
				List<String> group = new ArrayList<>();
				String w;
				do {
					w = stack.pop();
					group.add(w);
				} while (!w.equals(v));
				if (group.size() > 1) groups.add(group.stream().sorted().toList());
			}
		}
	}
}
