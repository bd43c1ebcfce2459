package org.segloop.core.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.segloop.core.SegLoopException;

/**
 * Left alone, ONNX Runtime unpacks its 22 MB native library into a new {@code onnxruntime-java*}
 * folder of the temporary folder in every process, and SQLite its own into a new {@code sqlite-*}
 * file; both are deleted on a normal exit only, so every killed process leaves them behind.
 * Instead they are unpacked once into SegLoop's cache, {@code native/<library>-<key>/}, where the
 * key is made from the jar the library comes from and its size, and both libraries are told to
 * load from there ({@code onnxruntime.native.path}, {@code org.sqlite.lib.path} and
 * {@code org.sqlite.lib.name}). Unpacking writes a temporary file and renames it into place, so
 * two processes starting at once each see a complete file (the last rename wins, with the same
 * content). A path the user set already is kept. Called where SegLoop first touches each library,
 * so every entry point (CLI, Fiji, child JVMs) goes through it.
 */
public final class NativeLibraries {

	static final String ORT_PATH = "onnxruntime.native.path", SQLITE_PATH = "org.sqlite.lib.path", SQLITE_NAME = "org.sqlite.lib.name";

	private static boolean onnxRuntimeReady, sqliteReady;

	private NativeLibraries() {}

	/** Before ONNX Runtime's first class is initialised: points it at the unpacked copy in the cache. */
	public static synchronized void prepareOnnxRuntime() {
		if (onnxRuntimeReady) return;
		if (System.getProperty(ORT_PATH) == null) {
			String platform = onnxRuntimePlatform();
			List<URL> libraries = new ArrayList<>();
			for (String name : List.of("onnxruntime", "onnxruntime4j_jni")) {
				URL url = resource("ai/onnxruntime/native/" + platform + "/" + System.mapLibraryName(name));
				if (url != null) libraries.add(url);
			}
			// an unknown platform, or a jar without these files (e.g. the GPU build): ORT finds its own way
			if (platform != null && libraries.size() == 2)
				System.setProperty(ORT_PATH, unpack(nativeRoot(), "onnxruntime", libraries).toString());
		}
		onnxRuntimeReady = true;
	}

	/**
	 * After ONNX Runtime is loaded: it makes an {@code onnxruntime-java*} temporary folder even
	 * when it loads from a given path (left empty then, and deleted only on a normal exit); remove it now.
	 */
	public static void removeOnnxRuntimeTemporaryFolder() {
		try {
			java.lang.reflect.Field f = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
			f.setAccessible(true);
			if (f.get(null) instanceof Path folder) Files.deleteIfExists(folder); // fails, harmlessly, if ORT put something there
		}
		catch (ReflectiveOperationException | RuntimeException | IOException ignored) {
			// a later ORT without that field: nothing to tidy, or it is deleted on exit as before
		}
	}

	/** Before SQLite's driver loads its library: points it at the unpacked copy in the cache. */
	public static synchronized void prepareSqlite() {
		if (sqliteReady) return;
		if (System.getProperty(SQLITE_PATH) == null) {
			String name = System.mapLibraryName("sqlitejdbc");
			URL url = null;
			try {
				url = resource("org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name);
			}
			catch (RuntimeException | LinkageError e) {
				// platform not known to the driver: it reports that itself
			}
			if (url != null) {
				Path folder = unpack(nativeRoot(), "sqlite", List.of(url));
				System.setProperty(SQLITE_NAME, name);
				System.setProperty(SQLITE_PATH, folder.toString());
			}
		}
		sqliteReady = true;
	}

	/**
	 * Unpacks {@code libraries} (each named by the last part of its URL) into one folder under
	 * {@code root}, unless a complete copy is there already; returns the folder.
	 *
	 * @throws SegLoopException naming the folder when it cannot be written (no space, no permission)
	 */
	static Path unpack(Path root, String name, List<URL> libraries) {
		Path folder = root.resolve(name + "-" + key(libraries));
		for (URL url : libraries) {
			String file = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
			Path target = folder.resolve(file);
			try {
				long size = size(url);
				if (Files.isRegularFile(target) && Files.size(target) == size) continue;
				Files.createDirectories(folder);
				Path part = Files.createTempFile(folder, "." + file + ".", ".part");
				try {
					long written;
					try (InputStream in = url.openStream(); OutputStream out = Files.newOutputStream(part, StandardOpenOption.WRITE)) {
						written = in.transferTo(out);
					}
					if (written != size) throw new IOException("wrote " + written + " of " + size + " bytes");
					try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(part, StandardOpenOption.WRITE)) {
						ch.force(true); // complete on disk before it becomes visible under its name
					}
					Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				finally {
					Files.deleteIfExists(part);
				}
			}
			catch (IOException e) {
				throw new SegLoopException(folder, "cannot hold " + name + "'s native library " + file + " (" + describe(e) + ")",
					"free some space there or make it writable, or set SEGLOOP_CACHE to a writable folder with 50 MB free", e);
			}
		}
		return folder;
	}

	private static String describe(IOException e) {
		String m = e.getMessage();
		return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
	}

	private static Path nativeRoot() {
		return Folders.cacheRoot().resolve("native");
	}

	/** Same jar, same sizes: same key; another version of the library gets a folder of its own. */
	private static String key(List<URL> libraries) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (URL url : libraries) sha.update((url.toExternalForm() + "\n" + size(url) + "\n").getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha.digest(), 0, 8);
		}
		catch (NoSuchAlgorithmException | IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static long size(URL url) throws IOException {
		URLConnection c = url.openConnection(); // a jar entry's size, from the jar's directory (the jar is cached, not reopened)
		long size = c.getContentLengthLong();
		if (size < 0) throw new IOException("the size of " + url + " is unknown");
		return size;
	}

	private static URL resource(String name) {
		ClassLoader loader = NativeLibraries.class.getClassLoader();
		return loader == null ? ClassLoader.getSystemResource(name) : loader.getResource(name);
	}

	/** ONNX Runtime's name for this platform's folder in its jar, or null where it ships none. */
	private static String onnxRuntimePlatform() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		String o = os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win" : os.contains("nux") ? "linux" : null;
		String a = arch.startsWith("amd64") || arch.startsWith("x86_64") ? "x64" : arch.startsWith("aarch64") ? "aarch64" : null;
		return o == null || a == null ? null : o + "-" + a;
	}
}
