/**
 * Small helpers the core shares: content hashes ({@link Hashing}), folders, NumPy files ({@link Npy})
 * and {@link NativeLibraries}, which unpacks ONNX Runtime's and SQLite's native libraries once into
 * SegLoop's cache. Uses core.model only for the package cache key.
 */
package org.segloop.core.util;
