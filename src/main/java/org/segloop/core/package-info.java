/**
 * SegLoop's headless core: everything the product does, without a screen, for the CLI, Fiji and
 * any other surface alike. This package holds only {@link SegLoopException}, the base of the typed
 * errors every layer shows as they are; the core uses no surface package and no GUI class
 * ({@code HeadlessCoreTest}, {@code LayerDirectionTest}).
 */
package org.segloop.core;
