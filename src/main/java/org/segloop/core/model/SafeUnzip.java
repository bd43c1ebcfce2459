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
 * capped by counting the bytes actually inflated (headers can lie), so a zip bomb stops early.
 */
final class SafeUnzip {

	record Limits(int maxEntries, long maxTotalBytes, long maxRatio) {}

	/** Model packages are tens of MB; a few GiB of weights is the most we accept. */
	static final Limits DEFAULT = new Limits(10_000, 4L << 30, 200);

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
				Files.createDirectories(out.getParent());
				try (OutputStream os = Files.newOutputStream(out)) {
					for (int n; (n = in.read(buffer)) > 0;) {
						total += n;
						if (total > limits.maxTotalBytes()) throw bomb(zip, "unpacks to more than " + (limits.maxTotalBytes() >> 20) + " MiB");
						if (total > (1 << 20) && total / compressedSize > limits.maxRatio())
							throw bomb(zip, "unpacks to more than " + limits.maxRatio() + " times its own size (a zip bomb)");
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

	private static ModelPackageException bomb(Path zip, String what) {
		return new ModelPackageException(zip, what, "this archive is not a plausible model package; refusing to unpack it");
	}

}
