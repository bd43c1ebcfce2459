package org.segloop.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Dependencies point down only: the headless core uses no surface; the CLI and Fiji are two
 * surfaces over the core and neither uses the other; the ImageJ 1.x bridge (fiji.imagej) sits on
 * top of Fiji. Read from the compiled classes, so a fully qualified name or a same-package
 * reference counts as much as an import.
 */
class LayerDirectionTest {

	/** Each layer (by package, most specific first) and the layers it may use, itself included. */
	static final Map<String, List<String>> MAY_USE = Map.of(
		"core", List.of("core"),
		"cli", List.of("core", "cli"),
		"fiji", List.of("core", "fiji"),
		"fiji.imagej", List.of("core", "fiji", "fiji.imagej"));

	@Test
	void everyLayerUsesOnlyTheLayersBelowIt() throws IOException {
		List<Path> all = ClassReferences.classFilesUnder(HeadlessCoreTest.MAIN_CLASSES);
		assertTrue(all.size() > 200, "expected the compiled classes under " + HeadlessCoreTest.MAIN_CLASSES);
		SortedSet<String> upward = new TreeSet<>();
		for (Path file : all) {
			String name = HeadlessCoreTest.MAIN_CLASSES.getParent().getParent().relativize(file).toString().replace('\\', '/');
			String layer = layerOf(name);
			if (layer == null) upward.add(name + " is in no layer (add its package to MAY_USE)");
			else for (String use : upwardUses(layer, file)) upward.add(name + ": " + use);
		}
		assertTrue(upward.isEmpty(), "dependencies against the layer order core <- cli, core <- fiji <- fiji.imagej:\n  "
			+ String.join("\n  ", upward));
	}

	@Test
	void theCheckerReportsACoreClassThatUsesASurface() throws IOException {
		Path planted = HeadlessCoreTest.plantedClassFile(PlantedSurfaceUse.class);
		assertEquals(List.of("core -> org/segloop/cli/Main", "core -> org/segloop/fiji/SegLoopService",
			"core -> org/segloop/fiji/imagej/SegLoopImageJ"), List.copyOf(upwardUses("core", planted)));
		assertEquals(List.of("cli -> org/segloop/fiji/SegLoopService", "cli -> org/segloop/fiji/imagej/SegLoopImageJ"),
			List.copyOf(upwardUses("cli", planted)));
		assertEquals(List.of("fiji -> org/segloop/cli/Main", "fiji -> org/segloop/fiji/imagej/SegLoopImageJ"),
			List.copyOf(upwardUses("fiji", planted)));
	}

	/** The layer of a class or package in internal form (org/segloop/fiji/imagej/X), null outside SegLoop's layers. */
	static String layerOf(String internalName) {
		for (String layer : List.of("fiji.imagej", "fiji", "cli", "core"))
			if (internalName.startsWith("org/segloop/" + layer.replace('.', '/') + "/")) return layer;
		return null;
	}

	/** "layer -> class" for each SegLoop class {@code classFile} refers to in a layer that {@code layer} may not use. */
	static SortedSet<String> upwardUses(String layer, Path classFile) throws IOException {
		SortedSet<String> upward = new TreeSet<>();
		for (String ref : ClassReferences.of(classFile)) {
			String target = layerOf(ref);
			if (target != null && !MAY_USE.get(layer).contains(target)) upward.add(layer + " -> " + ref);
		}
		return upward;
	}

	/** Planted in the test classes (which the real check does not read): a class that uses every surface. */
	@SuppressWarnings("unused")
	static final class PlantedSurfaceUse {
		org.segloop.cli.Main cli;
		org.segloop.fiji.SegLoopService fiji;
		org.segloop.fiji.imagej.SegLoopImageJ imagej;
	}
}
