package org.segloop.core.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Extracts a zipped model package without trusting it: every entry must land inside the target
 * folder (zip-slip), and the number of entries, the total size and the compression ratio are
 * capped by counting the bytes actually inflated (headers can lie; a declared size above the cap
 * is refused before anything is written), so a zip bomb stops early. The caller deletes the
 * target folder on refusal.
 */
final class SafeUnzip {

	/**
	 * @param maxRatio how many times its own size an archive may grow, checked once more than
	 *        {@code ratioFloorBytes} are written (a small package full of zeros is no bomb)
	 */
	record Limits(int maxEntries, long maxTotalBytes, long maxRatio, long ratioFloorBytes) {

		/** The defaults, each cap overridable by a system property (for the CLI: SEGLOOP_JAVA_OPTS="-Xmx8g -D…"). */
		static Limits fromSystemProperties(Path zip) {
			return new Limits(DEFAULT.maxEntries(), property(zip, MAX_UNPACKED_MIB, DEFAULT.maxTotalBytes() >> 20) << 20,
				property(zip, MAX_RATIO, DEFAULT.maxRatio()), DEFAULT.ratioFloorBytes());
		}

		private static long property(Path zip, String name, long fallback) {
			String value = System.getProperty(name);
			if (value == null || value.isBlank()) return fallback;
			try {
				long v = Long.parseLong(value.trim());
				if (v >= 1 && v <= (1L << 40)) return v;
			}
			catch (NumberFormatException e) {
				// reported below
			}
			throw new ModelPackageException(zip, "cannot be unpacked: the setting " + name + "=" + value + " is not a whole number from 1 up",
				"set -D" + name + " to a positive whole number, or remove it to use the default (" + fallback + ")");
		}
	}

	static final String MAX_UNPACKED_MIB = "segloop.package.maxUnpackedMiB", MAX_RATIO = "segloop.package.maxRatio";

	/**
	 * Model packages are tens of MB and their weights barely compress (float32 data deflates to
	 * about 90 %): 2 GiB unpacked (ONNX's own limit for a file) and 20 times growth are generous.
	 */
	static final Limits DEFAULT = new Limits(10_000, 2L << 30, 20, 8L << 20);

	private SafeUnzip() {}

	static void extract(Path zip, Path target, Limits limits) {
		Path root = target.toAbsolutePath().normalize();
		long compressedSize;
		try {
			compressedSize = Math.max(1, Files.size(zip));
		}
		catch (IOException e) {
			throw new ModelPackageException(zip, "cannot be read: " + e.getMessage(), "check the file exists and is readable", e);
		}
		int entries = 0;
		long total = 0;
		byte[] buffer = new byte[1 << 16];
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
			for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
				if (++entries > limits.maxEntries()) throw bomb(zip, "has more than " + limits.maxEntries() + " entries");
				String name = entry.getName().replace('\\', '/');
				Path out = root.resolve(name).normalize();
				if (name.startsWith("/") || name.contains(":") || !out.startsWith(root) || out.equals(root))
					throw new ModelPackageException(zip, "entry '" + entry.getName() + "' would be written outside the package folder",
						"this archive is malformed or hostile; do not use it — rebuild the package with relative entry names");
				if (entry.isDirectory()) {
					Files.createDirectories(out);
					continue;
				}
				if (entry.getSize() > limits.maxTotalBytes() - total) throw tooLarge(zip, "entry '" + entry.getName() + "' declares "
					+ (entry.getSize() >> 20) + " MiB, more than the " + (limits.maxTotalBytes() >> 20) + " MiB a package may unpack to", limits);
				Files.createDirectories(out.getParent());
				try (OutputStream os = Files.newOutputStream(out)) {
					for (int n; (n = in.read(buffer)) > 0;) {
						total += n;
						if (total > limits.maxTotalBytes()) throw tooLarge(zip, "unpacks to more than " + (limits.maxTotalBytes() >> 20) + " MiB", limits);
						if (total > limits.ratioFloorBytes() && total / compressedSize > limits.maxRatio())
							throw new ModelPackageException(zip, "unpacks to more than " + limits.maxRatio() + " times its own size (a zip bomb)",
								"this archive is not a plausible model package; if you trust it, unpack it yourself and open the folder, "
									+ "or raise the cap with -D" + MAX_RATIO + "=N");
						os.write(buffer, 0, n);
					}
				}
			}
		}
		catch (ZipException e) {
			throw new ModelPackageException(zip, "is not a readable zip archive: " + e.getMessage(),
				"re-create the archive, or unpack it yourself and open the folder", e);
		}
		catch (IOException e) {
			throw new ModelPackageException(zip, "could not be unpacked: " + e.getMessage(), "check free disk space and permissions", e);
		}
		if (entries == 0) throw new ModelPackageException(zip, "is empty or not a zip archive",
			"open the package folder itself, or a zip that contains rdf.yaml and the weights");
	}

	private static ModelPackageException tooLarge(Path zip, String what, Limits limits) {
		return new ModelPackageException(zip, what, "unpack it yourself and open the folder, or raise the cap with -D"
			+ MAX_UNPACKED_MIB + "=N (now " + (limits.maxTotalBytes() >> 20) + ")");
	}

	private static ModelPackageException bomb(Path zip, String what) {
		return new ModelPackageException(zip, what, "this archive is not a plausible model package; refusing to unpack it");
	}

}
