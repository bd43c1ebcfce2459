package org.segloop.fiji;

import java.util.stream.Collectors;

import org.scijava.module.MutableModuleItem;
import org.segloop.core.registry.Registry;

/**
 * Fills a command's choice list from a core registry when SciJava initialises the command, so the
 * dialog offers what the CLI accepts, extensions from added jars included; the descriptions become
 * the input's tooltip.
 */
final class RegisteredChoices {

	private RegisteredChoices() {}

	static void offer(MutableModuleItem<String> input, Registry<?> registry) {
		input.setChoices(registry.names());
		input.setDescription(registry.all().stream().map(e -> e.name() + ": " + e.description()).collect(Collectors.joining("\n")));
	}
}
