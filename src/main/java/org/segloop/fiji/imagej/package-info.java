/**
 * Plain ImageJ without Fiji ({@code ./segloop imagej}): {@link SegLoopImageJ} starts it with SegLoop's
 * commands in the Plugins menu, and {@link CommandBridge} runs them through SciJava with
 * macro-recordable dialogs. Uses fiji and the core.
 */
package org.segloop.fiji.imagej;
