/**
 * One mechanism for everything SegLoop finds by name (scorers, queue strategies, export formats,
 * image sources, and later label importers and agreement measures): an extension point is an
 * interface extending {@link org.segloop.core.registry.Extension}, its implementations are listed in
 * {@code META-INF/services}, and a {@link org.segloop.core.registry.Registry} per extension point is
 * the one list of names that validation, the CLI and Fiji read. Depends only on the core's typed
 * error ({@link org.segloop.core.SegLoopException}): a broken or failing extension is a user error.
 */
package org.segloop.core.registry;
