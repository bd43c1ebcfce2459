package org.segloop.core.model;

import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * SnakeYAML implements YAML 1.1, where {@code y}, {@code n}, {@code on} and {@code off} are
 * booleans; rdf.yaml files are written for YAML 1.2 readers, where {@code id: y} is the axis "y".
 * This resolver keeps only true/false as booleans.
 */
final class Yaml12Resolver extends Resolver {

	private static final Pattern BOOL_12 = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");

	@Override
	protected void addImplicitResolvers() {
		addImplicitResolver(Tag.BOOL, BOOL_12, "tfTF");
		addImplicitResolver(Tag.INT, INT, "-+0123456789");
		addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
		addImplicitResolver(Tag.MERGE, MERGE, "<");
		addImplicitResolver(Tag.NULL, NULL, "~nN\0");
		addImplicitResolver(Tag.NULL, EMPTY, null);
	}
}
