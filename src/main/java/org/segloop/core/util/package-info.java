/**
 * Small helpers the core shares: content hashes ({@link Hashing}), folders, NumPy files ({@link Npy})
 * and {@link NativeLibraries}, which unpacks ONNX Runtime's and SQLite's native libraries once into
 * SegLoop's cache ({@link Folders#cacheRoot}), and ONNX Runtime's one environment ({@link OrtLogging}).
 * Uses no other core package.
 */
package org.segloop.core.util;
