/**
 * SegLoop in Fiji: SciJava commands (macro-recordable), {@link SegLoopService} with the one
 * {@link SessionThread} that owns the open {@link AnnotationSession}, the views that show proposals as
 * ROIs, and the Swing {@link QueuePanel} (EDT only). The only layer that may use ImageJ's GUI; uses
 * the core, never the CLI.
 */
package org.segloop.fiji;
