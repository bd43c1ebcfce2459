/**
 * One mechanism for everything SegLoop finds by name (scorers, queue strategies, export formats,
 * image sources, and later label importers and agreement measures): an extension point is an
 * interface extending {@link org.segloop.core.registry.Extension}, its implementations are listed in
 * {@code META-INF/services}, and a {@link org.segloop.core.registry.Registry} per extension point is
 * the one list of names that validation, the CLI and Fiji read. Depends on nothing else in SegLoop.
 */
package org.segloop.core.registry;
