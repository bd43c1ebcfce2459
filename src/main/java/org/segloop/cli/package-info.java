/**
 * The {@code segloop} command line: one picocli command per verb under {@link Main}, each parsing its
 * options, calling the core and printing (text or JSON). Uses the core only, never Fiji or a GUI
 * class ({@code HeadlessCoreTest}, {@code LayerDirectionTest}).
 */
package org.segloop.cli;
