/**
 * SegLoop's headless core: everything the product does, without a screen, for the CLI, Fiji and
 * any other surface alike. This package holds {@link SegLoopException}, the base of the typed errors
 * every layer shows, and the typed {@link Remedy} values ({@link UserAction}, {@link UserSetting})
 * an error carries so each surface can add its own way of doing the fix; the core uses no surface
 * package and no GUI class
 * ({@code HeadlessCoreTest}, {@code LayerDirectionTest}).
 */
package org.segloop.core;
